import type Docker from 'dockerode';
import {useSyncExternalStore} from 'react';
import {linkHealthOf, type LinkState} from '../engine/transport/link-health.js';

/** Whether the client's requests and streams have been failing lately (see engine/link-health.ts). */
export function useLinkHealth(docker: Docker): LinkState {
	const health = linkHealthOf(docker);
	return useSyncExternalStore(listener => health.subscribe(listener), () => health.current);
}

import type Docker from 'dockerode';
import {useEffect, useState, useSyncExternalStore} from 'react';
import {StatsHub} from '../engine/streams/stats-hub.js';
import type {StatsSample} from '../engine/streams/stats.js';

export interface StatsState {
	/** The latest sample per running container; a new map at most about once a second. */
	readonly latest: ReadonlyMap<string, StatsSample>;
	/** Per-container history, kept for every running container so a detail view opens with history. */
	readonly hub: StatsHub;
}

/**
 * One streaming stats subscription per running container, opened and closed as
 * containers start and stop (never polled); the hub coalesces the daemon's
 * once-a-second burst into one update.
 */
export function useStats(docker: Docker, runningIds: readonly string[], isLive: boolean): StatsState {
	const [hub] = useState(() => new StatsHub(docker));
	const idsKey = isLive ? [...runningIds].sort().join(',') : '';

	useEffect(() => {
		hub.setRunning(idsKey ? idsKey.split(',') : []);
	}, [hub, idsKey]);
	useEffect(() => () => hub.close(), [hub]);

	const latest = useSyncExternalStore(listener => hub.subscribe(listener), () => hub.latest);
	return {latest, hub};
}

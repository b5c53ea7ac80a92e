import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import {containerLimits, type ContainerLimits} from '../../engine/resources/limits.js';
import {retryRead} from '../../engine/transport/retry-read.js';

/**
 * The container's limits and restart count from one inspect when the view
 * opens, and again only when its state or status words change (an event:
 * a restart, an update), never per stats tick.
 */
export function useContainerLimits(docker: Docker, id: string, stateKey: string): {readonly limits?: ContainerLimits; readonly error?: string} {
	const [result, setResult] = useState<{readonly limits?: ContainerLimits; readonly error?: string}>({});
	useEffect(() => {
		const controller = new AbortController();
		// A read lost on a faulty link is read again, so the view converges once the link heals.
		retryRead(docker, () => containerLimits(docker, id, controller.signal), controller.signal).then(
			limits => {
				if (!controller.signal.aborted) setResult({limits});
			},
			(error: Error) => {
				if (!controller.signal.aborted) setResult(previous => ({...previous, error: error.message}));
			},
		);
		return () => controller.abort();
	}, [docker, id, stateKey]);
	return result;
}

import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import {coalesce} from '../engine/coalesce.js';
import {followEvents} from '../engine/events.js';
import {hostInfo, type HostInfo} from '../engine/host-info.js';

// Only what changes the image and volume counts; the host's CPUs and memory do not change while berth runs.
const countChangingEvents = {
	type: ['image', 'volume'],
	event: ['pull', 'import', 'load', 'tag', 'delete', 'untag', 'prune', 'create', 'destroy'],
};

/** The host's CPUs, memory, and image/volume counts: fetched once, again only when an image or volume event says so. */
export function useHostInfo(docker: Docker, isLive: boolean): HostInfo | undefined {
	const [info, setInfo] = useState<HostInfo | undefined>(undefined);
	useEffect(() => {
		if (!isLive) return undefined;
		const controller = new AbortController();
		const refresh = coalesce(async () => {
			try {
				const next = await hostInfo(docker, controller.signal);
				if (!controller.signal.aborted) setInfo(next);
			} catch {
				// The header just keeps the last counts; the container list reports a lost engine.
			}
		}, 100, 1000);
		void followEvents(docker, countChangingEvents, {
			onConnected: () => refresh.runNow(),
			onEvent: () => refresh.trigger(),
			onLost: () => undefined,
		}, controller.signal);
		return () => {
			controller.abort();
			refresh.cancel();
		};
	}, [docker, isLive]);
	return info;
}

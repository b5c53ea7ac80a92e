import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import {refreshOnEvents} from '../engine/streams/event-refresh.js';
import {hostInfo, type HostInfo} from '../engine/resources/host-info.js';

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
		return refreshOnEvents(docker, countChangingEvents, async signal => {
			// On failure the header keeps the last counts while the read is retried.
			const next = await hostInfo(docker, signal);
			if (!signal.aborted) setInfo(next);
		}, {delayMs: 100, minIntervalMs: 1000}).stop;
	}, [docker, isLive]);
	return info;
}

import type Docker from 'dockerode';
import {useEffect, useState, useSyncExternalStore} from 'react';
import {StatsHub} from '../engine/streams/stats-hub.js';
import type {StatsSample} from '../engine/streams/stats.js';
import type {StatsSource, StatsSourceState} from '../engine/streams/stats-source.js';

export interface StatsState {
	/** The latest sample per running container; a new map at most about once a second. */
	readonly latest: ReadonlyMap<string, StatsSample>;
	/** Per-container history, kept for every running container so a detail view opens with history. */
	readonly hub: StatsHub;
	/** Which source serves (undefined: the engine's streams, no choice made). */
	readonly sourceState: StatsSourceState | undefined;
}

const noSource = () => () => undefined;
const nothing = () => undefined;

/**
 * Stats of every running container from the source given (the local cgroup
 * collector or the engine's streams), else one streaming stats subscription per running container, opened and closed as
 * containers start and stop (never polled); the hub coalesces the daemon's
 * once-a-second burst into one update.
 */
export function useStats(docker: Docker, runningIds: readonly string[], isLive: boolean, source?: StatsSource): StatsState {
	const [hub] = useState(() => new StatsHub(docker, source ? {source: source.stream} : {}));
	const idsKey = isLive ? [...runningIds].sort().join(',') : '';

	useEffect(() => {
		hub.setRunning(idsKey ? idsKey.split(',') : []);
	}, [hub, idsKey]);
	useEffect(() => () => hub.close(), [hub]);

	const latest = useSyncExternalStore(listener => hub.subscribe(listener), () => hub.latest);
	const sourceState = useSyncExternalStore(source ? listener => source.subscribe(listener) : noSource, source ? () => source.state : nothing);
	return {latest, hub, sourceState};
}

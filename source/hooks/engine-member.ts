// Everything berth keeps about one engine while it is in use: its container
// list and link, the stats of its running containers, its host figures and its
// status words. EngineProvider holds one; a fleet holds one per engine.
import type Docker from 'dockerode';
import {useCallback, useMemo} from 'react';
import {inspectTimes} from '../engine/resources/container-times.js';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {StatsHub} from '../engine/streams/stats-hub.js';
import type {StatsSample} from '../engine/streams/stats.js';
import type {StatsSource} from '../engine/streams/stats-source.js';
import {useContainers} from './use-containers.js';
import {useHostInfo} from './use-host-info.js';
import {useLinkHealth} from './use-link-health.js';
import {useStats} from './use-stats.js';
import {useStatusWords, type StatusWords} from './use-status-words.js';
import type {EngineState} from './engine-context.js';

export interface EngineMember {
	/** What the HOST column and the header call it (a context, a configured host, an address). */
	readonly name: string;
	readonly docker: Docker;
	readonly initialContainers?: readonly ContainerSummary[];
	readonly statsSource?: StatsSource;
}

/** One engine's share of what the app reads (EngineState), with its name, its latest samples and its own stats hub. */
export interface MemberState extends Omit<EngineState, 'statsHub' | 'engines' | 'fleet'> {
	readonly name: string;
	readonly stats: ReadonlyMap<string, StatsSample>;
	readonly statsHub: StatsHub;
	readonly statusWords: StatusWords;
}

export function useMemberState(member: EngineMember): MemberState {
	const {docker, name} = member;
	const {containers, isLoaded, connection, listError, staleSince} = useContainers(docker, member.initialContainers);
	const link = useLinkHealth(docker);
	// Paused containers keep their stream: the daemon reports them at 0% CPU rather than dropping them.
	const runningIds = useMemo(() => containers.filter(c => c.state === 'running' || c.state === 'paused').map(c => c.id), [containers]);
	const {latest: stats, hub: statsHub, sourceState: statsSource} = useStats(docker, runningIds, connection.status === 'live', member.statsSource);
	const host = useHostInfo(docker, connection.status === 'live');
	const inspect = useCallback((id: string, signal: AbortSignal) => inspectTimes(docker, id, signal), [docker]);
	// Until /info has said how the engine's clock stands to ours, the list's own words; an
	// engine whose /info gives no time is taken to keep ours.
	const statusWords = useStatusWords(containers, inspect, host ? (host.clockOffsetMs ?? 0) : undefined, {isRedrawnEachSecond: runningIds.length > 0});
	return useMemo(() => ({
		name, docker, containers, isLoaded, connection, link, stats, statsHub, host, statsSource, statusWords,
		...(listError ? {listError} : {}),
		...(staleSince === undefined ? {} : {staleSince}),
	}), [name, docker, containers, isLoaded, connection, link, stats, statsHub, host, statsSource, statusWords, listError, staleSince]);
}

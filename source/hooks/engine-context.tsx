import type Docker from 'dockerode';
import {createContext, useCallback, useContext, useMemo, type ReactNode} from 'react';
import {inspectTimes} from '../engine/resources/container-times.js';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {HostInfo} from '../engine/resources/host-info.js';
import type {LinkState} from '../engine/transport/link-health.js';
import type {StatsHub} from '../engine/streams/stats-hub.js';
import type {StatsSample} from '../engine/streams/stats.js';
import type {StatsSource, StatsSourceState} from '../engine/streams/stats-source.js';
import {useContainers, type Connection} from './use-containers.js';
import {useHostInfo} from './use-host-info.js';
import {useLinkHealth} from './use-link-health.js';
import {useStats} from './use-stats.js';
import {useStatusWords, type StatusWords} from './use-status-words.js';

/** What every pane may read about the engine: one list subscription and one stats stream per running container, shared. */
export interface EngineState {
	readonly docker: Docker;
	readonly containers: readonly ContainerSummary[];
	readonly isLoaded: boolean;
	readonly connection: Connection;
	/** A failed list that did not mean the engine went away. */
	readonly listError?: string;
	/** When the list shown was read, while re-reading it keeps failing. */
	readonly staleSince?: number;
	/** Whether requests to the engine have been failing lately. */
	readonly link: LinkState;
	/** Per-container history (rings of recent samples) for charts and sparklines; read it when useEngineStats() changes. */
	readonly statsHub: StatsHub;
	/** The host's CPUs and memory and its image/volume counts (undefined until the first /info answers). */
	readonly host: HostInfo | undefined;
	/** Which source the stats come from (undefined: the engine's streams, no choice was made). */
	readonly statsSource: StatsSourceState | undefined;
}

const EngineContext = createContext<EngineState | undefined>(undefined);
// The stats change every second; apart from the list, so a pane or the app
// frame that shows no numbers does not re-render with them.
const StatsContext = createContext<ReadonlyMap<string, StatsSample> | undefined>(undefined);
// Likewise the status words, which change when a container's "Up 59 seconds" becomes "Up About a minute".
const StatusWordsContext = createContext<StatusWords | undefined>(undefined);

export function EngineProvider(props: {readonly docker: Docker; readonly initialContainers?: readonly ContainerSummary[]; readonly statsSource?: StatsSource; readonly children: ReactNode}) {
	const {containers, isLoaded, connection, listError, staleSince} = useContainers(props.docker, props.initialContainers);
	const link = useLinkHealth(props.docker);
	// Paused containers keep their stream: the daemon reports them at 0% CPU rather than dropping them.
	const runningIds = useMemo(() => containers.filter(c => c.state === 'running' || c.state === 'paused').map(c => c.id), [containers]);
	const {latest: stats, hub: statsHub, sourceState: statsSource} = useStats(props.docker, runningIds, connection.status === 'live', props.statsSource);
	const host = useHostInfo(props.docker, connection.status === 'live');
	const inspect = useCallback((id: string, signal: AbortSignal) => inspectTimes(props.docker, id, signal), [props.docker]);
	// Until /info has said how the engine's clock stands to ours, the list's own words; an
	// engine whose /info gives no time is taken to keep ours.
	const statusWords = useStatusWords(containers, inspect, host ? (host.clockOffsetMs ?? 0) : undefined, {isRedrawnEachSecond: runningIds.length > 0});
	const value = useMemo<EngineState>(
		() => ({docker: props.docker, containers, isLoaded, connection, statsHub, host, link, statsSource, ...(listError ? {listError} : {}), ...(staleSince === undefined ? {} : {staleSince})}),
		[props.docker, containers, isLoaded, connection, statsHub, host, link, statsSource, listError, staleSince],
	);
	return (
		<EngineContext.Provider value={value}>
			<StatsContext.Provider value={stats}>
				<StatusWordsContext.Provider value={statusWords}>{props.children}</StatusWordsContext.Provider>
			</StatsContext.Provider>
		</EngineContext.Provider>
	);
}

export function useEngine(): EngineState {
	const state = useContext(EngineContext);
	if (!state) throw new Error('useEngine() outside <EngineProvider>');
	return state;
}

/** The latest stats sample per running container id; a new map at most about once a second. */
export function useEngineStats(): ReadonlyMap<string, StatsSample> {
	const stats = useContext(StatsContext);
	if (!stats) throw new Error('useEngineStats() outside <EngineProvider>');
	return stats;
}

/** The status words to show for each container, right to the second; a new value only when some words changed or times were learnt. */
export function useEngineStatusWords(): StatusWords {
	const words = useContext(StatusWordsContext);
	if (!words) throw new Error('useEngineStatusWords() outside <EngineProvider>');
	return words;
}

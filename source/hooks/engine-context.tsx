import type Docker from 'dockerode';
import {createContext, useContext, useMemo, type ReactNode} from 'react';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {HostInfo} from '../engine/resources/host-info.js';
import type {LinkState} from '../engine/transport/link-health.js';
import type {ContainerHistory} from '../engine/streams/stats-history.js';
import type {StatsSample} from '../engine/streams/stats.js';
import type {StatsSource, StatsSourceState} from '../engine/streams/stats-source.js';
import type {Connection} from './use-containers.js';
import type {StatusWords} from './use-status-words.js';
import {useMemberState, type EngineMember} from './engine-member.js';
import type {FleetMemberRef} from './use-fleet-resource-list.js';

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
	readonly statsHub: StatsHistories;
	/** The host's CPUs and memory and its image/volume counts (undefined until the first /info answers). */
	readonly host: HostInfo | undefined;
	/** Which source the stats come from (undefined: the engine's streams, no choice was made). */
	readonly statsSource: StatsSourceState | undefined;
	/** Several engines at once (a fleet): each one's name and state; containers then carry their engine's name in `host`. */
	readonly engines?: readonly EngineBadge[];
	/** Several engines at once: each one's name and own client, for lists that are not containers. */
	readonly fleet?: readonly FleetMemberRef[];
}

/** What the views read of the stats history: one container's rings. */
export interface StatsHistories {
	readonly history: (id: string) => ContainerHistory | undefined;
}

/** One engine of a fleet as the header and the list show it. */
export interface EngineBadge {
	readonly name: string;
	readonly state: 'connecting' | 'connected' | 'reconnecting' | 'unreachable';
	/** Containers last listed there; while it is unreachable they are folded out of the list. */
	readonly containerCount: number;
	/** The last reason it failed, while it fails. */
	readonly problem?: string;
}

const EngineContext = createContext<EngineState | undefined>(undefined);
// The stats change every second; apart from the list, so a pane or the app
// frame that shows no numbers does not re-render with them.
const StatsContext = createContext<ReadonlyMap<string, StatsSample> | undefined>(undefined);
// Likewise the status words, which change when a container's "Up 59 seconds" becomes "Up About a minute".
const StatusWordsContext = createContext<StatusWords | undefined>(undefined);

export function EngineProvider(props: {readonly docker: Docker; readonly initialContainers?: readonly ContainerSummary[]; readonly statsSource?: StatsSource; readonly children: ReactNode}) {
	const member = useMemo<EngineMember>(() => ({
		name: '', docker: props.docker,
		...(props.initialContainers ? {initialContainers: props.initialContainers} : {}),
		...(props.statsSource ? {statsSource: props.statsSource} : {}),
	// The first list and the source are for the first render only, as before.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}), [props.docker]);
	const state = useMemberState(member);
	const {containers, isLoaded, connection, statsHub, host, link, statsSource, listError, staleSince} = state;
	const value = useMemo<EngineState>(
		() => ({docker: props.docker, containers, isLoaded, connection, statsHub, host, link, statsSource, ...(listError ? {listError} : {}), ...(staleSince === undefined ? {} : {staleSince})}),
		[props.docker, containers, isLoaded, connection, statsHub, host, link, statsSource, listError, staleSince],
	);
	return <EngineContexts value={value} stats={state.stats} statusWords={state.statusWords}>{props.children}</EngineContexts>;
}

/** The three contexts a pane reads, from one engine or a fleet. */
export function EngineContexts(props: {readonly value: EngineState; readonly stats: ReadonlyMap<string, StatsSample>; readonly statusWords: StatusWords; readonly children: ReactNode}) {
	return (
		<EngineContext.Provider value={props.value}>
			<StatsContext.Provider value={props.stats}>
				<StatusWordsContext.Provider value={props.statusWords}>{props.children}</StatusWordsContext.Provider>
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

// One engine berth is talking to, from its connection to its close: the client,
// what it said about itself, the stats source and the list read for the first
// frame. cli.tsx opens the first; `:ctx` opens the next and closes the old one.
import type Docker from 'dockerode';
import {listContainers, type ContainerSummary} from '../engine/resources/containers.js';
import {connect, disconnect, type Endpoint, type EngineIdentity} from '../engine/transport/connection.js';
import type {StatsSource} from '../engine/streams/stats-source.js';
import {openStatsSource} from '../commands/stats-source-flag.js';

export interface EngineSession {
	/** The name `:ctx` knows it by (a context, a configured host) or its address. */
	readonly name: string;
	readonly endpoint: Endpoint;
	readonly docker: Docker;
	readonly identity: EngineIdentity;
	readonly statsSource?: StatsSource;
	readonly initialContainers?: readonly ContainerSummary[];
	readonly isReadOnly: boolean;
}

export interface OpenOptions {
	readonly name: string;
	/** --stats-source; undefined: the engine's streams, no choice made (the view tests). */
	readonly statsMode?: string;
	readonly isReadOnly: boolean;
	/** How long the first list may hold the first frame back (ms). */
	readonly listWaitMs?: number;
}

// The list, asked for before the first frame so that frame already shows it
// (a local engine answers in a few ms). A slow engine does not hold the screen
// back: after a short wait the frame comes without it and the list follows.
// The timer is cleared once the list is in. AbortSignal.timeout would still fire
// after the answer, aborting a finished request; the one clean-clone CI run with
// it lost the list's live updates, so the abort stays limited to a pending list.
async function firstList(docker: Docker, waitMs: number): Promise<readonly ContainerSummary[] | undefined> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), waitMs);
	try {
		return await listContainers(docker, controller.signal);
	} catch {
		return undefined;
	} finally {
		clearTimeout(timer);
	}
}

/** Connects; throws the EngineError a person reads when the engine cannot be reached. */
export async function openSession(endpoint: Endpoint, options: OpenOptions): Promise<EngineSession> {
	// The list is asked for alongside the version handshake, not after it.
	let listing: Promise<readonly ContainerSummary[] | undefined> = Promise.resolve(undefined);
	const {docker, identity} = await connect(endpoint, {onClient: client => (listing = firstList(client, options.listWaitMs ?? 150))});
	try {
		const statsSource = options.statsMode === undefined ? undefined : await openStatsSource(docker, endpoint, identity, options.statsMode);
		const initialContainers = await listing;
		return {
			name: options.name, endpoint, docker, identity, isReadOnly: options.isReadOnly,
			...(statsSource ? {statsSource} : {}),
			...(initialContainers ? {initialContainers} : {}),
		};
	} catch (error) {
		disconnect(docker);
		throw error;
	}
}

/** Ends what the session still holds once its views have let go: the stats collector and every socket. */
export function closeSession(session: EngineSession): void {
	session.statsSource?.close();
	disconnect(session.docker);
}

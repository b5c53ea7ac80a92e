// One engine berth is talking to, from its connection to its close: the client,
// what it said about itself, the stats source and the list read for the first
// frame. cli.tsx opens the first; `:ctx` opens the next and closes the old one.
import type Docker from 'dockerode';
import {listContainers, type ContainerSummary} from '../engine/resources/containers.js';
import {clientForLater, connect, disconnect, type Endpoint, type EngineIdentity} from '../engine/transport/connection.js';
import {isLinkFailure} from '../engine/transport/guarded-dial.js';
import {toEngineError} from '../engine/transport/errors.js';
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

/** A session for an engine that has not answered: its views say so and keep retrying. */
async function laterSession(endpoint: Endpoint, options: OpenOptions): Promise<EngineSession> {
	const docker = await clientForLater(endpoint);
	return {name: options.name, endpoint, docker, identity: {apiVersion: '?', engineVersion: '?', engineProduct: 'Docker'}, isReadOnly: options.isReadOnly};
}

/**
 * One engine of several: one that cannot be reached now, or not within
 * `waitMs`, still gets a session (its views say it is unreachable and keep
 * retrying), so it holds back none of the others. A wrong address or a missing
 * key is still an error.
 */
export async function openMemberSession(endpoint: Endpoint, options: OpenOptions, waitMs: number): Promise<EngineSession> {
	const attempt = openSession(endpoint, options);
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<'late'>(resolve => {
		timer = setTimeout(resolve, waitMs, 'late');
	});
	try {
		const first = await Promise.race([attempt, late]);
		if (first !== 'late') return first;
		// Let go of the slow handshake; the views' own retries take over.
		attempt.then(closeSession, () => undefined);
		return await laterSession(endpoint, options);
	} catch (error) {
		const failure = toEngineError(error, endpoint.label);
		if (!isLinkFailure(failure)) throw failure;
		return laterSession(endpoint, options);
	} finally {
		clearTimeout(timer);
	}
}

/** Several engines, opened side by side: none waits for another, and none holds the first frame past `waitMs`. */
export async function openFleet(targets: ReadonlyArray<{readonly name: string; readonly endpoint: Endpoint; readonly isReadOnly: boolean}>, options: Omit<OpenOptions, 'name' | 'isReadOnly'>, waitMs = 1500): Promise<readonly EngineSession[]> {
	const opened = await Promise.allSettled(targets.map(target => openMemberSession(target.endpoint, {...options, name: target.name, isReadOnly: target.isReadOnly}, waitMs)));
	const failed = opened.find((result): result is PromiseRejectedResult => result.status === 'rejected');
	if (failed) {
		for (const result of opened) if (result.status === 'fulfilled') closeSession(result.value);
		throw failed.reason;
	}
	return opened.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
}

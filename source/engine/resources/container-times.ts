// A container's start and finish times, which the list endpoint does not give:
// read by inspect, so the status words can be written at any moment (see
// format/status-words.ts) rather than lag until the next list.
import type Docker from 'dockerode';
import {countsFrom, readStatusWords} from '../../text/status-words.js';
import {parseState, type ContainerState, type ContainerSummary} from './containers.js';
import {toEngineError} from '../transport/errors.js';

/** As the inspect found them; times in ms on the engine's clock, 0 for never. */
export interface ContainerTimes {
	readonly state: ContainerState;
	readonly startedAt: number;
	readonly finishedAt: number;
	readonly exitCode: number;
}

interface RawState {
	readonly State?: {readonly Status?: string; readonly StartedAt?: string; readonly FinishedAt?: string; readonly ExitCode?: number};
}

/** Go's zero time ("0001-01-01T00:00:00Z") is before the epoch: never. */
function engineTime(text: string | undefined): number {
	const ms = Date.parse(text ?? '');
	return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

export function toContainerTimes(raw: RawState): ContainerTimes {
	return {
		state: parseState(raw.State?.Status),
		startedAt: engineTime(raw.State?.StartedAt),
		finishedAt: engineTime(raw.State?.FinishedAt),
		exitCode: raw.State?.ExitCode ?? 0,
	};
}

/** One inspect; `signal` should carry a deadline. */
export async function inspectTimes(docker: Docker, id: string, signal: AbortSignal): Promise<ContainerTimes> {
	try {
		return toContainerTimes(await docker.getContainer(id).inspect({abortSignal: signal} as object) as RawState);
	} catch (error) {
		throw toEngineError(error);
	}
}

/**
 * Whether a container's cached times may no longer be what its list entry
 * says: none yet, another state, another exit code, or the engine's words at
 * list time (`listedAt`, engine clock) tell of a later start or finish than the
 * cache knows, as after a restart that keeps the state 'running' ("Up 2
 * seconds" while the cache says an hour). Only ever later: a cache newer than
 * the list is the list lagging, which the next list mends.
 */
export function needsInspect(listed: ContainerSummary, times: ContainerTimes | undefined, listedAt: number | undefined): boolean {
	const from = countsFrom(listed.state);
	if (!from) return false;
	if (!times || times.state !== listed.state) return true;
	const said = readStatusWords(listed.status);
	if (said?.exitCode !== undefined && said.exitCode !== times.exitCode) return true;
	if (!said?.age || listedAt === undefined || times[from] === 0) return false;
	return listedAt - times[from] >= said.age.toMs;
}

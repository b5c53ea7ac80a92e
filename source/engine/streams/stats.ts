import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';
import {jsonLines} from './json-lines.js';
import {blockTotals, cpuPercent, memoryLimit, memoryUsed, networkTotals, type RawStats} from './stats-math.js';

export interface StatsSample {
	readonly id: string;
	readonly time: number;
	readonly cpuPercent: number | undefined;
	readonly memoryUsed: number | undefined;
	readonly memoryLimit: number | undefined;
	readonly netRx: number;
	readonly netTx: number;
	readonly blockRead: number;
	readonly blockWrite: number;
	readonly pids: number | undefined;
}

export function toSample(id: string, raw: RawStats): StatsSample {
	const network = networkTotals(raw);
	const block = blockTotals(raw);
	const time = raw.read ? Date.parse(raw.read) : Date.now();
	return {
		id,
		time: Number.isFinite(time) && time > 0 ? time : Date.now(),
		cpuPercent: cpuPercent(raw),
		memoryUsed: memoryUsed(raw),
		memoryLimit: memoryLimit(raw),
		netRx: network.rx,
		netTx: network.tx,
		blockRead: block.read,
		blockWrite: block.write,
		pids: raw.pids_stats?.current,
	};
}

/**
 * The engine's streaming stats for one container: one sample a second from the
 * daemon's shared collector, parsed line by line as it arrives. Ends when the
 * container stops or the signal aborts; an abort is not an error.
 */
export async function* containerStats(docker: Docker, id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
	let stream: NodeJS.ReadableStream;
	try {
		// @types/dockerode omits abortSignal, which dockerode passes to the request.
		const options = {stream: true, abortSignal: signal} as {stream: true};
		stream = (await docker.getContainer(id).stats(options)) as unknown as NodeJS.ReadableStream;
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
	}
	try {
		for await (const raw of jsonLines<RawStats>(stream)) yield toSample(id, raw);
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
	}
}


/**
 * One sample with CPU over the last second, what `docker stats --no-stream`
 * shows: with stream=false the daemon waits for a second sample so
 * precpu_stats is filled. undefined when the container is gone or stopped.
 */
export async function containerStatsOnce(docker: Docker, id: string, signal?: AbortSignal): Promise<StatsSample | undefined> {
	try {
		const options = {stream: false, ...(signal ? {abortSignal: signal} : {})} as {stream: false};
		const raw = (await docker.getContainer(id).stats(options)) as RawStats;
		return toSample(id, raw);
	} catch (error) {
		if (signal?.aborted) return undefined;
		const engineError = toEngineError(error);
		if (engineError.kind === 'not-found' || engineError.kind === 'conflict') return undefined;
		throw engineError;
	}
}

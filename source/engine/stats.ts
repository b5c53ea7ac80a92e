import type Docker from 'dockerode';
import {toEngineError} from './errors.js';
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
	let pending = '';
	try {
		for await (const chunk of stream) {
			pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
			let newline = pending.indexOf('\n');
			while (newline !== -1) {
				const line = pending.slice(0, newline).trim();
				pending = pending.slice(newline + 1);
				if (line) {
					const sample = parseLine(id, line);
					if (sample) yield sample;
				}
				newline = pending.indexOf('\n');
			}
		}
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
	}
}

function parseLine(id: string, line: string): StatsSample | undefined {
	try {
		return toSample(id, JSON.parse(line) as RawStats);
	} catch {
		// A torn or garbled line costs one sample, never the stream.
		return undefined;
	}
}

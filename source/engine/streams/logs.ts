// A container's logs from the engine: followed live, or a window of history for
// paging back. The engine is always asked for timestamps (paging and merging
// several containers need them; the view decides whether to show them).
import type Docker from 'dockerode';
import {Demuxer} from './demux.js';
import {toEngineError} from '../transport/errors.js';
import {LineSplitter, toEngineTime, toLogLine, type LogLine, type LogStream} from './log-lines.js';
import {Ring} from './ring.js';
import {readInSlices} from './time-slice.js';
import {logPathOf} from './service-logs.js';

export interface LogQuery {
	/** Lines from the end to start with; 'all' (the default) for everything in the window. */
	readonly tail?: number | 'all';
	/** Only lines at or after this time (ns since the epoch). */
	readonly sinceNs?: bigint;
	/** Only lines at or before this time (ns since the epoch). */
	readonly untilNs?: bigint;
	/** Keep the stream open and deliver new lines as they are written. */
	readonly follow: boolean;
}

export interface LogDelivery {
	readonly signal: AbortSignal;
	/**
	 * Called with batches of lines, oldest first, at most once per flushMs, and how
	 * many lines were skipped since the last batch because they came faster than maxPending.
	 */
	readonly onLines: (lines: readonly LogLine[], skipped: number) => void;
	/** Whether the container has a TTY (raw stream); inspected when not given. */
	readonly isTty?: boolean;
	readonly flushMs?: number;
	/** Lines held between flushes; older ones are dropped when a flood outruns it. */
	readonly maxPending?: number;
	readonly maxLineBytes?: number;
	/** The engine answered and the lines are coming. */
	readonly onOpen?: () => void;
	/** Changes each line as the engine sent it (timestamp first) before it is kept: a service's names its task. */
	readonly rewrite?: ((raw: string) => string) | undefined;
}

export interface LogStreamResult {
	/** Lines dropped because they arrived faster than maxPending per flush. */
	readonly dropped: number;
}

/** Totals across all log streams of this process (read by the log-flood benchmark). */
export const logCounters = {received: 0, dropped: 0};

export const defaultFlushMs = 100;
export const defaultMaxPending = 20_000;

/** Config.Tty decides the wire format: a TTY container's stream is raw, others are multiplexed. */
export async function hasTty(docker: Docker, id: string, signal?: AbortSignal): Promise<boolean> {
	try {
		const info = await docker.getContainer(id).inspect(signal ? {abortSignal: signal} as object : {});
		return Boolean(info.Config?.Tty);
	} catch (error) {
		throw toEngineError(error);
	}
}

function openLogStream(docker: Docker, id: string, query: LogQuery, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
	const target = logPathOf(id);
	const options: Record<string, string | number | boolean> = {stdout: true, stderr: true, timestamps: true, follow: query.follow, ...(target.details ? {details: true} : {})};
	options['tail'] = query.tail === undefined ? 'all' : String(query.tail);
	if (query.sinceNs !== undefined) options['since'] = toEngineTime(query.sinceNs);
	if (query.untilNs !== undefined) options['until'] = toEngineTime(query.untilNs);
	return new Promise((resolve, reject) => {
		// dockerode's container.logs() buffers the whole reply unless following;
		// dialling with isStream keeps a history window streaming and bounded.
		docker.modem.dial({
			path: `${target.path}?`,
			method: 'GET',
			isStream: true,
			abortSignal: signal,
			statusCodes: {200: true, 404: 'no such container', 500: 'server error'},
			options,
		} as Parameters<typeof docker.modem.dial>[0], (error: unknown, stream: unknown) => {
			if (error) reject(error);
			else resolve(stream as NodeJS.ReadableStream);
		});
	});
}

/**
 * Reads a container's log and delivers it in batches: lines are split as bytes
 * arrive but parsed and sanitised only when something looks at them, and at most
 * maxPending wait for a flush, so a container writing as fast as it can costs
 * bounded memory and leaves the event loop free for the keyboard.
 * Resolves when the stream ends (the container stopped, or not following) or the signal aborts.
 */
export async function streamLogs(docker: Docker, id: string, query: LogQuery, delivery: LogDelivery): Promise<LogStreamResult> {
	const {signal} = delivery;
	const isTty = delivery.isTty ?? (await hasTty(docker, id, signal));
	let stream: NodeJS.ReadableStream;
	try {
		stream = await openLogStream(docker, id, query, signal);
	} catch (error) {
		if (signal.aborted) return {dropped: 0};
		throw toEngineError(error);
	}
	delivery.onOpen?.();
	const pending = new Ring<LogLine>(delivery.maxPending ?? defaultMaxPending);
	let dropped = 0;
	let droppedSinceFlush = 0;
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		if (pending.size === 0) return;
		const lines = pending.toArray();
		const skipped = droppedSinceFlush;
		pending.clear();
		droppedSinceFlush = 0;
		if (!signal.aborted) delivery.onLines(lines, skipped);
	};
	const onLine = (text: string, stream: LogStream, isTruncated: boolean) => {
		logCounters.received++;
		if (pending.size === pending.capacity) {
			dropped++;
			droppedSinceFlush++;
			logCounters.dropped++;
		}
		pending.push(toLogLine(id, stream, delivery.rewrite ? delivery.rewrite(text) : text, isTruncated));
		timer ??= setTimeout(flush, delivery.flushMs ?? defaultFlushMs);
	};
	const out = new LineSplitter('stdout', onLine, delivery.maxLineBytes);
	const err = new LineSplitter('stderr', onLine, delivery.maxLineBytes);
	try {
		await new Promise<void>((resolve, reject) => {
			const finish = () => {
				out.end();
				err.end();
				resolve();
			};
			if (isTty) readInSlices(stream, chunk => out.write(chunk));
			else {
				const demuxer = new Demuxer((which, chunk, start, end) => (which === 'stderr' ? err : out).write(chunk, start, end));
				readInSlices(stream, chunk => {
					try {
						demuxer.write(chunk);
					} catch (error) {
						(stream as NodeJS.ReadableStream & {destroy: (error: Error) => void}).destroy(error as Error);
					}
				});
			}
			stream.on('end', finish);
			stream.on('close', finish);
			stream.on('error', reject);
			signal.addEventListener('abort', finish, {once: true});
		});
	} catch (error) {
		if (!signal.aborted) throw toEngineError(error);
	} finally {
		if (timer) clearTimeout(timer);
		(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
	}
	flush();
	return {dropped};
}

/** All of a window's lines, gathered (bounded by maxLines, newest kept). */
export async function readLogWindow(docker: Docker, id: string, query: Omit<LogQuery, 'follow'>, options: {signal: AbortSignal; isTty: boolean; maxLines: number}): Promise<{lines: LogLine[]; total: number}> {
	const kept = new Ring<LogLine>(Math.max(1, options.maxLines));
	let total = 0;
	const result = await streamLogs(docker, id, {...query, follow: false}, {
		signal: options.signal,
		isTty: options.isTty,
		maxPending: Math.max(1, options.maxLines),
		flushMs: 25,
		onLines(lines) {
			for (const line of lines) kept.push(line);
			total += lines.length;
		},
	});
	return {lines: kept.toArray(), total: total + result.dropped};
}

import {Transform} from 'node:stream';
import type Docker from 'dockerode';
import {EngineError, toEngineError} from '../transport/errors.js';

/** One line of the engine's JSON progress stream (pull, push, build, import). */
export interface ProgressEvent {
	readonly status?: string;
	readonly id?: string;
	readonly progress?: string;
	readonly progressDetail?: {readonly current?: number; readonly total?: number};
	readonly stream?: string;
	readonly error?: string;
	readonly errorDetail?: {readonly message?: string};
	readonly aux?: Readonly<Record<string, unknown>>;
}

export type StreamOutcome = 'done' | 'cancelled';

/**
 * followProgress parses each line with a bare JSON.parse inside a stream
 * handler, so one garbled line (a proxy, a truncated chunk) would throw out of
 * the event loop and end the app. This passes on only lines that parse.
 */
export function wholeJsonLines(): Transform {
	let pending = '';
	const keep = (line: string, push: (text: string) => void) => {
		const trimmed = line.trim();
		if (!trimmed) return;
		try {
			JSON.parse(trimmed);
			push(`${trimmed}\n`);
		} catch {
			// Dropped: not worth ending a pull over.
		}
	};
	return new Transform({
		transform(chunk: Buffer | string, _encoding, done) {
			pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) keep(line, text => this.push(text));
			done();
		},
		flush(done) {
			keep(pending, text => this.push(text));
			done();
		},
	});
}

/**
 * Follows a progress stream with docker-modem's followProgress. Events are
 * handed over in batches at most every `batchMs` (a pull of many layers sends
 * hundreds of lines a second; the UI needs a few frames). An `error` line in
 * the stream becomes a rejected EngineError; an abort resolves 'cancelled'.
 */
export async function followProgressStream(
	docker: Docker,
	stream: NodeJS.ReadableStream,
	signal: AbortSignal,
	onEvents: (events: readonly ProgressEvent[]) => void,
	batchMs = 100,
): Promise<StreamOutcome> {
	let pending: ProgressEvent[] = [];
	let timer: NodeJS.Timeout | undefined;
	let failure: string | undefined;
	const flush = () => {
		timer = undefined;
		if (pending.length === 0) return;
		const batch = pending;
		pending = [];
		onEvents(batch);
	};
	const lines = wholeJsonLines();
	// A failed response stream ends the parsed one with the same error, so followProgress reports it.
	stream.on('error', (error: Error) => lines.destroy(error));
	stream.pipe(lines);
	return new Promise<StreamOutcome>((resolve, reject) => {
		const onAbort = () => {
			// Destroying the response closes the connection; the engine then stops the pull/push/build.
			(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
			lines.destroy();
			finish(null);
		};
		let settled = false;
		const finish = (error: unknown) => {
			if (settled) return;
			settled = true;
			signal.removeEventListener('abort', onAbort);
			if (timer) clearTimeout(timer);
			flush();
			if (signal.aborted) resolve('cancelled');
			else if (failure !== undefined) reject(new EngineError('server', failure));
			else if (error) reject(toEngineError(error));
			else resolve('done');
		};
		if (signal.aborted) {
			onAbort();
			return;
		}
		signal.addEventListener('abort', onAbort, {once: true});
		docker.modem.followProgress(lines, error => finish(error), (event: ProgressEvent) => {
			if (settled) return;
			if (event.error !== undefined || event.errorDetail?.message !== undefined) failure ??= event.errorDetail?.message ?? event.error;
			pending.push(event);
			timer ??= setTimeout(flush, batchMs);
		});
	});
}

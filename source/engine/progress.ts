import type Docker from 'dockerode';
import {EngineError, toEngineError} from './errors.js';

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
	return new Promise<StreamOutcome>((resolve, reject) => {
		const onAbort = () => {
			// Destroying the response closes the connection; the engine then stops the pull/push/build.
			(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
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
		docker.modem.followProgress(stream, error => finish(error), (event: ProgressEvent) => {
			if (settled) return;
			if (event.error !== undefined || event.errorDetail?.message !== undefined) failure ??= event.errorDetail?.message ?? event.error;
			pending.push(event);
			timer ??= setTimeout(flush, batchMs);
		});
	});
}

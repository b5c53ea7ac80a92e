import {abortableSleep} from './abortable-sleep.js';
import {toEngineError, type EngineError} from './errors.js';
import {backoffDelay, jittered} from '../streams/events.js';
import {isLinkFailure} from './guarded-dial.js';

/**
 * Runs a read until it gets an answer: a failure of the link (timeout, cut,
 * garbled answer, engine away) is retried after a backoff with jitter; an
 * answer that says no (404, 409) is thrown at once, as is an abort.
 */
export async function retryRead<T>(read: () => Promise<T>, signal: AbortSignal, onRetry?: (error: EngineError, retryInMs: number) => void): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await read();
		} catch (error) {
			const failure = toEngineError(error);
			if (signal.aborted || (!isLinkFailure(failure) && failure.kind !== 'server')) throw failure;
			const delay = jittered(backoffDelay(attempt));
			onRetry?.(failure, delay);
			await abortableSleep(delay, signal);
			if (signal.aborted) throw failure;
		}
	}
}

import type Docker from 'dockerode';
import {toEngineError, type EngineError} from './errors.js';
import {isLinkFailure} from './guarded-dial.js';
import {linkHealthOf} from './link-health.js';
import {afterBackoff, retryDelay} from './retry-backoff.js';

/**
 * Runs a read of docker's until it gets an answer: a failure of the link
 * (timeout, cut, garbled answer, engine away) is retried after a backoff with
 * jitter, cut short once the link answers again (retry-backoff.ts); an answer
 * that says no (404, 409) is thrown at once, as is an abort.
 */
export async function retryRead<T>(docker: Docker, read: () => Promise<T>, signal: AbortSignal, onRetry?: (error: EngineError, retryInMs: number) => void): Promise<T> {
	const health = linkHealthOf(docker);
	for (let attempt = 0; ; attempt++) {
		try {
			return await read();
		} catch (error) {
			const failure = toEngineError(error);
			if (signal.aborted || (!isLinkFailure(failure) && failure.kind !== 'server')) throw failure;
			const delay = retryDelay(failure, attempt);
			onRetry?.(failure, delay);
			await new Promise<void>(resolve => {
				const cancel = afterBackoff(health, delay, done);
				function done() {
					cancel();
					signal.removeEventListener('abort', done);
					resolve();
				}
				signal.addEventListener('abort', done, {once: true});
			});
			if (signal.aborted) throw failure;
		}
	}
}

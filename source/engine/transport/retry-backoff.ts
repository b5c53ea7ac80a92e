import {backoffDelay, jittered} from '../streams/events.js';
import type {LinkHealth} from './link-health.js';
import {isOvertaken} from './overtaken-read.js';

/**
 * How long to wait before a failed read's retry number `attempt`. A read given
 * up because later requests were answered is retried at once: the link has
 * shown it works, and the read already waited out the grace (so this cannot
 * spin).
 */
export function retryDelay(failure: unknown, attempt: number): number {
	return isOvertaken(failure) ? 0 : jittered(backoffDelay(attempt));
}

/**
 * Calls retry after ms, or sooner once the link answers a request sent after
 * this wait began: the backoff spares a failing link, and a link that answers
 * is failing no more. Only a request sent after the wait began counts, so an
 * answer to the failed read's own siblings (sent with it) never cuts it short.
 * Returns the function that cancels the wait.
 */
export function afterBackoff(health: LinkHealth, ms: number, retry: () => void): () => void {
	const startedAt = Date.now();
	const timer = setTimeout(done, ms);
	const stopListening = health.onAnswered(sentAt => {
		if (sentAt > startedAt) done();
	});
	function cancel() {
		clearTimeout(timer);
		stopListening();
	}
	function done() {
		cancel();
		retry();
	}
	return cancel;
}

import type {LinkHealth} from './link-health.js';

/** How long a read may still take once a request sent after it has been answered. */
export const overtakenGraceMs = 2_000;

/**
 * Calls giveUp when a read sent while the link was failing is still waiting
 * overtakenGraceMs after a request sent later was answered: the link works
 * again, and this read most likely went into a connection that never answers.
 * Given up, it is retried at once instead of holding its view until its
 * deadline. Returns the function that stops watching.
 */
export function watchOvertaken(health: LinkHealth, sentAt: number, giveUp: () => void): () => void {
	let timer: NodeJS.Timeout | undefined;
	const stopListening = health.onAnswered(answeredSentAt => {
		if (answeredSentAt <= sentAt || timer) return;
		timer = setTimeout(giveUp, overtakenGraceMs);
	});
	return () => {
		stopListening();
		clearTimeout(timer);
	};
}

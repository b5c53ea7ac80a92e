import type {StatsSample} from './stats.js';

export interface Rates {
	readonly netRx: number | undefined;
	readonly netTx: number | undefined;
	readonly blockRead: number | undefined;
	readonly blockWrite: number | undefined;
}

type Counter = 'netRx' | 'netTx' | 'blockRead' | 'blockWrite';

/**
 * Bytes per second between two samples of the same container. A counter that
 * went down means the container restarted (its counters began again), so the
 * rate is unknown rather than negative or a spike.
 */
export function counterRate(previous: StatsSample | undefined, current: StatsSample, counter: Counter): number | undefined {
	if (!previous) return undefined;
	const seconds = (current.time - previous.time) / 1000;
	const delta = current[counter] - previous[counter];
	if (seconds <= 0 || delta < 0) return undefined;
	return delta / seconds;
}

export function rates(previous: StatsSample | undefined, current: StatsSample): Rates {
	return {
		netRx: counterRate(previous, current, 'netRx'),
		netTx: counterRate(previous, current, 'netTx'),
		blockRead: counterRate(previous, current, 'blockRead'),
		blockWrite: counterRate(previous, current, 'blockWrite'),
	};
}

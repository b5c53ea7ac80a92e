/**
 * Turns a burst of triggers into few runs of an async task: a trigger schedules
 * one run after `delayMs`; runs are at least `minIntervalMs` apart and never
 * overlap; a trigger during a run queues exactly one more run after it.
 * This is what keeps `docker run` of 100 containers from causing 400 re-lists.
 */
export interface Coalescer {
	readonly trigger: () => void;
	readonly runNow: () => void;
	readonly cancel: () => void;
}

export function coalesce(task: () => Promise<void>, delayMs: number, minIntervalMs: number): Coalescer {
	let timer: NodeJS.Timeout | undefined;
	let running = false;
	let again = false;
	let lastStart = 0;
	let cancelled = false;

	const run = async () => {
		timer = undefined;
		if (cancelled) return;
		if (running) {
			again = true;
			return;
		}
		running = true;
		lastStart = Date.now();
		try {
			await task();
		} finally {
			running = false;
			if (again && !cancelled) {
				again = false;
				schedule(0);
			}
		}
	};

	const schedule = (delay: number) => {
		if (timer || cancelled) return;
		const wait = Math.max(delay, lastStart + minIntervalMs - Date.now());
		timer = setTimeout(() => void run(), wait);
	};

	return {
		trigger() {
			if (running) again = true;
			else schedule(delayMs);
		},
		runNow() {
			if (timer) clearTimeout(timer);
			timer = undefined;
			void run();
		},
		cancel() {
			cancelled = true;
			if (timer) clearTimeout(timer);
		},
	};
}

import type Docker from 'dockerode';
import {coalesce} from './coalesce.js';
import type {EngineError} from './errors.js';
import {followEvents, type EventFilters} from './events.js';

export interface EventRefreshOptions {
	/** Coalescing (see coalesce): wait this long after an event, and this long between runs. */
	readonly delayMs: number;
	readonly minIntervalMs: number;
	/** Run once before the event stream is open, to show something sooner. */
	readonly isRunAtOnce?: boolean;
	readonly onConnected?: () => void;
	readonly onLost?: (error: EngineError, retryInMs: number) => void;
}

export interface EventRefresh {
	/** Run again soon (coalesced): after an action whose event the engine may not send. */
	readonly trigger: () => void;
	readonly stop: () => void;
}

/**
 * Keeps something berth shows current the engine's way: `task` runs when the
 * event stream (re)opens, since events missed while it was down are not sent
 * again, and whenever an event matching `filters` arrives, coalesced so that
 * a burst of events makes few runs. Never on a timer. `task` gets a signal that
 * aborts on stop; a task should not set state once it has.
 */
export function refreshOnEvents(docker: Docker, filters: EventFilters, task: (signal: AbortSignal) => Promise<void>, options: EventRefreshOptions): EventRefresh {
	const controller = new AbortController();
	const refresh = coalesce(() => task(controller.signal), options.delayMs, options.minIntervalMs);
	if (options.isRunAtOnce) refresh.runNow();
	void followEvents(docker, filters, {
		onConnected() {
			options.onConnected?.();
			refresh.runNow();
		},
		onEvent: () => refresh.trigger(),
		onLost: (error, retryInMs) => options.onLost?.(error, retryInMs),
	}, controller.signal);
	return {
		trigger: () => refresh.trigger(),
		stop() {
			controller.abort();
			refresh.cancel();
		},
	};
}

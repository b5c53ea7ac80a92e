import type Docker from 'dockerode';
import {coalesce} from './coalesce.js';
import {toEngineError, type EngineError} from '../transport/errors.js';
import {isLinkFailure} from '../transport/guarded-dial.js';
import {linkHealthOf} from '../transport/link-health.js';
import {afterBackoff, retryDelay} from '../transport/retry-backoff.js';
import {eventHubOf} from './event-hub.js';
import type {EngineEvent, EventFilters} from './events.js';

export interface EventRefreshOptions {
	/** Coalescing (see coalesce): wait this long after an event, and this long between runs. */
	readonly delayMs: number;
	readonly minIntervalMs: number;
	/** Run once before the event stream is open, to show something sooner. */
	readonly isRunAtOnce?: boolean;
	readonly onConnected?: () => void;
	readonly onLost?: (error: EngineError, retryInMs: number) => void;
	/** The task threw: it runs again after a backoff, until it succeeds or the refresh stops. */
	readonly onFailed?: (error: EngineError, retryInMs: number) => void;
}

/**
 * What a task may answer: 'behind' when what it read does not yet show the
 * events it was run for (the engine sends a container's die before its list
 * says so), and it should run again shortly.
 */
export type RefreshOutcome = void | 'behind';

/** The events since the task last ran, at most this many (a burst needs no more to be checked). */
const keptEvents = 500;
/** How often a list that is behind its events is read again, and how long between. */
const behindTries = 5;
const behindDelayMs = 200;

export interface EventRefresh {
	/** Run again soon (coalesced): after an action whose event the engine may not send. */
	readonly trigger: () => void;
	readonly stop: () => void;
}

/**
 * Keeps something berth shows current the engine's way, through the client's
 * one event stream (event-hub.ts): `task` runs when the stream (re)opens, since events missed while it was down are not sent
 * again, and whenever an event matching `filters` arrives, coalesced so that
 * a burst of events makes few runs. A task that throws (a read that failed or
 * ran out of time) runs again after a backoff with jitter, cut short once the
 * link answers again (retry-backoff.ts), so a failure never leaves a view as it
 * was until some later event. `task` gets a signal that
 * aborts on stop; a task should not set state once it has.
 */
export function refreshOnEvents(
	docker: Docker,
	filters: EventFilters,
	task: (signal: AbortSignal, events: readonly EngineEvent[]) => Promise<RefreshOutcome>,
	options: EventRefreshOptions,
): EventRefresh {
	const controller = new AbortController();
	const health = linkHealthOf(docker);
	let failures = 0;
	let behind = 0;
	let retryTimer: NodeJS.Timeout | undefined;
	let cancelBackoff: (() => void) | undefined;
	let pending: EngineEvent[] = [];
	const attempt = async () => {
		clearTimeout(retryTimer);
		retryTimer = undefined;
		cancelBackoff?.();
		cancelBackoff = undefined;
		const events = pending;
		pending = [];
		try {
			const outcome = await task(controller.signal, events);
			failures = 0;
			if (outcome === 'behind' && behind < behindTries && !controller.signal.aborted) {
				behind++;
				pending = [...events, ...pending].slice(-keptEvents);
				retryTimer = setTimeout(() => refresh.trigger(), behindDelayMs);
			} else behind = 0;
		} catch (error) {
			// Not yet seen through: they are checked on the next run.
			pending = [...events, ...pending].slice(-keptEvents);
			if (controller.signal.aborted) return;
			const failure = toEngineError(error);
			// An answer such as "no such container" is the truth, not a fault to retry.
			if (!isLinkFailure(failure) && failure.kind !== 'server') return;
			const delay = retryDelay(failure, failures++);
			options.onFailed?.(failure, delay);
			cancelBackoff = afterBackoff(health, delay, () => refresh.trigger());
		}
	};
	const refresh = coalesce(attempt, options.delayMs, options.minIntervalMs);
	if (options.isRunAtOnce) refresh.runNow();
	const unsubscribe = eventHubOf(docker).subscribe({
		filters,
		onConnected() {
			options.onConnected?.();
			refresh.runNow();
		},
		onEvent(event) {
			pending.push(event);
			if (pending.length > keptEvents) pending.shift();
			refresh.trigger();
		},
		onLost: (error, retryInMs) => options.onLost?.(error, retryInMs),
	});
	return {
		trigger: () => refresh.trigger(),
		stop() {
			unsubscribe();
			controller.abort();
			refresh.cancel();
			clearTimeout(retryTimer);
			cancelBackoff?.();
		},
	};
}

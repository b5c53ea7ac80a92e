import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import type {EngineError} from '../engine/transport/errors.js';
import {eventHubOf} from '../engine/streams/event-hub.js';
import {followEvents, type EngineEvent} from '../engine/streams/events.js';
import {HealthCommands} from '../engine/alerts/health-commands.js';
import {isExecEvent} from '../engine/alerts/health-noise.js';
import {Ring} from '../engine/streams/ring.js';

export interface EventFeed {
	/** Oldest first; at most `capacity`, the oldest dropped. */
	readonly events: readonly EngineEvent[];
	/** Container id -> its health check's command line, learnt from one inspect per container that execs. */
	readonly healthCommands: ReadonlyMap<string, string>;
	readonly status: 'connecting' | 'live' | 'lost';
	readonly lostMessage?: string;
	/** While lost: since when no event has come through (missed ones follow on reconnect). */
	readonly lostSince?: number;
}

const flushEveryMs = 100;

/**
 * Every engine event from `since` (ms since the epoch; undefined = from now),
 * history first and then live, in a bounded buffer. Events arrive in bursts
 * (a compose up, a health check every second per container); the view is
 * updated at most every 100 ms so a burst never starves the keyboard.
 */
export function useEventFeed(docker: Docker, since: number | undefined, capacity = 2000): EventFeed {
	const [feed, setFeed] = useState<EventFeed>({events: [], healthCommands: new Map(), status: 'connecting'});

	useEffect(() => {
		const controller = new AbortController();
		const ring = new Ring<EngineEvent>(capacity);
		const commands = new HealthCommands(docker);
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			if (!controller.signal.aborted) setFeed(previous => ({...previous, events: ring.toArray(), healthCommands: commands.snapshot()}));
		};
		const schedule = () => {
			timer ??= setTimeout(flush, flushEveryMs);
		};
		setFeed({events: [], healthCommands: new Map(), status: 'connecting'});

		const listener = {
			onConnected() {
				setFeed(previous => ({...previous, status: 'live', lostMessage: undefined, lostSince: undefined}));
			},
			onEvent(event: EngineEvent) {
				ring.push(event);
				if (isExecEvent(event) && !commands.has(event.id)) void commands.learn(event.id, controller.signal).then(schedule);
				schedule();
			},
			onLost(error: EngineError) {
				setFeed(previous => ({...previous, status: 'lost', lostMessage: error.message, lostSince: previous.lostSince ?? Date.now()}));
			},
		} as const;
		// History needs a stream of its own (from `since`); live, the feed is one more subscriber of the shared stream.
		if (since === undefined) controller.signal.addEventListener('abort', eventHubOf(docker).subscribe({filters: {}, ...listener}), {once: true});
		else void followEvents(docker, {}, listener, controller.signal, {since});

		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [docker, since, capacity]);

	return feed;
}

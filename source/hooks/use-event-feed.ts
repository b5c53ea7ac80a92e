import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import type {EngineError} from '../engine/transport/errors.js';
import {eventHubOf} from '../engine/streams/event-hub.js';
import {followEvents, type EngineEvent} from '../engine/streams/events.js';
import {HealthCommands} from '../engine/alerts/health-commands.js';
import {isExecEvent} from '../engine/alerts/health-noise.js';
import {Ring} from '../engine/streams/ring.js';
import type {FleetMemberRef} from './use-fleet-resource-list.js';

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
export function useEventFeed(docker: Docker, since: number | undefined, capacity = 2000, fleet?: readonly FleetMemberRef[]): EventFeed {
	const [feed, setFeed] = useState<EventFeed>({events: [], healthCommands: new Map(), status: 'connecting'});

	useEffect(() => {
		const controller = new AbortController();
		const ring = new Ring<EngineEvent>(capacity);
		// Several engines: each followed on its own, every event tagged with its engine.
		const sources = fleet ?? [{name: undefined, docker}];
		const commands = new Map(sources.map(source => [source.docker, new HealthCommands(source.docker)]));
		let timer: NodeJS.Timeout | undefined;
		const flush = () => {
			timer = undefined;
			const learnt = new Map([...commands.values()].flatMap(known => [...known.snapshot()]));
			if (!controller.signal.aborted) setFeed(previous => ({...previous, events: ring.toArray(), healthCommands: learnt}));
		};
		const schedule = () => {
			timer ??= setTimeout(flush, flushEveryMs);
		};
		setFeed({events: [], healthCommands: new Map(), status: 'connecting'});
		const lost = new Map<Docker, string>();
		const live = new Set<Docker>();

		for (const source of sources) {
			const known = commands.get(source.docker) ?? new HealthCommands(source.docker);
			const listener = {
				onConnected() {
					lost.delete(source.docker);
					live.add(source.docker);
					setFeed(previous => (lost.size === 0 ? {...previous, status: 'live', lostMessage: undefined, lostSince: undefined} : {...previous, status: 'live'}));
				},
				onEvent(event: EngineEvent) {
					ring.push(source.name === undefined ? event : {...event, host: source.name});
					if (isExecEvent(event) && !known.has(event.id)) void known.learn(event.id, controller.signal).then(schedule);
					schedule();
				},
				onLost(error: EngineError) {
					live.delete(source.docker);
					lost.set(source.docker, source.name === undefined ? error.message : `${source.name}: ${error.message}`);
					// With several engines, the feed is lost only when every engine is: the others' events keep coming.
					const isAllLost = live.size === 0;
					setFeed(previous => ({...previous, ...(isAllLost ? {status: 'lost'} : {}), lostMessage: [...lost.values()].join('; '), lostSince: previous.lostSince ?? Date.now()}));
				},
			} as const;
			// History needs a stream of its own (from `since`); live, the feed is one more subscriber of the shared stream.
			if (since === undefined) controller.signal.addEventListener('abort', eventHubOf(source.docker).subscribe({filters: {}, ...listener}), {once: true});
			else void followEvents(source.docker, {}, listener, controller.signal, {since});
		}

		return () => {
			controller.abort();
			clearTimeout(timer);
		};
	}, [docker, since, capacity, fleet]);

	return feed;
}

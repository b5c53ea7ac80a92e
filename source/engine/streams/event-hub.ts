import type Docker from 'dockerode';
import type {EngineError} from '../transport/errors.js';
import {followEvents, ResumePoint, type EngineEvent, type EventFilters} from './events.js';

export interface EventSubscriber {
	/** Which events this subscriber wants, in the engine's filter terms (type, event, container). */
	readonly filters: EventFilters;
	readonly onEvent?: (event: EngineEvent) => void;
	/** A stream that carries this subscriber's events is open: first time, and after every loss (events missed meanwhile are replayed). */
	readonly onConnected?: () => void;
	readonly onLost?: (error: EngineError, retryInMs: number) => void;
}

interface Stream {
	readonly key: string;
	readonly controller: AbortController;
}

/**
 * The one live event stream of a client, shared by every view and hook: each
 * subscribes with its own filters and gets only its events. The engine is
 * asked for the union of what the subscribers want (so health-check exec_*
 * noise stays on the engine when nobody asked for it). When that union
 * changes, a new stream opens (from the last event seen) and the old one
 * closes only once the new one is up, so no event falls between them; events
 * both carry are delivered once.
 */
export class EventHub {
	private readonly subscribers = new Set<EventSubscriber>();
	/** Subscribers that joined since the current stream connected: told when one that carries them is up. */
	private readonly waiting = new Set<EventSubscriber>();
	private readonly resume = new ResumePoint(undefined);
	private current: Stream | undefined;
	private previous: Stream | undefined;
	private isLive = false;
	/** A stream was lost since the last one came up: whoever listens must re-read. */
	private hasLost = false;

	constructor(private readonly docker: Docker) {}

	subscribe(subscriber: EventSubscriber): () => void {
		this.subscribers.add(subscriber);
		this.waiting.add(subscriber);
		this.follow();
		return () => {
			this.subscribers.delete(subscriber);
			this.waiting.delete(subscriber);
			this.follow();
		};
	}

	private follow(): void {
		const key = this.subscribers.size === 0 ? '' : JSON.stringify(unionOf([...this.subscribers].map(subscriber => subscriber.filters)));
		if (key === (this.current?.key ?? '')) {
			// The open stream already carries every subscriber's events.
			if (this.isLive) this.tellWaiting();
			return;
		}
		// A live stream keeps delivering until its replacement is up; one still connecting is simply replaced.
		if (this.isLive) {
			this.previous?.controller.abort();
			this.previous = this.current;
		} else {
			this.current?.controller.abort();
		}
		this.current = undefined;
		this.isLive = false;
		if (!key) {
			this.previous?.controller.abort();
			this.previous = undefined;
			return;
		}
		const stream: Stream = {key, controller: new AbortController()};
		this.current = stream;
		void followEvents(this.docker, JSON.parse(key) as EventFilters, {
			onConnected: () => {
				if (this.current !== stream) return;
				this.previous?.controller.abort();
				this.previous = undefined;
				this.isLive = true;
				// After a loss (of this stream or one it replaced) everyone re-reads; a reopen for new filters lost nothing, so only newcomers do.
				if (this.hasLost) {
					this.hasLost = false;
					this.waiting.clear();
					for (const subscriber of this.subscribers) subscriber.onConnected?.();
				} else this.tellWaiting();
			},
			onEvent: event => {
				for (const subscriber of this.subscribers) if (matchesFilters(event, subscriber.filters)) subscriber.onEvent?.(event);
			},
			onLost: (error, retryInMs) => {
				// The stream being replaced broke before its replacement came up: there may be a gap.
				if (this.previous === stream) this.hasLost = true;
				if (this.current !== stream) return;
				this.hasLost = true;
				this.isLive = false;
				for (const subscriber of this.subscribers) subscriber.onLost?.(error, retryInMs);
			},
		}, stream.controller.signal, {resume: this.resume});
	}

	private tellWaiting(): void {
		const joined = [...this.waiting];
		this.waiting.clear();
		// Out of the subscribe call: a subscriber's first refresh should not run inside its own setup.
		queueMicrotask(() => {
			for (const subscriber of joined) if (this.subscribers.has(subscriber)) subscriber.onConnected?.();
		});
	}
}

/** The widest filter that still holds every subscriber's events: a key only some of them narrow by is dropped. */
export function unionOf(all: readonly EventFilters[]): EventFilters {
	const keys = Object.keys(all[0] ?? {}).filter(key => all.every(filters => (filters[key]?.length ?? 0) > 0)).sort();
	return Object.fromEntries(keys.map(key => [key, [...new Set(all.flatMap(filters => filters[key] ?? []))].sort()]));
}

/** The engine's own matching, for the keys berth uses: type, event (exact, or a prefix before ":"), container (id, id prefix or name). */
export function matchesFilters(event: EngineEvent, filters: EventFilters): boolean {
	return Object.entries(filters).every(([key, values]) => {
		if (values.length === 0) return true;
		switch (key) {
			case 'type': return values.includes(event.type);
			case 'event': return values.some(value => event.action === value || event.action.startsWith(`${value}:`));
			case 'container': return values.some(value => event.id.startsWith(value) || event.name === value);
			default: return true;
		}
	});
}

const hubs = new WeakMap<Docker, EventHub>();

/** The one EventHub of a client, made on first use. */
export function eventHubOf(docker: Docker): EventHub {
	let hub = hubs.get(docker);
	if (!hub) {
		hub = new EventHub(docker);
		hubs.set(docker, hub);
	}
	return hub;
}

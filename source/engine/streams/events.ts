import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {abortableSleep} from '../transport/abortable-sleep.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {jsonLines} from './json-lines.js';

export interface EngineEvent {
	readonly type: string;
	readonly action: string;
	readonly id: string;
	readonly name: string | undefined;
	readonly attributes: Readonly<Record<string, string>>;
	/** Milliseconds since the epoch. */
	readonly time: number;
	/**
	 * The engine's nanosecond timestamp as JSON gives it (a double, so exact to
	 * ~256 ns): the same event parsed twice gives the same number, which is what
	 * resuming after a reconnect needs to recognise events it already delivered.
	 */
	readonly timeNano: number;
	/** The engine it came from, when berth follows several (set by the view's feed, not the engine). */
	readonly host?: string;
}

/** A time window for /events: history from `since`, and an end at `until` (both ms since the epoch, inclusive). */
export interface EventWindow {
	readonly since?: number | undefined;
	readonly until?: number | undefined;
}

/** Milliseconds since the epoch as the engine's "seconds.nanoseconds" timestamp. */
export function engineTimestamp(ms: number): string {
	const whole = Math.floor(ms);
	const seconds = Math.floor(whole / 1000);
	return `${seconds}.${String((whole - seconds * 1000) * 1_000_000).padStart(9, '0')}`;
}

export type EventFilters = Readonly<Record<string, readonly string[]>>;

interface RawEvent {
	Type?: string;
	Action?: string;
	status?: string;
	id?: string;
	Actor?: {ID?: string; Attributes?: Record<string, string>};
	time?: number;
	timeNano?: number;
}

export function toEngineEvent(raw: RawEvent): EngineEvent {
	const attributes: Record<string, string> = {};
	for (const [key, value] of Object.entries(raw.Actor?.Attributes ?? {})) attributes[key] = sanitizeInline(String(value));
	return {
		type: raw.Type ?? 'unknown',
		// An exec's action ends in a space when it has no arguments ("exec_create: true ").
		action: sanitizeInline(raw.Action ?? raw.status ?? '').trim(),
		id: raw.Actor?.ID ?? raw.id ?? '',
		name: attributes['name'],
		attributes,
		time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
		timeNano: raw.timeNano ?? (raw.time ?? 0) * 1e9,
	};
}

/** The engine's /events stream as parsed events. Ends when the engine closes it or the signal aborts. */
export async function* engineEvents(
	docker: Docker,
	filters: EventFilters,
	signal: AbortSignal,
	onOpen?: () => void,
	window: EventWindow = {},
): AsyncIterable<EngineEvent> {
	let stream: NodeJS.ReadableStream;
	try {
		// @types/dockerode types filters as a string (and since/until as numbers); the engine takes this JSON and "s.nnnnnnnnn".
		stream = (await docker.getEvents({
			filters: JSON.stringify(filters) as never,
			...(window.since === undefined ? {} : {since: engineTimestamp(window.since) as never}),
			...(window.until === undefined ? {} : {until: engineTimestamp(window.until) as never}),
			abortSignal: signal,
		})) as unknown as NodeJS.ReadableStream;
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
	}
	// Aborted while the answer was on its way: the stream is not ours to read.
	if (signal.aborted) {
		(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
		return;
	}
	onOpen?.();
	try {
		for await (const raw of jsonLines<RawEvent>(stream)) yield toEngineEvent(raw);
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
	}
}

export interface FollowListener {
	/** Called once the stream is open (first time and after every reconnect). */
	readonly onConnected: () => void;
	readonly onEvent: (event: EngineEvent) => void;
	/** The engine went away; berth retries after `retryInMs`. */
	readonly onLost: (error: EngineError, retryInMs: number) => void;
}

const backoffSteps = [250, 500, 1000, 2000, 4000, 5000] as const;

export function backoffDelay(attempt: number): number {
	return backoffSteps[Math.min(attempt, backoffSteps.length - 1)] ?? 5000;
}

export interface FollowOptions {
	/**
	 * Start from history (ms since the epoch) instead of now. The engine sends
	 * its buffered events from `since` and then live ones in one response,
	 * subscribing under one lock, so history and live meet with no gap and no
	 * duplicate.
	 */
	readonly since?: number | undefined;
	/** Shared with other follows of the same events (a stream reopened with new filters), so none is delivered twice. */
	readonly resume?: ResumePoint;
}

/** How often an open event stream checks that the engine still answers: a link can die without closing the stream. */
export const livenessIntervalMs = 15_000;
const livenessDeadlineMs = 5_000;

/** A backoff step with up to a quarter more at random, so many streams that broke together do not retry together. */
export function jittered(ms: number): number {
	return Math.round(ms * (1 + Math.random() * 0.25));
}

/**
 * Follows /events for as long as the signal lives, reconnecting with backoff
 * when the stream ends, errors, garbles or the engine stops answering pings.
 * Every reconnect resumes from the last event delivered, so events missed while
 * the stream was down still arrive, once. A ping decides when the engine is
 * back, so a dead socket is not hammered with /events requests.
 */
export async function followEvents(docker: Docker, filters: EventFilters, listener: FollowListener, signal: AbortSignal, options: FollowOptions = {}): Promise<void> {
	let attempt = 0;
	const resume = options.resume ?? new ResumePoint(options.since);
	while (!signal.aborted) {
		let lost: EngineError | undefined;
		const connection = new AbortController();
		const connectionSignal = AbortSignal.any([signal, connection.signal]);
		let liveness: NodeJS.Timeout | undefined;
		try {
			await ping(docker, connectionSignal);
			// The stream is open before we say we are connected, so a refresh made
			// in onConnected cannot miss an event that happens in between.
			const onOpen = () => {
				attempt = 0;
				liveness = setInterval(() => {
					ping(docker, connectionSignal).catch((error: unknown) => {
						lost = new EngineError('unreachable', `The engine stopped answering (${toEngineError(error).message}); reconnecting the event stream.`);
						connection.abort();
					});
				}, livenessIntervalMs);
				listener.onConnected();
			};
			for await (const event of engineEvents(docker, filters, connectionSignal, onOpen, {since: resume.since})) {
				if (resume.isNew(event)) listener.onEvent(event);
			}
			if (!signal.aborted) lost ??= new EngineError('unreachable', 'The Docker engine closed the event stream; it may have stopped.');
		} catch (error) {
			if (signal.aborted) return;
			lost = toEngineError(error);
		} finally {
			clearInterval(liveness);
		}
		if (signal.aborted || !lost) return;
		const delay = jittered(backoffDelay(attempt++));
		listener.onLost(lost, delay);
		await abortableSleep(delay, signal);
	}
}

/** A ping with the liveness deadline: whether the engine still answers while a stream is quiet. */
export function ping(docker: Docker, signal: AbortSignal): Promise<unknown> {
	// @types/dockerode omits the options argument dockerode's ping accepts.
	return (docker.ping as unknown as (options: {abortSignal: AbortSignal}) => Promise<unknown>)({abortSignal: AbortSignal.any([signal, AbortSignal.timeout(livenessDeadlineMs)])});
}

/**
 * Where to resume after a reconnect. The engine's `since` is inclusive, and a
 * millisecond may hold several events, so it asks again from 1 ms before the
 * last delivered event and skips the ones it has already delivered there.
 */
export class ResumePoint {
	private last: number | undefined;
	private readonly delivered = new Set<string>();

	constructor(private readonly start: number | undefined) {}

	get since(): number | undefined {
		return this.last === undefined ? this.start : this.last - 1;
	}

	/** True once per event; records it as delivered. */
	isNew(event: EngineEvent): boolean {
		const key = `${event.timeNano}|${event.type}|${event.action}|${event.id}|${event.attributes['execID'] ?? ''}`;
		if (this.delivered.has(key)) return false;
		if (this.last === undefined || event.time > this.last) {
			this.last = event.time;
			// Only events at or after the new resume point can come again.
			for (const old of this.delivered) if (Number(old.slice(0, old.indexOf('|'))) / 1e6 < this.last - 2) this.delivered.delete(old);
		}
		this.delivered.add(key);
		return true;
	}
}

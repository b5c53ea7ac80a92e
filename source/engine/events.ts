import type Docker from 'dockerode';
import {sanitizeInline} from '../format/sanitize.js';
import {EngineError, toEngineError} from './errors.js';
import {jsonLines} from './json-lines.js';

export interface EngineEvent {
	readonly type: string;
	readonly action: string;
	readonly id: string;
	readonly name: string | undefined;
	readonly attributes: Readonly<Record<string, string>>;
	/** Milliseconds since the epoch. */
	readonly time: number;
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
		action: sanitizeInline(raw.Action ?? raw.status ?? ''),
		id: raw.Actor?.ID ?? raw.id ?? '',
		name: attributes['name'],
		attributes,
		time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
	};
}

/** The engine's /events stream as parsed events. Ends when the engine closes it or the signal aborts. */
export async function* engineEvents(
	docker: Docker,
	filters: EventFilters,
	signal: AbortSignal,
	onOpen?: () => void,
): AsyncIterable<EngineEvent> {
	let stream: NodeJS.ReadableStream;
	try {
		// @types/dockerode types filters as a string; the engine takes this JSON.
		stream = (await docker.getEvents({filters: JSON.stringify(filters) as never, abortSignal: signal})) as unknown as NodeJS.ReadableStream;
	} catch (error) {
		if (signal.aborted) return;
		throw toEngineError(error);
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

/**
 * Follows /events for as long as the signal lives, reconnecting with backoff
 * when the engine goes away (the stream ends or errors). A ping decides when the
 * engine is back, so a dead socket is not hammered with /events requests.
 */
export async function followEvents(docker: Docker, filters: EventFilters, listener: FollowListener, signal: AbortSignal): Promise<void> {
	let attempt = 0;
	while (!signal.aborted) {
		let lost: EngineError | undefined;
		try {
			// @types/dockerode omits the options argument dockerode's ping accepts.
			await (docker.ping as unknown as (options: {abortSignal: AbortSignal}) => Promise<unknown>)({abortSignal: AbortSignal.any([signal, AbortSignal.timeout(3000)])});
			// The stream is open before we say we are connected, so a refresh made
			// in onConnected cannot miss an event that happens in between.
			const onOpen = () => {
				attempt = 0;
				listener.onConnected();
			};
			for await (const event of engineEvents(docker, filters, signal, onOpen)) listener.onEvent(event);
			if (!signal.aborted) lost = new EngineError('unreachable', 'The Docker engine closed the event stream; it may have stopped.');
		} catch (error) {
			if (signal.aborted) return;
			lost = toEngineError(error);
		}
		if (signal.aborted || !lost) return;
		const delay = backoffDelay(attempt++);
		listener.onLost(lost, delay);
		await sleep(delay, signal);
	}
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});
}

// The stand-in engine's events: every change it makes is published here, kept
// in a bounded history (the engine keeps its last 256) and sent to each open
// /events stream whose filters match, the engine's way.
import type {ServerResponse} from 'node:http';
import {parseQueryTime, type EngineClock} from './time.js';

export interface EventMessage {
	readonly Type: string;
	readonly Action: string;
	readonly Actor: {readonly ID: string; readonly Attributes: Readonly<Record<string, string>>};
	readonly scope: 'local';
	readonly time: number;
	readonly timeNano: number;
	/** The legacy fields the engine still sends for container and image events. */
	readonly status?: string;
	readonly id?: string;
	readonly from?: string;
}

interface Kept {
	readonly ns: bigint;
	readonly message: EventMessage;
}

export type EventFilters = Readonly<Record<string, readonly string[]>>;

const historyLimit = 256;
const knownFilters = new Set(['type', 'event', 'container', 'image', 'label', 'volume', 'network', 'scope', 'daemon', 'node', 'service', 'plugin', 'config', 'secret']);

export class EventBus {
	private readonly history: Kept[] = [];
	private readonly listeners = new Set<(kept: Kept) => void>();

	constructor(private readonly clock: EngineClock) {}

	publish(type: string, action: string, id: string, attributes: Readonly<Record<string, string>> = {}, atMs?: number): EventMessage {
		const ns = this.clock.nowNs(atMs);
		const legacy = type === 'container' || type === 'image' ? {status: action, id, ...(attributes['image'] ? {from: attributes['image']} : {})} : {};
		const message: EventMessage = {
			...legacy,
			Type: type,
			Action: action,
			Actor: {ID: id, Attributes: {...attributes}},
			scope: 'local',
			time: Number(ns / 1_000_000_000n),
			timeNano: Number(ns),
		};
		const kept = {ns, message};
		this.history.push(kept);
		if (this.history.length > historyLimit) this.history.shift();
		for (const listener of this.listeners) listener(kept);
		return message;
	}

	/** Every event kept, oldest first. */
	get events(): readonly EventMessage[] {
		return this.history.map(kept => kept.message);
	}

	/**
	 * Answers GET /events: the kept events from `since`, then live ones until
	 * `until` (or until the client goes). A bad filter is answered 400 as the
	 * engine does; the caller has written nothing yet.
	 */
	stream(query: URLSearchParams, res: ServerResponse): {readonly error: string} | undefined {
		const filters = parseFilters(query.get('filters'));
		if (filters instanceof Error) return {error: filters.message};
		const unknown = unknownFilter(filters);
		if (unknown) return {error: `invalid filter '${unknown}'`};
		const since = query.has('since') ? parseQueryTime(query.get('since') ?? '') : undefined;
		const until = query.has('until') ? parseQueryTime(query.get('until') ?? '') : undefined;
		const wanted = (kept: Kept) => (until === undefined || kept.ns <= until) && matchesEvent(filters, kept.message);
		res.writeHead(200, {'Content-Type': 'application/json'});
		res.flushHeaders();
		const write = (kept: Kept) => res.write(`${JSON.stringify(kept.message)}\n`);
		if (since !== undefined) for (const kept of this.history) if (kept.ns >= since && wanted(kept)) write(kept);
		const nowNs = BigInt(Date.now()) * 1_000_000n;
		if (until !== undefined && until <= nowNs) {
			res.end();
			return undefined;
		}
		const listener = (kept: Kept) => {
			if (wanted(kept)) write(kept);
		};
		this.listeners.add(listener);
		const timer = until === undefined ? undefined : setTimeout(() => res.end(), Number((until - nowNs) / 1_000_000n));
		res.on('close', () => {
			this.listeners.delete(listener);
			clearTimeout(timer);
		});
		return undefined;
	}
}

/** The engine's filters argument: {"key":["value"]} or the older {"key":{"value":true}}. */
export function parseFilters(text: string | null): EventFilters | Error {
	if (!text) return {};
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return new Error(`invalid filter '${text}'`);
	}
	if (typeof raw !== 'object' || raw === null) return new Error(`invalid filter '${text}'`);
	const filters: Record<string, string[]> = {};
	for (const [key, value] of Object.entries(raw)) {
		filters[key] = Array.isArray(value) ? value.map(String) : Object.keys(value as object);
	}
	return filters;
}

/** Whether an event passes the filters (moby's events.Filter.Include, for the keys a test meets). */
export function matchesEvent(filters: EventFilters, event: EventMessage): boolean {
	for (const [key, values] of Object.entries(filters)) {
		if (values.length === 0) continue;
		const attributes = event.Actor.Attributes;
		const ok = (() => {
			switch (key) {
				case 'type': return values.includes(event.Type);
				// health_status, exec_create and exec_start carry their details after a colon.
				case 'event': return values.some(value => event.Action === value || (/^(health_status|exec_create|exec_start)$/.test(value) && event.Action.startsWith(`${value}:`)));
				case 'container': return event.Type === 'container' && values.some(value => attributes['name'] === value || event.Actor.ID.startsWith(value));
				case 'image': return values.some(value => attributes['image'] === value || (event.Type === 'image' && (attributes['name'] === value || event.Actor.ID === value)));
				case 'volume': return event.Type === 'volume' && values.includes(event.Actor.ID);
				case 'network': return event.Type === 'network' && values.some(value => event.Actor.ID.startsWith(value) || attributes['name'] === value);
				case 'label': return values.some(value => {
					const [name = '', expected] = value.split('=', 2);
					return expected === undefined ? name in attributes : attributes[name] === expected;
				});
				case 'scope': return values.includes(event.scope);
				default: return false;
			}
		})();
		if (!ok) return false;
	}
	return true;
}

/** The filter keys the stand-in checks; others are refused with the engine's 400. */
export function unknownFilter(filters: EventFilters): string | undefined {
	return Object.keys(filters).find(key => !knownFilters.has(key));
}

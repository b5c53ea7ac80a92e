// How an engine event reads as text: in the events pane (local clock time) and
// in `berth events` (ISO time, one line per event, or one JSON object per line).
import type {EngineEvent} from '../engine/streams/events.js';
import type {AlertDraft} from '../engine/alerts/alerts.js';
import {sanitizeInline} from './sanitize.js';

// The attributes that say what happened; the rest (labels, mostly) are noise in a one-line view.
const keyAttributeNames = ['exitCode', 'signal', 'image', 'container', 'driver', 'type', 'destination', 'execID'] as const;
const idAttributes = new Set(['container', 'execID']);

/** name=value pairs worth a place on the line, ids shortened. */
export function keyAttributes(event: EngineEvent): Array<readonly [string, string]> {
	const pairs: Array<readonly [string, string]> = [];
	for (const key of keyAttributeNames) {
		const value = event.attributes[key];
		if (value === undefined || value === '') continue;
		// An image event's name is the image; repeating it says nothing.
		if (key === 'image' && value === event.name) continue;
		pairs.push([key, idAttributes.has(key) ? value.slice(0, 12) : value]);
	}
	return pairs;
}

export function actorName(event: EngineEvent): string {
	return event.name ?? (event.id.includes(':') || event.id.length < 16 ? event.id : event.id.slice(0, 12));
}

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** Local wall-clock time, as a person reads a log: 14:03:07. */
export function clockTime(ms: number): string {
	const date = new Date(ms);
	return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** One line for `berth events`: ISO time (UTC, unambiguous in scripts), type, action, name, key attributes. */
export function eventLine(event: EngineEvent): string {
	const attributes = keyAttributes(event).map(([key, value]) => `${key}=${value}`).join(' ');
	return sanitizeInline([new Date(event.time).toISOString(), event.type, event.action, actorName(event), attributes].filter(Boolean).join(' '));
}

/** One JSON object for `berth events --json`; every attribute, already sanitised. */
export function eventJson(event: EngineEvent): string {
	return JSON.stringify({time: new Date(event.time).toISOString(), type: event.type, action: event.action, id: event.id, name: event.name ?? null, attributes: event.attributes});
}

/** One line for `berth alerts`: ISO time, kind, the message (which names the container). */
export function alertLine(alert: AlertDraft): string {
	return sanitizeInline(`${new Date(alert.time).toISOString()} ${alert.kind} ${alert.message}`);
}

export function alertJson(alert: AlertDraft): string {
	return JSON.stringify({time: new Date(alert.time).toISOString(), kind: alert.kind, containerId: alert.containerId ?? null, name: alert.name, message: alert.message});
}

const units: Readonly<Record<string, number>> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};

/**
 * When history starts: a duration back from now ("15m", "1h", "24h", "90s",
 * "2d"), unix seconds, or an ISO date. undefined when it is none of these.
 */
export function parseSince(text: string, now: number): number | undefined {
	const trimmed = text.trim();
	const duration = /^(\d+(?:\.\d+)?)([smhd])$/.exec(trimmed);
	if (duration) return now - Number(duration[1]) * (units[duration[2] as string] ?? 0);
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
	if (/^\d{4}-\d{2}-\d{2}/.test(trimmed)) {
		const parsed = Date.parse(trimmed);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

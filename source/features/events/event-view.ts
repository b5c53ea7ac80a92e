// The events pane's rows as plain cells: which events show (filters, folded
// health checks) and how each one fits a width. Pure, tested without a terminal.
import type {EngineEvent} from '../../engine/streams/events.js';
import {matchesQuery, type EventQuery} from '../../engine/streams/event-query.js';
import {foldHealthNoise} from '../../engine/alerts/health-noise.js';
import {fitCell} from '../../text/cells.js';
import {actorName, clockTime, keyAttributes} from '../../text/event-line.js';

export interface EventView {
	readonly query: EventQuery;
	readonly showHealthChecks: boolean;
}

/** Oldest first, like a log. Folding runs before filtering so an exec_die still meets its exec_create. */
export function visibleEvents(events: readonly EngineEvent[], view: EventView, healthCommands: ReadonlyMap<string, string>): {readonly rows: EngineEvent[]; readonly folded: number} {
	const {shown, folded} = view.showHealthChecks ? {shown: events, folded: 0} : foldHealthNoise(events, healthCommands);
	return {rows: shown.filter(event => matchesQuery(event, view.query)), folded};
}

/** A stable key for an event, to keep the selection on it while the buffer moves. */
export function eventKey(event: EngineEvent): string {
	return `${event.timeNano}|${event.type}|${event.action}|${event.id}|${event.attributes['execID'] ?? ''}`;
}

export interface EventCells {
	readonly time: string;
	readonly type: string;
	readonly action: string;
	readonly name: string;
	readonly attributes: string;
}

const timeWidth = 8;
const typeWidth = 9;

/** Cells that add up to at most `width` columns (with one space between). Name and action get room first, attributes take the rest. */
export function eventCells(event: EngineEvent, width: number): EventCells {
	const room = Math.max(0, width - timeWidth - typeWidth - 3);
	const actionWidth = Math.min(24, Math.max(8, Math.floor(room * 0.3)));
	const nameWidth = Math.min(24, Math.max(8, Math.floor(room * 0.25)));
	const attributesWidth = Math.max(0, room - actionWidth - nameWidth - 1);
	const attributes = keyAttributes(event).map(([key, value]) => `${key}=${value}`).join(' ');
	return {
		time: fitCell(clockTime(event.time), timeWidth),
		type: fitCell(event.type, typeWidth),
		action: fitCell(event.action, actionWidth),
		name: fitCell(actorName(event), nameWidth),
		attributes: fitCell(attributes, attributesWidth).trimEnd(),
	};
}

export const eventsHeader = (width: number): string => {
	const cells = eventCells({type: 'TYPE', action: 'ACTION', id: '', name: 'NAME', attributes: {}, time: 0, timeNano: 0}, width);
	return `${fitCell('TIME', timeWidth)} ${cells.type} ${cells.action} ${cells.name} ATTRIBUTES`.slice(0, Math.max(0, width));
};

export type EventTone = 'trouble' | 'normal' | 'quiet';

/** Trouble (red whatever the type): an OOM, a non-zero exit, a failing health check. Quiet (dim): execs. */
export function eventTone(event: EngineEvent): EventTone {
	if (event.type !== 'container') return 'normal';
	if (event.action === 'oom' || event.action === 'health_status: unhealthy') return 'trouble';
	if (event.action === 'die' && (event.attributes['exitCode'] ?? '0') !== '0') return 'trouble';
	if (event.action.startsWith('exec_')) return 'quiet';
	return 'normal';
}

// Which events a person wants to see: by type, action and actor name. Values
// within one field are alternatives (type=container,image); fields combine
// (type=container action=die name=web). Pure, so the pane, `berth events` and
// the tests all read the same rules.
import type {EngineEvent, EventFilters} from './events.js';

export interface EventQuery {
	readonly types: readonly string[];
	readonly actions: readonly string[];
	/** Case-insensitive substrings of the actor's name (container, image, network, volume). */
	readonly names: readonly string[];
}

export const emptyQuery: EventQuery = {types: [], actions: [], names: []};

/** The action without its detail: "health_status: unhealthy" -> "health_status", "exec_create: sh -c x" -> "exec_create". */
export function baseAction(action: string): string {
	const colon = action.indexOf(':');
	return colon === -1 ? action : action.slice(0, colon);
}

/** "health_status: unhealthy" and "health_status:unhealthy" (typed without a space) are the same action. */
function squeeze(action: string): string {
	return action.replace(/:\s*/, ':');
}

export function matchesQuery(event: EngineEvent, query: EventQuery): boolean {
	if (query.types.length > 0 && !query.types.includes(event.type)) return false;
	if (query.actions.length > 0) {
		const base = baseAction(event.action);
		// "health_status" matches every status; "health_status:unhealthy" only that one.
		const exact = squeeze(event.action);
		if (!query.actions.some(action => action === base || squeeze(action) === exact)) return false;
	}
	if (query.names.length > 0) {
		const name = (event.name ?? '').toLowerCase();
		if (!query.names.some(part => name.includes(part.toLowerCase()))) return false;
	}
	return true;
}

/** The part of a query the engine can filter itself (type and action); names stay client-side (the engine matches them exactly). */
export function engineFiltersFor(query: EventQuery): EventFilters {
	return {
		...(query.types.length > 0 ? {type: query.types} : {}),
		...(query.actions.length > 0 ? {event: query.actions.map(baseAction)} : {}),
	};
}

export type ParsedQuery = {readonly ok: true; readonly query: EventQuery} | {readonly ok: false; readonly message: string};

const fieldNames: Readonly<Record<string, keyof EventQuery>> = {
	type: 'types', types: 'types', t: 'types',
	action: 'actions', actions: 'actions', event: 'actions', a: 'actions',
	name: 'names', names: 'names', n: 'names', container: 'names', image: 'names',
};

/**
 * "type=container action=die,oom name=web" -> a query. A bare word means a
 * name, so typing "web" just works. Repeating a field adds alternatives.
 */
export function parseQuery(text: string): ParsedQuery {
	const fields: Record<keyof EventQuery, string[]> = {types: [], actions: [], names: []};
	for (const word of text.trim().split(/\s+/).filter(Boolean)) {
		const equals = word.indexOf('=');
		const field = equals === -1 ? 'names' : fieldNames[word.slice(0, equals).toLowerCase()];
		if (!field) return {ok: false, message: `Unknown filter "${word.slice(0, equals)}": use type=, action= or name=.`};
		const values = (equals === -1 ? word : word.slice(equals + 1)).split(',').filter(Boolean);
		if (values.length === 0) return {ok: false, message: `"${word}" needs a value, e.g. ${word}container.`};
		fields[field].push(...values);
	}
	return {ok: true, query: fields};
}

/** The query back as text, for the filter prompt and the pane's title. */
export function formatQuery(query: EventQuery): string {
	const parts: string[] = [];
	if (query.types.length > 0) parts.push(`type=${query.types.join(',')}`);
	if (query.actions.length > 0) parts.push(`action=${query.actions.join(',')}`);
	if (query.names.length > 0) parts.push(`name=${query.names.join(',')}`);
	return parts.join(' ');
}

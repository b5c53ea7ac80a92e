import type Docker from 'dockerode';
import {useCallback, useEffect, useRef, useState} from 'react';
import {refreshOnEvents, type EventRefresh} from '../engine/streams/event-refresh.js';
import type {EventFilters} from '../engine/streams/events.js';

export interface ResourceListState<T> {
	readonly rows: readonly T[];
	readonly isLoaded: boolean;
	readonly error?: string;
	/** Re-list now (after an action whose event the engine may not send, e.g. a failed one). */
	readonly reload: () => void;
}

/**
 * A resource list kept current by the engine's events matching `filters`:
 * events only trigger a coalesced re-list (never patch the list by hand).
 * Filters should name the actions that change the list, so health-check
 * exec_* noise does not cause a re-list on every interval.
 */
export function useResourceList<T>(docker: Docker | undefined, load: (signal: AbortSignal) => Promise<readonly T[]>, filters: EventFilters): ResourceListState<T> {
	const [state, setState] = useState<{rows: readonly T[]; isLoaded: boolean; error?: string}>({rows: [], isLoaded: false});
	const refresher = useRef<EventRefresh | undefined>(undefined);
	const loadRef = useRef(load);
	loadRef.current = load;
	const filtersKey = JSON.stringify(filters);

	useEffect(() => {
		// No engine: the list is made elsewhere (several engines: use-fleet-resource-list.ts).
		if (!docker) return undefined;
		const refresh = refreshOnEvents(docker, JSON.parse(filtersKey) as EventFilters, async signal => {
			try {
				const rows = await loadRef.current(signal);
				// A successful list clears an earlier error.
				if (!signal.aborted) setState({rows, isLoaded: true});
			} catch (error) {
				if (!signal.aborted) setState(previous => ({...previous, error: (error as Error).message}));
				throw error;
			}
		}, {delayMs: 100, minIntervalMs: 500, isRunAtOnce: true});
		refresher.current = refresh;
		return refresh.stop;
	}, [docker, filtersKey]);

	const reload = useCallback(() => refresher.current?.trigger(), []);
	return {...state, reload};
}

// A resource list (images, volumes, networks, …) from every engine of a fleet:
// each engine listed and refreshed by its own events, on its own, so a slow or
// unreachable one leaves the others' rows live; every row tagged with its engine.
import type Docker from 'dockerode';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {tagRow} from '../components/fleet-rows.js';
import {refreshOnEvents, type EventRefresh} from '../engine/streams/event-refresh.js';
import type {EventFilters} from '../engine/streams/events.js';
import type {ResourceListState} from './use-resource-list.js';

export interface FleetMemberRef {
	readonly name: string;
	readonly docker: Docker;
}

interface MemberRows<T> {
	readonly rows: readonly T[];
	readonly error?: string;
}

export function useFleetResourceList<T>(members: readonly FleetMemberRef[] | undefined, load: (docker: Docker, signal: AbortSignal) => Promise<readonly T[]>, filters: EventFilters): ResourceListState<T> {
	const [byEngine, setByEngine] = useState<ReadonlyMap<string, MemberRows<T>>>(() => new Map());
	const loadRef = useRef(load);
	loadRef.current = load;
	const refreshers = useRef<EventRefresh[]>([]);
	const filtersKey = JSON.stringify(filters);

	useEffect(() => {
		if (!members) return undefined;
		const set = (name: string, next: (previous: MemberRows<T> | undefined) => MemberRows<T>) => setByEngine(previous => new Map(previous).set(name, next(previous.get(name))));
		const started = members.map(member => refreshOnEvents(member.docker, JSON.parse(filtersKey) as EventFilters, async signal => {
			try {
				const rows = (await loadRef.current(member.docker, signal)).map(row => tagRow(row, member.name));
				if (!signal.aborted) set(member.name, () => ({rows}));
			} catch (error) {
				// The engine's rows stay as last read, and the bar says it fails.
				if (!signal.aborted) set(member.name, previous => ({rows: previous?.rows ?? [], error: `${member.name}: ${(error as Error).message}`}));
				throw error;
			}
		}, {delayMs: 100, minIntervalMs: 500, isRunAtOnce: true}));
		refreshers.current = started;
		return () => {
			for (const refresh of started) refresh.stop();
		};
	}, [members, filtersKey]);

	const reload = useCallback(() => {
		for (const refresh of refreshers.current) refresh.trigger();
	}, []);
	return useMemo(() => {
		const states = (members ?? []).map(member => byEngine.get(member.name));
		const errors = states.flatMap(state => (state?.error ? [state.error] : []));
		return {
			rows: states.flatMap(state => state?.rows ?? []),
			isLoaded: states.every(state => state !== undefined),
			...(errors.length > 0 ? {error: errors.join('; ')} : {}),
			reload,
		};
	}, [members, byEngine, reload]);
}

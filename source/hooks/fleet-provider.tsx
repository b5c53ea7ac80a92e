// Several engines at once. Each engine keeps its own list, link, stats and
// retries (engine-member.ts), so one that is slow or gone holds back none of the
// others; this merges them for the views: every container tagged with its
// engine's name, the stats and status words of all, and one client whose
// container calls are routed to the container's own engine (fleet-router.ts).
import type Docker from 'dockerode';
import {memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {HostInfo} from '../engine/resources/host-info.js';
import type {StatsSample} from '../engine/streams/stats.js';
import {routeByContainer} from '../engine/transport/fleet-router.js';
import type {LinkState} from '../engine/transport/link-health.js';
import {EngineContexts, type EngineBadge, type EngineState, type StatsHistories} from './engine-context.js';
import {useMemberState, type EngineMember, type MemberState} from './engine-member.js';
import type {Connection} from './use-containers.js';
import type {StatusWords} from './use-status-words.js';

// Renders nothing: it only keeps one engine's hooks running and reports their state.
const MemberWatch = memo(function MemberWatch(props: {readonly member: EngineMember; readonly onState: (state: MemberState) => void}) {
	const state = useMemberState(props.member);
	const {onState} = props;
	// A layout effect: the merged list is in the same frame as the member's.
	useLayoutEffect(() => onState(state), [state, onState]);
	return null;
});

export function badgeOf(state: MemberState | undefined, name: string): EngineBadge {
	if (!state) return {name, state: 'connecting', containerCount: 0};
	const count = state.containers.length;
	if (state.connection.status === 'lost') return {name, state: 'unreachable', containerCount: count, problem: state.connection.message};
	if (state.link.status === 'failing' || state.listError) return {name, state: 'reconnecting', containerCount: count, problem: state.link.status === 'failing' ? state.link.lastError : state.listError ?? ''};
	return {name, state: state.connection.status === 'live' ? 'connected' : 'connecting', containerCount: count};
}

/** The host figures of all engines added up, once each has answered. */
function sumHosts(hosts: readonly (HostInfo | undefined)[]): HostInfo | undefined {
	if (hosts.length === 0 || hosts.some(host => !host)) return undefined;
	return hosts.reduce<HostInfo>((sum, host) => ({cpus: sum.cpus + (host?.cpus ?? 0), memoryBytes: sum.memoryBytes + (host?.memoryBytes ?? 0), images: sum.images + (host?.images ?? 0), volumes: sum.volumes + (host?.volumes ?? 0)}), {cpus: 0, memoryBytes: 0, images: 0, volumes: 0});
}

export function FleetProvider(props: {readonly members: readonly EngineMember[]; readonly children: ReactNode}) {
	const [states, setStates] = useState<ReadonlyMap<string, MemberState>>(() => new Map());
	// Each engine's stats arrive once a second at its own moment: merged as they come, five
	// engines would redraw five times a second. Stats-only news waits for the next
	// redraw (at most a second); a list, link or connection change goes out at once.
	const pending = useRef(new Map<string, MemberState>());
	const flushTimer = useRef<{timer: NodeJS.Timeout; at: number} | undefined>(undefined);
	const flush = useCallback(() => {
		flushTimer.current = undefined;
		const updates = [...pending.current];
		pending.current.clear();
		if (updates.length > 0) setStates(previous => new Map([...previous, ...updates]));
	}, []);
	const schedule = useCallback((delayMs: number) => {
		const at = Date.now() + delayMs;
		if (flushTimer.current && flushTimer.current.at <= at) return;
		if (flushTimer.current) clearTimeout(flushTimer.current.timer);
		flushTimer.current = {timer: setTimeout(flush, delayMs), at};
	}, [flush]);
	useEffect(() => () => {
		if (flushTimer.current) clearTimeout(flushTimer.current.timer);
	}, []);
	const shown = useRef(states);
	shown.current = states;
	const onStates = useMemo(() => new Map(props.members.map(member => [member.name, (state: MemberState) => {
		const before = pending.current.get(member.name) ?? shown.current.get(member.name);
		pending.current.set(member.name, state);
		const isStatsOnly = before !== undefined && before.containers === state.containers && before.connection === state.connection
			&& before.link === state.link && before.isLoaded === state.isLoaded && before.host === state.host && before.listError === state.listError;
		// The first state of each engine, and anything but numbers, without delay (the first frame waits for it).
		if (!isStatsOnly) {
			if (before === undefined) flush();
			else schedule(16);
		} else schedule(1000);
	}])), [props.members, flush, schedule]);
	// Which engine listed each container: read by the router at call time, so the client stays one object.
	const owners = useRef(new Map<string, Docker>());
	const first = props.members[0];
	if (!first) throw new Error('FleetProvider needs an engine');
	const docker = useMemo(() => routeByContainer(first.docker, id => {
		const exact = owners.current.get(id);
		if (exact) return exact;
		for (const [full, owner] of owners.current) if (full.startsWith(id)) return owner;
		return undefined;
	}), [first.docker]);
	// One tagged copy per list an engine gives, so an unchanged engine keeps its rows' identity.
	const tagged = useRef(new WeakMap<readonly ContainerSummary[], readonly ContainerSummary[]>());
	const tag = useCallback((state: MemberState) => {
		let rows = tagged.current.get(state.containers);
		if (!rows) {
			rows = state.containers.map(container => ({...container, host: state.name}));
			tagged.current.set(state.containers, rows);
		}
		return rows;
	}, []);

	const refs = useMemo(() => props.members.map(member => ({name: member.name, docker: member.docker})), [props.members]);
	const ordered = props.members.map(member => states.get(member.name));
	const merged = useMemo(() => {
		const present = ordered.filter((state): state is MemberState => state !== undefined);
		const badges = props.members.map((member, index) => badgeOf(ordered[index], member.name));
		// An unreachable engine's rows are folded out (the bar says how many); the others' stay live.
		const reachable = present.filter(state => state.connection.status !== 'lost');
		const containers = reachable.flatMap(tag);
		owners.current = new Map(present.flatMap(state => state.containers.map(container => [container.id, state.docker] as const)));
		const stats = new Map<string, StatsSample>();
		for (const state of reachable) for (const [id, sample] of state.stats) stats.set(id, sample);
		const byName = new Map(present.map(state => [state.name, state]));
		const statusWords: StatusWords = {of: container => byName.get(container.host ?? '')?.statusWords.of(container) ?? container.status};
		const statsHub: StatsHistories = {history: id => {
			for (const state of present) {
				const history = state.statsHub.history(id);
				if (history) return history;
			}
			return undefined;
		}};
		const connection: Connection = present.length > 0 && present.every(state => state.connection.status === 'lost')
			? present[0]?.connection ?? {status: 'connecting'}
			: present.some(state => state.connection.status === 'live') ? {status: 'live'} : {status: 'connecting'};
		// The status line names the first engine that fails; the header names each.
		const failing = badges.find(badge => badge.state === 'reconnecting' || badge.state === 'unreachable');
		const failingState = failing ? byName.get(failing.name) : undefined;
		const link: LinkState = failing && failingState
			? {status: 'failing', since: failingState.link.status === 'failing' ? failingState.link.since : failingState.connection.status === 'lost' ? failingState.connection.since : Date.now(), lastError: `${failing.name}: ${failing.problem ?? ''}`, failures: 1}
			: {status: 'ok'};
		const value: EngineState = {
			docker, containers, connection, link, statsHub,
			isLoaded: present.length === props.members.length && present.every(state => state.isLoaded || state.connection.status === 'lost'),
			host: sumHosts(reachable.map(state => state.host)),
			statsSource: present[0]?.statsSource,
			engines: badges,
			fleet: refs,
		};
		return {value, stats, statusWords};
	// `ordered` is rebuilt each render from `states`, which is what changes.
	// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [states, props.members, docker, tag, refs]);

	return (
		<>
			{props.members.map(member => <MemberWatch key={member.name} member={member} onState={onStates.get(member.name) ?? noop} />)}
			<EngineContexts value={merged.value} stats={merged.stats} statusWords={merged.statusWords}>{props.children}</EngineContexts>
		</>
	);
}

const noop = () => undefined;

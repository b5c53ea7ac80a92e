import type Docker from 'dockerode';
import {useCallback, useEffect, useRef, useState} from 'react';
import {toEngineError} from '../../engine/transport/errors.js';
import {LogBuffer} from '../../engine/streams/log-buffer.js';
import {readHistory, type HistoryRequest} from '../../engine/streams/log-history.js';
import {splitTimestamp, type LogLine} from '../../engine/streams/log-lines.js';
import {followLogs} from '../../engine/streams/follow-logs.js';
import {retryRead} from '../../engine/transport/retry-read.js';
import {isServiceLogTarget, serviceIdOf, serviceLogInfo, ServiceLogLabels} from '../../engine/streams/service-logs.js';

export interface LogSourceOptions {
	readonly containerIds: readonly string[];
	/** Lines each container's log opens on. */
	readonly tail: number | 'all';
	/** Only lines from this time on (ns since the epoch); undefined for all. */
	readonly sinceNs: bigint | undefined;
	readonly capacity: number;
}

export interface LogSource {
	readonly buffer: LogBuffer;
	/** Changes whenever the buffer does (memoise views on it). */
	readonly version: number;
	/** live: following; reconnecting: a stream broke and is being opened again; ended: every container stopped; failed: could not read. */
	readonly state: 'loading' | 'live' | 'reconnecting' | 'ended' | 'failed';
	readonly error: string | undefined;
	/** While reconnecting: since when the log has not been followed. */
	readonly brokenSince: number | undefined;
	/** Containers whose whole history (since the chosen time) is loaded. */
	readonly isAtStart: boolean;
	readonly isLoadingOlder: boolean;
	/** Fetches the page before the first loaded line; resolves with the new lines (oldest first). */
	readonly loadOlder: (count: number, signal?: AbortSignal) => Promise<readonly LogLine[]>;
	/** Opens the logs afresh on their tail (after the buffer detached, or a new setting). */
	readonly reload: () => void;
}

interface ContainerInfo {
	readonly isTty: boolean;
	readonly createdNs: bigint;
	/** For a Swarm service's log: names its lines' tasks and nodes. */
	readonly labels?: ServiceLogLabels;
}

/** What reading a log target needs: its TTY (the wire format), its creation, and for a service the names of its tasks. */
async function targetInfo(docker: Docker, id: string, signal: AbortSignal): Promise<ContainerInfo> {
	if (isServiceLogTarget(id)) return {...await serviceLogInfo(docker, id, signal), labels: new ServiceLogLabels(docker, serviceIdOf(id), signal)};
	const info = await docker.getContainer(id).inspect({abortSignal: signal} as object);
	return {isTty: Boolean(info.Config?.Tty), createdNs: splitTimestamp(`${info.Created} `).ns};
}

const second = 1_000_000_000n;
const renderIntervalMs = 100;
const maxLinesPerFlush = 10_000;
const floodRenderIntervalMs = 300;
/** Lines in one flush (100 ms) above which the log counts as a flood. */
const floodBatch = 500;

/**
 * Follows one or more containers' logs into one bounded, time-ordered buffer,
 * and pages back through their history on demand. One follow stream per
 * container, all aborted when the containers, tail or since change or the pane closes.
 */
export function useLogSource(docker: Docker, options: LogSourceOptions): LogSource {
	const {containerIds, tail, sinceNs, capacity} = options;
	const idsKey = containerIds.join(',');
	const [generation, setGeneration] = useState(0);
	const bufferRef = useRef<LogBuffer>(new LogBuffer(capacity));
	const [version, setVersion] = useState(0);
	const [state, setState] = useState<LogSource['state']>('loading');
	const [error, setError] = useState<string | undefined>(undefined);
	const [brokenSince, setBrokenSince] = useState<number | undefined>(undefined);
	const [exhausted, setExhaustedState] = useState<ReadonlySet<string>>(new Set());
	// A ref too: the follow streams' onLines and a deep search's loop (calling the loadOlder
	// of the render that began it) read it long after the render that made them.
	const exhaustedRef = useRef<ReadonlySet<string>>(exhausted);
	const setExhausted = (next: ReadonlySet<string>) => {
		exhaustedRef.current = next;
		setExhaustedState(next);
	};
	const [isLoadingOlder, setIsLoadingOlder] = useState(false);
	const infoRef = useRef(new Map<string, ContainerInfo>());
	const streamSignal = useRef<AbortSignal | undefined>(undefined);
	const olderInFlight = useRef<Promise<readonly LogLine[]> | undefined>(undefined);

	useEffect(() => {
		const controller = new AbortController();
		streamSignal.current = controller.signal;
		const ids = idsKey ? idsKey.split(',') : [];
		if (bufferRef.current.capacity !== capacity) bufferRef.current = new LogBuffer(capacity);
		const buffer = bufferRef.current;
		buffer.reset();
		setVersion(buffer.version);
		setState('loading');
		setError(undefined);
		setBrokenSince(undefined);
		setExhausted(new Set());
		let open = ids.length;
		// One render per interval however many containers flushed: a merged view of
		// ten flooding containers must not render ten times as often.
		// In a flood the screen is a blur anyway; drawing it less often leaves the CPU to reading and to keys.
		let renderTimer: NodeJS.Timeout | undefined;
		const scheduleRender = (batch: number) => {
			renderTimer ??= setTimeout(() => {
				renderTimer = undefined;
				setVersion(buffer.version);
			}, batch > floodBatch ? floodRenderIntervalMs : renderIntervalMs);
		};
		// Containers whose stream is broken right now: the view is reconnecting while any is.
		const broken = new Set<string>();
		const markBroken = (id: string, isBroken: boolean) => {
			if (isBroken === broken.has(id) || controller.signal.aborted) return;
			if (isBroken) broken.add(id);
			else broken.delete(id);
			setBrokenSince(current => (broken.size === 0 ? undefined : current ?? Date.now()));
			setState(current => (current === 'failed' || current === 'ended' ? current : broken.size > 0 ? 'reconnecting' : 'live'));
		};
		void Promise.all(ids.map(async id => {
			try {
				const info = await retryRead(docker, () => targetInfo(docker, id, controller.signal), controller.signal, () => markBroken(id, true));
				infoRef.current.set(id, info);
				// A service's log has no `until` to page back with: what the tail loads is all there is (T loads more).
				if (info.labels) setExhausted(new Set([...exhaustedRef.current, id]));
				await info.labels?.load().catch(() => undefined);
				if (controller.signal.aborted) return;
				await followLogs(docker, id, {
					tail,
					sinceNs,
					signal: controller.signal,
					isTty: info.isTty,
					rewrite: info.labels ? raw => info.labels?.rewrite(raw) ?? raw : undefined,
					// Bounds the lines held between flushes and the work of one flush; what a flood outruns is counted and shown.
					maxPending: Math.min(capacity, maxLinesPerFlush),
					onOpen() {
						markBroken(id, false);
						setState(current => (current === 'loading' ? 'live' : current));
					},
					onBroken: () => markBroken(id, true),
					onLines(lines, skipped) {
						buffer.skipped += skipped;
						// Lines pushed out of the front mean there is older history again.
						if (buffer.append(lines) > 0 && exhaustedRef.current.size > 0) setExhausted(new Set());
						scheduleRender(lines.length + skipped);
					},
				});
			} catch (caught) {
				if (controller.signal.aborted) return;
				setError(toEngineError(caught).message);
				setState('failed');
			} finally {
				open--;
				markBroken(id, false);
				if (open === 0 && !controller.signal.aborted) setState(current => (current === 'failed' ? current : 'ended'));
			}
		}));
		return () => {
			controller.abort();
			clearTimeout(renderTimer);
		};
	}, [docker, idsKey, tail, sinceNs, capacity, generation]);

	const loadOlder = useCallback((count: number, signal?: AbortSignal): Promise<readonly LogLine[]> => {
		if (olderInFlight.current) return olderInFlight.current;
		const buffer = bufferRef.current;
		const lines = buffer.lines;
		const ids = idsKey ? idsKey.split(',') : [];
		const first = lines[0];
		const last = lines[lines.length - 1];
		const beforeNs = first?.ns ?? BigInt(Date.now()) * 1_000_000n;
		// Guess a window that holds about `count` lines at the rate seen so far.
		const span = first && last && lines.length > 1 ? last.ns - first.ns : 60n * second;
		const windowNs = (span * BigInt(count)) / BigInt(Math.max(1, lines.length)) + second;
		const requests: HistoryRequest[] = [];
		for (const id of ids) {
			const info = infoRef.current.get(id);
			if (!info || exhaustedRef.current.has(id)) continue;
			let atBoundary = 0;
			for (const line of lines) {
				if (line.ns !== beforeNs) break;
				if (line.containerId === id) atBoundary++;
			}
			const floorNs = sinceNs !== undefined && sinceNs > info.createdNs ? sinceNs : info.createdNs - second;
			requests.push({containerId: id, isTty: info.isTty, beforeNs, loadedAtBoundary: atBoundary, floorNs, windowNs});
		}
		if (requests.length === 0) return Promise.resolve([]);
		const stream = streamSignal.current;
		const signals = [stream, signal].filter((s): s is AbortSignal => s !== undefined);
		const combined = AbortSignal.any(signals);
		setIsLoadingOlder(true);
		const work = readHistory(docker, requests, count, combined).then(page => {
			if (combined.aborted || bufferRef.current !== buffer) return [];
			buffer.prepend(page.lines);
			setVersion(buffer.version);
			setExhausted(new Set([...exhaustedRef.current, ...page.exhausted]));
			return page.lines;
		}, (caught: unknown) => {
			if (!combined.aborted) setError(toEngineError(caught).message);
			return [];
		}).finally(() => {
			olderInFlight.current = undefined;
			setIsLoadingOlder(false);
		});
		olderInFlight.current = work;
		return work;
	}, [docker, idsKey, sinceNs]);

	const reload = useCallback(() => setGeneration(g => g + 1), []);
	const ids = idsKey ? idsKey.split(',') : [];
	const isAtStart = ids.length > 0 && ids.every(id => exhausted.has(id));
	return {buffer: bufferRef.current, version, state, error, brokenSince, isAtStart, isLoadingOlder, loadOlder, reload};
}

// Each listed container's start and finish times, read by inspect in the
// background and again only when a list says they may have changed. The list
// is never held up: until a container's times are known (or while they may be
// out of date) its words are the list's own.
import type {ContainerSummary} from './containers.js';
import {needsInspect, type ContainerTimes} from './container-times.js';
import {toEngineError} from '../transport/errors.js';

export interface TimesCacheOptions {
	/** One inspect; the signal carries the cache's stop and a deadline. */
	readonly inspect: (id: string, signal: AbortSignal) => Promise<ContainerTimes>;
	/** Times were learnt: called once the inspects under way are done, and every `notifyMs` while more are. */
	readonly onChange: () => void;
	readonly concurrency?: number;
	readonly deadlineMs?: number;
	/** A failed inspect is tried again after this long, doubled on each failure up to `maxRetryMs`. */
	readonly retryMs?: number;
	readonly maxRetryMs?: number;
	readonly notifyMs?: number;
}

interface Entry {
	listed: ContainerSummary;
	/** When, on the engine's clock, the list with `listed` was read; undefined while the clock offset is unknown. */
	listedAt: number | undefined;
	times?: ContainerTimes;
	/** The times may be out of date: show the list's words until an inspect answers. */
	isStale: boolean;
	phase: 'idle' | 'queued' | 'running' | 'waiting';
	/** The list entry the running inspect was asked for. */
	askedFor?: ContainerSummary;
	failures: number;
	retryTimer?: NodeJS.Timeout;
}

export class TimesCache {
	private readonly entries = new Map<string, Entry>();
	private readonly queue: string[] = [];
	private running = 0;
	private notifyTimer: NodeJS.Timeout | undefined;
	private readonly controller = new AbortController();
	private readonly concurrency: number;
	private readonly deadlineMs: number;
	private readonly retryMs: number;
	private readonly maxRetryMs: number;
	private readonly notifyMs: number;

	constructor(private readonly options: TimesCacheOptions) {
		this.concurrency = options.concurrency ?? 4;
		this.deadlineMs = options.deadlineMs ?? 10_000;
		this.retryMs = options.retryMs ?? 2000;
		this.maxRetryMs = options.maxRetryMs ?? 30_000;
		this.notifyMs = options.notifyMs ?? 100;
	}

	/** A new list, read at engine time `listedAt`: forgets the containers gone, asks about the ones that may have changed. */
	update(containers: readonly ContainerSummary[], listedAt: number | undefined): void {
		if (this.controller.signal.aborted) return;
		const listedIds = new Set<string>();
		for (const listed of containers) {
			listedIds.add(listed.id);
			const entry = this.entries.get(listed.id) ?? {listed, listedAt, isStale: false, phase: 'idle', failures: 0};
			this.entries.set(listed.id, entry);
			entry.listed = listed;
			entry.listedAt = listedAt;
			// A running inspect is checked against the newest entry when it answers (see answered).
			if (entry.phase !== 'running' && needsInspect(listed, entry.times, listedAt)) this.ask(listed.id, entry);
		}
		for (const [id, entry] of this.entries) {
			if (listedIds.has(id)) continue;
			clearTimeout(entry.retryTimer);
			this.entries.delete(id);
		}
		this.pump();
	}

	/**
	 * The times to write `listed`'s words from, or undefined: not known yet, perhaps
	 * out of date, or of another state than the list's (an inspect newer than the list).
	 * A list not yet given to update (it is, after the render that shows it) is
	 * checked here, so no frame shows words its own list contradicts.
	 */
	times(listed: ContainerSummary, listedAt: number | undefined): ContainerTimes | undefined {
		const entry = this.entries.get(listed.id);
		if (!entry?.times || entry.isStale || entry.times.state !== listed.state) return undefined;
		if (entry.listed !== listed && needsInspect(listed, entry.times, listedAt)) return undefined;
		return entry.times;
	}

	stop(): void {
		this.controller.abort();
		clearTimeout(this.notifyTimer);
		for (const entry of this.entries.values()) clearTimeout(entry.retryTimer);
		this.entries.clear();
		this.queue.length = 0;
	}

	private ask(id: string, entry: Entry): void {
		entry.isStale = true;
		// One waiting for a retry keeps its turn: a failing engine is not asked more often because lists arrive.
		if (entry.phase !== 'idle') return;
		entry.phase = 'queued';
		this.queue.push(id);
	}

	private pump(): void {
		while (this.running < this.concurrency && this.queue.length > 0) {
			const id = this.queue.shift() as string;
			const entry = this.entries.get(id);
			if (!entry || entry.phase !== 'queued') continue;
			entry.phase = 'running';
			entry.askedFor = entry.listed;
			this.running++;
			const signal = AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.deadlineMs)]);
			void this.options.inspect(id, signal).then(
				times => this.answered(id, entry, times),
				(error: unknown) => this.failed(id, entry, error),
			).finally(() => {
				this.running--;
				this.pump();
				if (this.running === 0 && this.queue.length === 0) this.flush();
			});
		}
	}

	private answered(id: string, entry: Entry, times: ContainerTimes): void {
		if (this.entries.get(id) !== entry) return;
		entry.phase = 'idle';
		entry.failures = 0;
		entry.times = times;
		entry.isStale = false;
		// A list that came while the inspect ran may tell of a later change; one that did not is
		// not asked about again, even if the two disagree: the inspect is then the newer of the two.
		if (entry.listed !== entry.askedFor && needsInspect(entry.listed, times, entry.listedAt)) this.ask(id, entry);
		this.notify();
	}

	private failed(id: string, entry: Entry, error: unknown): void {
		if (this.controller.signal.aborted || this.entries.get(id) !== entry) return;
		// Removed meanwhile: its destroy event will take it off the list.
		if (toEngineError(error).statusCode === 404) {
			entry.phase = 'idle';
			return;
		}
		entry.failures++;
		entry.phase = 'waiting';
		const wait = Math.min(this.maxRetryMs, this.retryMs * 2 ** (entry.failures - 1));
		entry.retryTimer = setTimeout(() => {
			entry.retryTimer = undefined;
			if (this.entries.get(id) !== entry) return;
			entry.phase = 'idle';
			this.ask(id, entry);
			this.pump();
		}, wait);
	}

	// One change notice per batch: a first fill of a thousand containers is a few renders, not a thousand.
	private notify(): void {
		this.notifyTimer ??= setTimeout(() => this.flush(), this.notifyMs);
	}

	private flush(): void {
		if (this.notifyTimer === undefined) return;
		clearTimeout(this.notifyTimer);
		this.notifyTimer = undefined;
		if (!this.controller.signal.aborted) this.options.onChange();
	}
}

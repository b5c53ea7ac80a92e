import type Docker from 'dockerode';
import {ContainerHistory} from './stats-history.js';
import {jittered} from './events.js';
import {containerStats, type StatsSample} from './stats.js';
import {StreamWatchdog} from './stream-watchdog.js';

/** The longest wait before reopening a broken stream, so a healed link shows numbers again within seconds. */
const maxRetryMs = 4000;

export interface StatsHubOptions {
	/** Wait this long after the first sample of a burst before telling listeners. */
	readonly flushDelayMs?: number;
	/** Tell listeners at most this often (the daemon samples once a second). */
	readonly minFlushIntervalMs?: number;
	/** Samples kept per container. */
	readonly historyCapacity?: number;
	/** Histories of containers no longer running kept for a while (a restart, a detail view). */
	readonly keepStopped?: number;
	/** A stream silent this long is reopened (the daemon samples once a second). */
	readonly silenceMs?: number;
	/** The stream source; tests pass a fake, the app the engine's. */
	readonly source?: (id: string, signal: AbortSignal) => AsyncIterable<StatsSample>;
}

type Listener = () => void;

/**
 * One streaming stats subscription per running container (the daemon samples
 * them all in one shared loop, as for `docker stats`), each container's recent
 * history in a bounded ring, and listeners told at most about once a second:
 * a burst of 100 samples becomes one notification, so one frame.
 * Plain TypeScript: the React hook only subscribes to it.
 */
export class StatsHub {
	private readonly subscriptions = new Map<string, AbortController>();
	private readonly histories = new Map<string, ContainerHistory>();
	/** Written as samples arrive; copied into `snapshot` on flush so readers see a stable map. */
	private readonly current = new Map<string, StatsSample>();
	private snapshot: ReadonlyMap<string, StatsSample> = new Map();
	private readonly listeners = new Set<Listener>();
	private readonly retryTimers = new Map<string, NodeJS.Timeout>();
	private wanted = new Set<string>();
	private flushTimer: NodeJS.Timeout | undefined;
	private lastFlush = 0;
	private dirty = false;
	private closed = false;
	private readonly options: Required<Omit<StatsHubOptions, 'source'>>;
	private readonly source: (id: string, signal: AbortSignal) => AsyncIterable<StatsSample>;

	constructor(docker: Docker | undefined, options: StatsHubOptions = {}) {
		this.options = {
			flushDelayMs: options.flushDelayMs ?? 200,
			minFlushIntervalMs: options.minFlushIntervalMs ?? 900,
			historyCapacity: options.historyCapacity ?? 600,
			keepStopped: options.keepStopped ?? 50,
			silenceMs: options.silenceMs ?? 3500,
		};
		const fromEngine = (id: string, signal: AbortSignal) => {
			if (!docker) throw new Error('StatsHub needs a docker client or a source');
			return containerStats(docker, id, signal);
		};
		this.source = options.source ?? fromEngine;
	}

	/** The latest sample per running container; a new Map after each flush, so it can be a React dependency. */
	get latest(): ReadonlyMap<string, StatsSample> {
		return this.snapshot;
	}

	history(id: string): ContainerHistory | undefined {
		return this.histories.get(id);
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Opens streams for newly running containers and closes those no longer running. */
	setRunning(ids: Iterable<string>): void {
		if (this.closed) return;
		this.wanted = new Set(ids);
		for (const [id, controller] of this.subscriptions) {
			if (this.wanted.has(id)) continue;
			controller.abort();
			this.subscriptions.delete(id);
		}
		for (const [id, timer] of this.retryTimers) {
			if (this.wanted.has(id)) continue;
			clearTimeout(timer);
			this.retryTimers.delete(id);
		}
		for (const id of this.current.keys()) {
			if (this.wanted.has(id)) continue;
			this.current.delete(id);
			this.dirty = true;
			this.scheduleFlush();
		}
		for (const id of this.wanted) {
			if (!this.subscriptions.has(id) && !this.retryTimers.has(id)) this.open(id, 0);
		}
		this.prune();
	}

	close(): void {
		this.closed = true;
		for (const controller of this.subscriptions.values()) controller.abort();
		this.subscriptions.clear();
		for (const timer of this.retryTimers.values()) clearTimeout(timer);
		this.retryTimers.clear();
		if (this.flushTimer) clearTimeout(this.flushTimer);
		this.listeners.clear();
	}

	private open(id: string, failures: number): void {
		const controller = new AbortController();
		this.subscriptions.set(id, controller);
		let history = this.histories.get(id);
		if (!history) {
			history = new ContainerHistory(this.options.historyCapacity);
			this.histories.set(id, history);
		}
		history.breakStream();
		const target = history;
		// A stream can stall without closing (a link that stops delivering): three
		// missed samples and it is reopened, and its last numbers are no longer shown.
		const watchdog = new StreamWatchdog(() => controller.abort(), this.options.silenceMs);
		void (async () => {
			let received = 0;
			try {
				for await (const sample of this.source(id, controller.signal)) {
					received++;
					watchdog.fed();
					target.push(sample);
					this.current.set(id, sample);
					this.dirty = true;
					this.scheduleFlush();
				}
			} catch {
				// The container, the engine or the link went away; the container list will say which.
			} finally {
				watchdog.stop();
			}
			if (this.subscriptions.get(id) !== controller) return;
			this.subscriptions.delete(id);
			if (this.current.delete(id)) {
				this.dirty = true;
				this.scheduleFlush();
			}
			// The stream ended but the container is still meant to be running: it
			// restarted faster than the list noticed, or the link failed. Open again,
			// backing off (with jitter) while it keeps failing.
			if (this.closed || !this.wanted.has(id) || (controller.signal.aborted && !watchdog.hasFired)) return;
			const attempt = received > 0 ? 0 : failures + 1;
			const delay = jittered(Math.min(maxRetryMs, 250 * 2 ** attempt));
			this.retryTimers.set(id, setTimeout(() => {
				this.retryTimers.delete(id);
				if (!this.closed && this.wanted.has(id) && !this.subscriptions.has(id)) this.open(id, attempt);
			}, delay));
		})();
	}

	private scheduleFlush(): void {
		if (this.flushTimer || this.closed) return;
		const wait = Math.max(this.options.flushDelayMs, this.lastFlush + this.options.minFlushIntervalMs - Date.now());
		this.flushTimer = setTimeout(() => this.flush(), wait);
	}

	private flush(): void {
		this.flushTimer = undefined;
		if (!this.dirty || this.closed) return;
		this.dirty = false;
		this.lastFlush = Date.now();
		this.snapshot = new Map(this.current);
		for (const listener of this.listeners) listener();
	}

	/** Keeps every running container's history and the most recent few of stopped ones. */
	private prune(): void {
		const stopped = [...this.histories].filter(([id]) => !this.wanted.has(id));
		const excess = stopped.length - this.options.keepStopped;
		if (excess <= 0) return;
		stopped.sort(([, a], [, b]) => (a.latestTime() ?? 0) - (b.latestTime() ?? 0));
		for (const [id] of stopped.slice(0, excess)) this.histories.delete(id);
	}
}

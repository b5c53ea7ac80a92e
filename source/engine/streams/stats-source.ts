import type Docker from 'dockerode';
import {CgroupCollector} from './cgroup-collector.js';
import {locateContainer, type CgroupHost} from './cgroup-locate.js';
import {chooseCgroupHost, type EngineWhere} from './stats-source-choice.js';
import {containerStats, containerStatsOnce, type StatsSample} from './stats.js';
import {gate} from './gate.js';

/** --stats-source: the kernel's cgroup files, the engine's stats streams, or whichever can serve (auto). */
export type StatsSourceMode = 'auto' | 'engine' | 'cgroup';
export const statsSourceModes: readonly StatsSourceMode[] = ['auto', 'engine', 'cgroup'];

export type StatsSourceState =
	| {readonly kind: 'choosing'}
	| {readonly kind: 'cgroup'}
	/** Why the engine's streams serve, shown once in the status line; none when they were asked for. */
	| {readonly kind: 'engine'; readonly reason?: string};

type Listener = () => void;

/**
 * Where the stats hub gets its samples: the local cgroup collector when it can
 * serve, the engine's streams otherwise, decided once at start and given up
 * for good (with the reason) if a container later cannot be read here. Every
 * consumer reads the hub, so none knows which one serves.
 */
export class StatsSource {
	private current: StatsSourceState = {kind: 'choosing'};
	private collector: CgroupCollector | undefined;
	private host: CgroupHost | undefined;
	private readonly listeners = new Set<Listener>();
	private readonly controller = new AbortController();
	// A hundred containers found at start are inspected a few at a time, not in one burst of requests and sockets.
	private readonly locating = gate(4);
	readonly ready: Promise<void>;

	constructor(private readonly docker: Docker, where: EngineWhere, readonly mode: StatsSourceMode, procRoot = '/proc') {
		this.ready = mode === 'engine'
			? Promise.resolve(this.set({kind: 'engine'}))
			: chooseCgroupHost(docker, where, this.controller.signal, procRoot).then(
				host => {
					if (typeof host === 'string') return this.set({kind: 'engine', reason: host});
					this.host = host;
					this.collector = new CgroupCollector(host);
					this.set({kind: 'cgroup'});
				},
				(error: unknown) => this.set({kind: 'engine', reason: (error as Error).message}),
			);
	}

	get state(): StatsSourceState {
		return this.current;
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** One container's samples, for the stats hub: ends when the container stops or the signal aborts. */
	readonly stream = (id: string, signal: AbortSignal): AsyncIterable<StatsSample> => this.samples(id, signal);

	/**
	 * One sample per container with CPU over about a second (`docker stats
	 * --no-stream`); undefined for a container that stopped meanwhile.
	 */
	async once(ids: readonly string[], signal: AbortSignal): Promise<Array<StatsSample | undefined>> {
		await this.ready;
		if (this.current.kind !== 'cgroup') return Promise.all(ids.map(id => containerStatsOnce(this.docker, id, signal)));
		const deadline = AbortSignal.any([signal, AbortSignal.timeout(5000)]);
		return Promise.all(ids.map(async id => {
			let latest: StatsSample | undefined;
			try {
				for await (const sample of this.samples(id, deadline)) {
					latest = sample;
					if (sample.cpuPercent !== undefined) break;
				}
			} catch {
				// Stopped or gone while read: no line for it, as with the engine.
			}
			return latest;
		}));
	}

	close(): void {
		this.controller.abort();
		this.collector?.close();
		this.listeners.clear();
	}

	private async *samples(id: string, signal: AbortSignal): AsyncIterable<StatsSample> {
		await this.ready;
		if (this.current.kind === 'cgroup' && this.collector && this.host) {
			const host = this.host;
			const located = await this.locating(() => locateContainer(this.docker, id, host, signal));
			if (located.kind === 'gone') return;
			if (located.kind === 'found') {
				yield* this.collector.samples(id, located.reader, located.net, signal);
				return;
			}
			this.fallBack(located.reason);
		}
		yield* containerStats(this.docker, id, signal);
	}

	/** From now on the engine's streams serve every container: the collector's end and the hub opens them again. */
	private fallBack(reason: string): void {
		if (this.current.kind === 'engine') return;
		const collector = this.collector;
		this.collector = undefined;
		this.set({kind: 'engine', reason});
		collector?.close();
	}

	private set(state: StatsSourceState): void {
		this.current = state;
		for (const listener of this.listeners) listener();
	}
}

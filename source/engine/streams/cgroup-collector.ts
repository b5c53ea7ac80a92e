import type {CgroupCounters, CgroupReader} from './cgroup-counters.js';
import type {CgroupHost} from './cgroup-locate.js';
import {KeptFile} from './kept-file.js';
import {hostCpu, netDevTotals} from './proc-counters.js';
import type {StatsSample} from './stats.js';

interface Baseline {
	readonly cpuNs: number;
	readonly systemNs: number;
	readonly time: number;
}

interface Watched {
	readonly id: string;
	readonly reader: CgroupReader;
	readonly net: KeptFile | undefined;
	baseline: Baseline | undefined;
	/** The sample not yet taken by the reader; a newer one replaces it. */
	pending: StatsSample | undefined;
	wake: (() => void) | undefined;
	ended: boolean;
}

export interface CgroupCollectorOptions {
	readonly intervalMs?: number;
}

/**
 * Reads every watched container's cgroup counters on one timer, once a second,
 * and turns them into the samples the engine's streams give (the docker CLI's
 * formulas), so the stats hub and everything after it cannot tell the
 * difference. A container whose files can no longer be read ends its samples
 * (it stopped, or is restarting): the hub drops its last numbers and opens it
 * again, as when a stream ends.
 */
export class CgroupCollector {
	private readonly watched = new Set<Watched>();
	private timer: NodeJS.Timeout | undefined;
	private procStat: KeptFile | undefined;
	private readonly intervalMs: number;

	constructor(private readonly host: CgroupHost, options: CgroupCollectorOptions = {}) {
		this.intervalMs = options.intervalMs ?? 1000;
	}

	/** Samples of a found container until its files go away or the signal aborts; takes over the reader and net file. */
	samples(id: string, reader: CgroupReader, net: KeptFile | undefined, signal: AbortSignal): AsyncIterable<StatsSample> {
		const entry: Watched = {id, reader, net, baseline: undefined, pending: undefined, wake: undefined, ended: false};
		this.watched.add(entry);
		this.start();
		// The first sample straight away, without CPU (as a stream's first): memory and counters need no interval.
		this.sample(entry, this.hostNow(), Date.now());
		const stop = () => this.end(entry);
		signal.addEventListener('abort', stop, {once: true});
		return (async function* () {
			try {
				for (;;) {
					if (entry.pending) {
						const sample = entry.pending;
						entry.pending = undefined;
						yield sample;
						continue;
					}
					if (entry.ended) return;
					await new Promise<void>(resolve => (entry.wake = resolve));
					entry.wake = undefined;
				}
			} finally {
				signal.removeEventListener('abort', stop);
				stop();
			}
		})();
	}

	get size(): number {
		return this.watched.size;
	}

	close(): void {
		for (const entry of this.watched) this.end(entry);
	}

	private start(): void {
		if (this.timer) return;
		this.procStat ??= new KeptFile(`${this.host.procRoot}/stat`);
		this.timer = setInterval(() => this.tick(), this.intervalMs);
	}

	private hostNow(): {systemNs: number; onlineCpus: number} | undefined {
		try {
			return this.procStat ? hostCpu(this.procStat.text()) : undefined;
		} catch {
			return undefined;
		}
	}

	private tick(): void {
		const hostNow = this.hostNow();
		const now = Date.now();
		for (const entry of this.watched) this.sample(entry, hostNow, now);
	}

	private sample(entry: Watched, hostNow: {systemNs: number; onlineCpus: number} | undefined, now: number): void {
		let counters: CgroupCounters;
		let net = {rx: 0, tx: 0};
		try {
			counters = entry.reader.read();
			if (entry.net) net = netDevTotals(entry.net.text());
		} catch {
			this.end(entry);
			return;
		}
		// A running or paused container holds at least one process; none means it is stopping.
		if (counters.pids === 0) {
			this.end(entry);
			return;
		}
		const previous = entry.baseline;
		// Too soon after the first read (a container that came in just before a tick): wait for the next.
		if (previous && now - previous.time < this.intervalMs / 2) return;
		let cpuPercent: number | undefined;
		if (previous && hostNow) {
			const cpuDelta = counters.cpuNs - previous.cpuNs;
			const systemDelta = hostNow.systemNs - previous.systemNs;
			if (cpuDelta >= 0 && systemDelta > 0) cpuPercent = (cpuDelta / systemDelta) * hostNow.onlineCpus * 100;
		}
		if (hostNow) entry.baseline = {cpuNs: counters.cpuNs, systemNs: hostNow.systemNs, time: now};
		const {inactiveFile, memoryUsage} = counters;
		const machine = this.host.machineMemory;
		const limit = counters.memoryLimit === undefined ? machine : machine !== undefined && counters.memoryLimit > machine ? machine : counters.memoryLimit;
		entry.pending = {
			id: entry.id,
			time: now,
			cpuPercent,
			memoryUsed: inactiveFile !== undefined && inactiveFile < memoryUsage ? memoryUsage - inactiveFile : memoryUsage,
			memoryLimit: limit,
			netRx: net.rx,
			netTx: net.tx,
			blockRead: counters.blockRead,
			blockWrite: counters.blockWrite,
			pids: counters.pids,
		};
		entry.wake?.();
	}

	private end(entry: Watched): void {
		if (entry.ended) return;
		entry.ended = true;
		// Numbers read before the files went away are not shown as current.
		entry.pending = undefined;
		entry.reader.close();
		entry.net?.close();
		this.watched.delete(entry);
		entry.wake?.();
		if (this.watched.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = undefined;
			this.procStat?.close();
			this.procStat = undefined;
		}
	}
}

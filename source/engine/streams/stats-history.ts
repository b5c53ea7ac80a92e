import {counterRate} from './rates.js';
import type {StatsSample} from './stats.js';

/** What a chart can plot over time; rates are bytes per second. */
export type Metric = 'cpu' | 'memory' | 'memoryLimit' | 'netRx' | 'netTx' | 'blockRead' | 'blockWrite' | 'pids';
export const metrics: readonly Metric[] = ['cpu', 'memory', 'memoryLimit', 'netRx', 'netTx', 'blockRead', 'blockWrite', 'pids'];

/** One point of a container's history; undefined = not known at that moment (first sample, restart). */
export type Point = Readonly<Record<Metric, number | undefined>>;

/**
 * A container's recent samples, at most `capacity` of them (10 min at the
 * daemon's 1 s rate by default). Stored as typed arrays, NaN for unknown, so
 * 100 containers cost a few megabytes and no garbage per sample.
 */
export class ContainerHistory {
	private readonly times: Float64Array;
	private readonly columns: Record<Metric, Float32Array>;
	private start = 0;
	private count = 0;
	private previous: StatsSample | undefined;

	constructor(readonly capacity = 600) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		this.times = new Float64Array(capacity);
		this.columns = Object.fromEntries(metrics.map(metric => [metric, new Float32Array(capacity)])) as Record<Metric, Float32Array>;
	}

	get size(): number {
		return this.count;
	}

	/**
	 * A new stream (first subscription, or after the container restarted)
	 * starts its counters again: rates need two samples of the same stream, so
	 * the first one after a break has unknown rates rather than a spike.
	 */
	breakStream(): void {
		this.previous = undefined;
	}

	push(sample: StatsSample): Point {
		const previous = this.previous;
		// A sample older than the last one (clock step, replay) would make negative time deltas.
		const ordered = previous === undefined || sample.time > previous.time;
		const point: Point = {
			cpu: sample.cpuPercent,
			memory: sample.memoryUsed,
			memoryLimit: sample.memoryLimit,
			netRx: ordered ? counterRate(previous, sample, 'netRx') : undefined,
			netTx: ordered ? counterRate(previous, sample, 'netTx') : undefined,
			blockRead: ordered ? counterRate(previous, sample, 'blockRead') : undefined,
			blockWrite: ordered ? counterRate(previous, sample, 'blockWrite') : undefined,
			pids: sample.pids,
		};
		this.previous = sample;
		const index = (this.start + this.count) % this.capacity;
		this.times[index] = sample.time;
		for (const metric of metrics) {
			const value = point[metric];
			this.columns[metric][index] = value === undefined || !Number.isFinite(value) || value < 0 ? Number.NaN : value;
		}
		if (this.count < this.capacity) this.count++;
		else this.start = (this.start + 1) % this.capacity;
		return point;
	}

	/** The newest point, or undefined when there is none. */
	latest(): Point | undefined {
		if (this.count === 0) return undefined;
		return this.pointAt(this.count - 1);
	}

	latestTime(): number | undefined {
		return this.count === 0 ? undefined : this.times[(this.start + this.count - 1) % this.capacity];
	}

	/** Values of one metric from `since` (ms epoch) on, oldest first; NaN where unknown. */
	series(metric: Metric, since = Number.NEGATIVE_INFINITY): number[] {
		const out: number[] = [];
		const column = this.columns[metric];
		for (let i = 0; i < this.count; i++) {
			const index = (this.start + i) % this.capacity;
			if ((this.times[index] ?? 0) >= since) out.push(column[index] ?? Number.NaN);
		}
		return out;
	}

	/** The last `count` values of one metric (fewer when there are fewer), oldest first. */
	tail(metric: Metric, count: number): number[] {
		const take = Math.min(count, this.count);
		const out: number[] = [];
		const column = this.columns[metric];
		for (let i = this.count - take; i < this.count; i++) out.push(column[(this.start + i) % this.capacity] ?? Number.NaN);
		return out;
	}

	private pointAt(offset: number): Point {
		const index = (this.start + offset) % this.capacity;
		const value = (metric: Metric) => {
			const v = this.columns[metric][index];
			return v === undefined || Number.isNaN(v) ? undefined : v;
		};
		return {
			cpu: value('cpu'), memory: value('memory'), memoryLimit: value('memoryLimit'), netRx: value('netRx'),
			netTx: value('netTx'), blockRead: value('blockRead'), blockWrite: value('blockWrite'), pids: value('pids'),
		};
	}
}

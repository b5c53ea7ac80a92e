import type {ContainerHistory, Metric} from '../../engine/streams/stats-history.js';
import type {ContainerLimits} from '../../engine/resources/limits.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {formatBytes, formatPercent} from '../../text/units.js';

/** Chart windows in seconds; the daemon samples once a second, the history holds 10 minutes. */
export const chartWindows: readonly number[] = [30, 60, 120, 300, 600];
export const defaultWindowIndex = 2;
/** The window a detail view opens on: `chartWindow:` in the configuration file sets it at start. */
export const chartSettings = {windowIndex: defaultWindowIndex};

export function formatWindow(seconds: number): string {
	return seconds < 60 ? `${seconds}s` : `${seconds / 60}m`;
}

export const formatRate = (bytesPerSecond: number | undefined) =>
	bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) ? '-' : `${formatBytes(bytesPerSecond)}/s`;

/** Series of a metric over the window ending at the newest sample. */
export function windowSeries(history: ContainerHistory | undefined, metric: Metric, windowSeconds: number): number[] {
	if (!history) return [];
	const newest = history.latestTime();
	if (newest === undefined) return [];
	return history.series(metric, newest - windowSeconds * 1000 + 1);
}

export function peak(values: readonly number[]): number | undefined {
	let top: number | undefined;
	for (const value of values) if (Number.isFinite(value) && (top === undefined || value > top)) top = value;
	return top;
}

export interface ChartSpec {
	readonly key: 'cpu' | 'memory' | 'net' | 'block';
	readonly title: string;
	/** "now … · peak …" beside the title. */
	readonly summary: string;
	readonly series: ReadonlyArray<readonly number[]>;
	readonly legend: readonly string[];
	readonly format: (value: number) => string;
	readonly minTop?: number;
	readonly maxTop?: number;
}

/** The four charts of the detail view, with current values and peaks: pure, so tests read them without a terminal. */
export function detailCharts(
	history: ContainerHistory | undefined,
	sample: StatsSample | undefined,
	limits: ContainerLimits | undefined,
	windowSeconds: number,
): readonly ChartSpec[] {
	const series = (metric: Metric) => windowSeries(history, metric, windowSeconds);
	const point = history?.latest();
	const cpu = series('cpu');
	const memory = series('memory');
	const [rx, tx, read, write] = [series('netRx'), series('netTx'), series('blockRead'), series('blockWrite')];
	const cpuLimit = limits?.cpus === undefined ? undefined : limits.cpus * 100;
	const memoryLimit = limits?.memoryBytes;
	const memoryNow = sample?.memoryUsed;
	const memoryOf = sample?.memoryLimit;
	const memoryShare = memoryNow !== undefined && memoryOf ? ` (${formatPercent((memoryNow / memoryOf) * 100)})` : '';
	const percent = (value: number) => `${value.toFixed(value >= 10 ? 0 : 1)}%`;
	return [
		{
			key: 'cpu',
			title: 'CPU',
			summary: `now ${formatPercent(sample?.cpuPercent)} · peak ${formatPercent(peak(cpu))}${cpuLimit === undefined ? '' : ` · limit ${formatPercent(cpuLimit)}`}`,
			series: [cpu],
			legend: [],
			format: percent,
			// 100% = one CPU; an idle container's chart should not look busy. With a
			// limit the axis is the limit: sampling jitter (80.8% of an 80% quota)
			// would otherwise move the scale; the summary still gives the exact peak.
			minTop: cpuLimit ?? 100,
			...(cpuLimit === undefined ? {} : {maxTop: cpuLimit}),
		},
		{
			key: 'memory',
			title: 'Memory',
			summary: `now ${memoryNow === undefined ? '-' : formatBytes(memoryNow)} / ${memoryOf === undefined ? '-' : formatBytes(memoryOf)}${memoryShare} · peak ${formatBytes(peak(memory) ?? Number.NaN)}`,
			// With a limit the chart shows how close the container is to it.
			series: memoryLimit === undefined ? [memory] : [memory, memory.map(() => memoryLimit)],
			legend: memoryLimit === undefined ? [] : ['used', 'limit'],
			format: formatBytes,
			...(memoryLimit === undefined ? {} : {maxTop: memoryLimit}),
		},
		{
			key: 'net',
			title: 'Network',
			summary: `rx ${formatRate(point?.netRx)} · tx ${formatRate(point?.netTx)} · peak ${formatRate(peak([...rx, ...tx]))}`,
			series: [rx, tx],
			legend: ['rx', 'tx'],
			format: formatBytes,
			// An idle interface reads as a flat line at the bottom, not as noise scaled up to fill the chart.
			minTop: 1024,
		},
		{
			key: 'block',
			title: 'Block I/O',
			summary: `read ${formatRate(point?.blockRead)} · write ${formatRate(point?.blockWrite)} · peak ${formatRate(peak([...read, ...write]))}`,
			series: [read, write],
			legend: ['read', 'write'],
			format: formatBytes,
			minTop: 1024,
		},
	];
}

/** The line under the name: the numbers the charts are relative to. */
export function limitsLine(limits: ContainerLimits | undefined, sample: StatsSample | undefined, hostMemory: number | undefined): string {
	if (!limits) return 'Reading limits…';
	const pids = `PIDs ${sample?.pids ?? '-'}${limits.pidsLimit === undefined ? '' : ` / ${limits.pidsLimit}`}`;
	const restarts = `restarts ${limits.restartCount} (policy ${limits.restartPolicy})`;
	const cpu = `CPU limit ${limits.cpus === undefined ? 'none' : `${Number(limits.cpus.toFixed(2))} CPUs`}${limits.cpuShares === undefined ? '' : `, shares ${limits.cpuShares}`}`;
	const host = hostMemory ? ` (host ${formatBytes(hostMemory)})` : '';
	const memory = `memory limit ${limits.memoryBytes === undefined ? `none${host}` : formatBytes(limits.memoryBytes)}`;
	return [pids, restarts, cpu, memory].join(' · ');
}

/** How the charts are laid out in the room there is; no charts at all when there is no room. */
export function chartGrid(width: number, height: number): {readonly columns: number; readonly chartHeight: number} {
	const columns = width >= 80 ? 2 : 1;
	const rows = 4 / columns;
	// Each chart has a title line above its plot.
	const chartHeight = Math.floor(height / rows) - 1;
	if (chartHeight >= 3) return {columns, chartHeight: Math.min(chartHeight, 20)};
	if (columns === 1 && width >= 60) {
		const wide = Math.floor(height / 2) - 1;
		if (wide >= 3) return {columns: 2, chartHeight: wide};
	}
	return {columns, chartHeight: 0};
}

import {cpus, loadavg} from 'node:os';

export interface Measurement {
	readonly monitor: string;
	/** The monitor's own CPU (utime+stime, children included) from launch to the end of the warm-up. */
	readonly startupCpuSeconds: number;
	/** The monitor's own CPU in the steady-state window after the warm-up. */
	readonly cpuSeconds: number;
	readonly peakRssMb: number;
	readonly sockets: number;
	/** dockerd + containerd + the engine's containerd shims, during the warm-up. */
	readonly startupDaemonSeconds: number;
	/** The same during the steady-state window. */
	readonly daemonCpuSeconds: number;
	/** In the measured run (the first launch after the idle baseline). */
	readonly firstFrameMs: number | undefined;
	/** Bytes written to the terminal per second in the steady-state window. */
	readonly terminalBytesPerSecond?: number;
	/** The launches made for the first frame alone, one monitor after the other in turn. */
	readonly firstFramesMs?: readonly number[];
}

export interface BenchResult {
	readonly count: number;
	/** The daemon's CPU over one steady-state window with the same containers and no monitor. */
	readonly idleDaemonSeconds: number;
	readonly windowSeconds: number;
	readonly warmUpSeconds: number;
	/** The machine's 1-minute load average when this size began and ended. */
	readonly load: readonly [number, number];
	/** One of them is "docker stats", the reference of every ratio. */
	readonly monitors: readonly Measurement[];
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export const reference = 'docker stats';
export const loadNow = () => loadavg()[0] ?? 0;

const firstFrame = (m: Measurement) => (m.firstFramesMs && m.firstFramesMs.length > 0 ? median(m.firstFramesMs) : m.firstFrameMs);
const spread = (m: Measurement) => (m.firstFramesMs && m.firstFramesMs.length > 1 ? ` (${Math.round(Math.min(...m.firstFramesMs))}-${Math.round(Math.max(...m.firstFramesMs))})` : '');
const fixed = (value: number | undefined, digits: number) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? '-' : `${(a / b).toFixed(2)}x`);

/** The engine's CPU above its idle level, for the steady window and for the warm-up (idle scaled to its length). */
export const daemonExtra = (m: Measurement, r: BenchResult) => Math.max(0, m.daemonCpuSeconds - r.idleDaemonSeconds);
export const startupDaemonExtra = (m: Measurement, r: BenchResult) => Math.max(0, m.startupDaemonSeconds - (r.idleDaemonSeconds * r.warmUpSeconds) / r.windowSeconds);
/** What watching costs the machine in the steady window: the monitor's CPU and the engine's extra CPU serving it. */
export const totalCost = (m: Measurement, r: BenchResult) => m.cpuSeconds + daemonExtra(m, r);

export function monitorRow(result: BenchResult): string {
	const parts = result.monitors.map(m => `${m.monitor} cpu ${fixed(m.cpuSeconds, 2)} s + daemon ${fixed(daemonExtra(m, result), 2)} s, start-up ${fixed(m.startupCpuSeconds, 2)} s, rss ${fixed(m.peakRssMb, 1)} MB, ${fixed(m.terminalBytesPerSecond, 0)} B/s to the terminal, first ${fixed(firstFrame(m), 0)} ms${spread(m)}`);
	return `N=${result.count}: ${parts.join(' | ')} | idle daemon ${fixed(result.idleDaemonSeconds, 2)} s | load ${result.load.map(l => l.toFixed(1)).join('-')}`;
}

export function resultsMarkdown(results: readonly BenchResult[]): string {
	const first = results[0];
	const names = first?.monitors.map(m => m.monitor) ?? [];
	const others = names.filter(name => name !== reference);
	const lines = [
		'# berth vs docker stats (npm run bench)',
		'',
		`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs (shared with other work: compare ratios within one run) · Node ${process.version} · each monitor ${first?.warmUpSeconds ?? '?'} s of start-up, then a ${first?.windowSeconds ?? '?'} s steady-state window · 200x50 pseudo-terminal · lightly busy busybox containers`,
		'',
		'The daemon is dockerd + containerd + every containerd shim of the engine; its extra CPU is over a baseline taken with the same containers and no monitor. Total = the monitor\'s own CPU + the daemon\'s extra. The Node floor is `bench/node-floor.mjs`: Node reading the same list and stats streams through `node:http`, drawing nothing.',
		'',
		`| N | measure | ${names.join(' | ')} | ${others.map(name => `${name} / ${reference}`).join(' | ')} |`,
		`| ---: | --- | ${names.map(() => '---:').join(' | ')} | ${others.map(() => '---:').join(' | ')} |`,
	];
	for (const result of results) {
		const byName = new Map(result.monitors.map(m => [m.monitor, m]));
		const row = (measure: string, value: (m: Measurement) => number | undefined, digits: number, detail: (m: Measurement) => string = () => '') => {
			const cells = names.map(name => {
				const m = byName.get(name);
				return m ? `${fixed(value(m), digits)}${detail(m)}` : '-';
			});
			const base = byName.get(reference);
			const ratios = others.map(name => {
				const m = byName.get(name);
				return m && base ? ratio(value(m), value(base)) : '-';
			});
			return `| ${result.count} | ${measure} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`;
		};
		const launches = result.monitors[0]?.firstFramesMs?.length ?? 0;
		lines.push(
			row(`**steady: total CPU s** (own + daemon extra, ${result.windowSeconds} s)`, m => totalCost(m, result), 2),
			row('steady: own CPU s', m => m.cpuSeconds, 2),
			row(`steady: daemon extra CPU s (idle ${fixed(result.idleDaemonSeconds, 2)})`, m => daemonExtra(m, result), 2),
			row(`start-up: own CPU s (first ${result.warmUpSeconds} s)`, m => m.startupCpuSeconds, 2),
			row('start-up: daemon extra CPU s', m => startupDaemonExtra(m, result), 2),
			row('peak RSS (MB)', m => m.peakRssMb, 1),
			row('sockets held', m => m.sockets, 0),
			row('steady: bytes/s to the terminal', m => m.terminalBytesPerSecond, 0),
			launches > 1
				? row(`first frame with the list, median of ${launches} launches (range), ms`, firstFrame, 0, spread)
				: row('first frame with the list (ms)', firstFrame, 0),
		);
	}
	lines.push('', `Load average (1 min) at the start and end of each size: ${results.map(r => `N = ${r.count}: ${r.load.map(l => l.toFixed(1)).join(' -> ')}`).join('; ')}.`);
	return `${lines.join('\n')}\n`;
}

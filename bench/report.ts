import {cpus} from 'node:os';

export interface Measurement {
	readonly monitor: string;
	readonly cpuSeconds: number;
	readonly peakRssMb: number;
	readonly sockets: number;
	/** dockerd + containerd CPU during the window. */
	readonly daemonCpuSeconds: number;
	/** In the measured window (the first launch after the idle baseline). */
	readonly firstFrameMs: number | undefined;
	/** Bytes written to the terminal per second after the first third of the window (at most 10 s). */
	readonly terminalBytesPerSecond?: number;
	/** The launches made for the first frame alone, one monitor after the other in turn. */
	readonly firstFramesMs?: readonly number[];
}

/** The middle value (the mean of the two middle ones for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const firstFrame = (m: Measurement) => (m.firstFramesMs && m.firstFramesMs.length > 0 ? median(m.firstFramesMs) : m.firstFrameMs);
const spread = (m: Measurement) => (m.firstFramesMs && m.firstFramesMs.length > 1 ? ` (${Math.round(Math.min(...m.firstFramesMs))}-${Math.round(Math.max(...m.firstFramesMs))})` : '');

export interface BenchResult {
	readonly count: number;
	readonly idleDaemonSeconds: number;
	readonly berth: Measurement;
	readonly docker: Measurement;
	/** bench/node-floor.mjs: Node reading the same streams and drawing nothing. */
	readonly nodeFloor: Measurement;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? '-' : `${(a / b).toFixed(2)}x`);
const brief = (m: Measurement) => `${m.monitor} cpu ${fixed(m.cpuSeconds, 2)} s rss ${fixed(m.peakRssMb, 1)} MB ${fixed(m.terminalBytesPerSecond ?? Number.NaN, 0)} B/s first ${fixed(firstFrame(m) ?? Number.NaN, 0)} ms${spread(m)}`;

export function monitorRow({count, idleDaemonSeconds, berth, docker, nodeFloor}: BenchResult): string {
	return `N=${count}: ${brief(berth)} | ${brief(docker)} | ${brief(nodeFloor)} | idle daemon ${fixed(idleDaemonSeconds, 2)} s`;
}

export function resultsMarkdown(results: readonly BenchResult[], windowSeconds: number): string {
	const lines = [
		`# berth vs docker stats (npm run bench)`,
		'',
		`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs (shared with other work: compare ratios within one run) · Node ${process.version} · ${windowSeconds} s window per monitor · 200x50 pseudo-terminal · lightly busy busybox containers`,
		'',
		'The Node floor is `bench/node-floor.mjs`: Node with berth\'s V8 flags reading the same list and stats streams through `node:http`, parsing every sample and drawing nothing but the names once.',
		'',
		'| N | measure | berth | docker stats | Node floor | berth / docker stats | Node floor / docker stats |',
		'| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const {count, idleDaemonSeconds, berth, docker, nodeFloor} of results) {
		const extra = (m: Measurement) => Math.max(0, m.daemonCpuSeconds - idleDaemonSeconds);
		const row = (measure: string, value: (m: Measurement) => number | undefined, digits: number, detail: (m: Measurement) => string = () => '') => {
			const [b, d, f] = [value(berth), value(docker), value(nodeFloor)];
			return `| ${count} | ${measure} | ${fixed(b ?? Number.NaN, digits)}${detail(berth)} | ${fixed(d ?? Number.NaN, digits)}${detail(docker)} | ${fixed(f ?? Number.NaN, digits)}${detail(nodeFloor)} | ${ratio(b, d)} | ${ratio(f, d)} |`;
		};
		const launches = berth.firstFramesMs?.length ?? 0;
		lines.push(
			row('CPU seconds (utime+stime)', m => m.cpuSeconds, 2),
			row('peak RSS (MB)', m => m.peakRssMb, 1),
			row('sockets held', m => m.sockets, 0),
			row(`daemon extra CPU s (idle ${fixed(idleDaemonSeconds, 2)})`, extra, 2),
			row('bytes/s to the terminal, steady state', m => m.terminalBytesPerSecond, 0),
			launches > 1
				? row(`first frame with the list, median of ${launches} launches (range), ms`, firstFrame, 0, spread)
				: row('first frame with the list (ms)', firstFrame, 0),
		);
	}
	return `${lines.join('\n')}\n`;
}

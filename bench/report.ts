import {cpus} from 'node:os';

export interface Measurement {
	readonly monitor: string;
	readonly cpuSeconds: number;
	readonly peakRssMb: number;
	readonly sockets: number;
	/** dockerd + containerd CPU during the window. */
	readonly daemonCpuSeconds: number;
	readonly firstFrameMs: number | undefined;
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !(b > 0) ? '-' : `${(a / b).toFixed(2)}x`);

export function monitorRow(count: number, idle: number, berth: Measurement, docker: Measurement): string {
	return `N=${count}: berth cpu ${fixed(berth.cpuSeconds, 2)} s rss ${fixed(berth.peakRssMb, 1)} MB first ${fixed(berth.firstFrameMs ?? Number.NaN, 0)} ms | docker stats cpu ${fixed(docker.cpuSeconds, 2)} s rss ${fixed(docker.peakRssMb, 1)} MB first ${fixed(docker.firstFrameMs ?? Number.NaN, 0)} ms | idle daemon ${fixed(idle, 2)} s`;
}

export function resultsMarkdown(
	results: ReadonlyArray<{readonly count: number; readonly idleDaemonSeconds: number; readonly berth: Measurement; readonly docker: Measurement}>,
	windowSeconds: number,
): string {
	const lines = [
		`# berth vs docker stats (npm run bench)`,
		'',
		`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpus().length} CPUs (shared with other work: compare ratios within one run) · Node ${process.version} · ${windowSeconds} s window per monitor · 200x50 pseudo-terminal · lightly busy busybox containers`,
		'',
		'| N | measure | berth | docker stats | berth / docker stats |',
		'| ---: | --- | ---: | ---: | ---: |',
	];
	for (const {count, idleDaemonSeconds, berth, docker} of results) {
		const extra = (m: Measurement) => Math.max(0, m.daemonCpuSeconds - idleDaemonSeconds);
		lines.push(
			`| ${count} | CPU seconds (utime+stime) | ${fixed(berth.cpuSeconds, 2)} | ${fixed(docker.cpuSeconds, 2)} | ${ratio(berth.cpuSeconds, docker.cpuSeconds)} |`,
			`| ${count} | peak RSS (MB) | ${fixed(berth.peakRssMb, 1)} | ${fixed(docker.peakRssMb, 1)} | ${ratio(berth.peakRssMb, docker.peakRssMb)} |`,
			`| ${count} | sockets held | ${berth.sockets} | ${docker.sockets} | ${ratio(berth.sockets, docker.sockets)} |`,
			`| ${count} | daemon extra CPU s (idle ${fixed(idleDaemonSeconds, 2)}) | ${fixed(extra(berth), 2)} | ${fixed(extra(docker), 2)} | ${ratio(extra(berth), extra(docker))} |`,
			`| ${count} | first frame with the list (ms) | ${fixed(berth.firstFrameMs ?? Number.NaN, 0)} | ${fixed(docker.firstFrameMs ?? Number.NaN, 0)} | ${ratio(berth.firstFrameMs, docker.firstFrameMs)} |`,
		);
	}
	return `${lines.join('\n')}\n`;
}

// `npm run bench`: berth against `docker stats` on the private test engine, side by side.
// For each N it starts N lightly busy busybox containers, measures the daemon at
// idle, then runs each monitor in a 200x50 pseudo-terminal for a fixed window and
// reads /proc: CPU seconds (utime+stime, children included), peak RSS (VmHWM),
// sockets held, the daemon's extra CPU over the idle baseline. Then it launches
// each monitor a few more times, in turn, for the time from launch to the first
// frame that lists the containers: one launch is at the mercy of whatever else the
// machine does in that second, and the first after an idle spell starts cold.
// Other work on the machine adds noise: compare the ratios within one run.
import {readFileSync, readdirSync, readlinkSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import Docker from 'dockerode';
import {spawn} from 'node-pty';
import {monitorRow, resultsMarkdown, type BenchResult, type Measurement} from './report.js';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {watchFirstFrame} from './first-frame.js';
import {cpuSeconds} from './process-cpu.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('Run with scripts/with-engine.sh (BERTH_TEST_DOCKER_HOST=unix://...)');
const socketPath = host.replace(/^unix:\/\//, '');
const docker = new Docker({socketPath});
const sizes = (process.env['BENCH_SIZES'] ?? '20,100').split(',').map(Number);
const windowMs = Number(process.env['BENCH_WINDOW_S'] ?? 30) * 1000;
const launches = Number(process.env['BENCH_LAUNCHES'] ?? 5);
const cols = 200;
const rows = 50;

function statusKb(pid: number, field: string): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return Number(match?.[1] ?? 0);
}

function sockets(pid: number): number {
	let count = 0;
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count++;
		} catch {
			// Closed while we looked.
		}
	}
	return count;
}

function daemonPids(): number[] {
	const dockerd = Number(readFileSync(join(dirname(socketPath), 'dockerd.pid'), 'utf8').trim());
	const children = readdirSync('/proc').filter(name => /^\d+$/.test(name)).map(Number).filter(pid => {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			return name === 'containerd' && Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === dockerd;
		} catch {
			return false;
		}
	});
	return [dockerd, ...children];
}

const daemonCpu = () => daemonPids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function monitorEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
	env['TERM'] = 'xterm-256color';
	env['DOCKER_HOST'] = host;
	return env;
}

/** Resolves with the ms from `launchedAt` to the first frame listing the containers: as many bench rows as fit on the screen. */
async function measure(name: string, command: string, args: string[], expected: number): Promise<Measurement> {
	const daemonBefore = daemonCpu();
	const launchedAt = performance.now();
	const child = spawn(command, args, {cols, rows, env: monitorEnv(), name: 'xterm-256color'});
	const frame = watchFirstFrame(child, launchedAt, expected, {cols, rows});
	// What crosses an SSH link in steady state: the bytes written to the terminal after the warm-up.
	const steadyFrom = launchedAt + Math.min(10_000, windowMs / 3);
	let terminalBytes = 0;
	child.onData(data => {
		if (performance.now() >= steadyFrom) terminalBytes += Buffer.byteLength(data);
	});
	let firstFrameMs: number | undefined;
	void frame.shown.then(ms => {
		firstFrameMs = ms;
	});
	let peakSockets = 0;
	const deadline = launchedAt + windowMs;
	while (performance.now() < deadline) {
		await sleep(Math.min(1000, Math.max(0, deadline - performance.now())));
		try {
			peakSockets = Math.max(peakSockets, sockets(child.pid));
		} catch {
			break;
		}
	}
	const measurement: Measurement = {
		monitor: name,
		cpuSeconds: cpuSeconds(child.pid),
		peakRssMb: statusKb(child.pid, 'VmHWM') / 1024,
		sockets: peakSockets,
		daemonCpuSeconds: daemonCpu() - daemonBefore,
		firstFrameMs,
		terminalBytesPerSecond: terminalBytes / ((performance.now() - steadyFrom) / 1000),
	};
	child.kill();
	await sleep(500);
	frame.dispose();
	return measurement;
}

/** Launches each monitor `launches` times, in turn, and keeps the time to its first frame with the list (or none after 10 s). */
async function firstFrames(monitors: ReadonlyArray<readonly [command: string, args: string[]]>, expected: number): Promise<number[][]> {
	const times: number[][] = monitors.map(() => []);
	for (let round = 0; round < launches; round++) {
		for (const [index, [command, args]] of monitors.entries()) {
			const launchedAt = performance.now();
			const child = spawn(command, args, {cols, rows, env: monitorEnv(), name: 'xterm-256color'});
			const frame = watchFirstFrame(child, launchedAt, expected, {cols, rows});
			const ms = await Promise.race([frame.shown, sleep(10_000).then(() => undefined)]);
			if (ms !== undefined) times[index]?.push(ms);
			child.kill();
			await sleep(500);
			frame.dispose();
		}
	}
	return times;
}

async function idleDaemon(): Promise<number> {
	const before = daemonCpu();
	await sleep(windowMs);
	return daemonCpu() - before;
}

// Measure berth as a person runs it after installing, not its very first start
// (without a start-up snapshot, that one writes V8's code cache): one short
// session first, through the same command.
async function warmUp(): Promise<void> {
	const child = spawn('dist/berth', ['--host', host], {cols, rows, name: 'xterm-256color', env: {...process.env, TERM: 'xterm-256color'} as Record<string, string>});
	const exited = new Promise<void>(resolve => child.onExit(() => resolve()));
	await sleep(3000);
	child.write('q');
	await Promise.race([exited, sleep(5000)]);
}

// berth's V8 flags, as scripts/build.mjs wrote them into the bin, for the Node floor.
const berthNodeFlags = /^flags='(.*)'$/m.exec(readFileSync('dist/berth', 'utf8'))?.[1]?.split(' ').filter(Boolean) ?? [];

const results: BenchResult[] = [];
try {
	await removeBenchContainers(docker);
	await warmUp();
	for (const count of sizes) {
		process.stderr.write(`bench: starting ${count} containers…\n`);
		await startBenchContainers(docker, count);
		await sleep(3000);
		process.stderr.write(`bench: idle daemon baseline (${windowMs / 1000} s)…\n`);
		const idleDaemonSeconds = await idleDaemon();
		process.stderr.write('bench: berth…\n');
		// Run as the bin is run (dist/berth: the start-up snapshot, berth's V8 flags).
		type Monitor = readonly [command: string, args: string[]];
		const berthMonitor: Monitor = ['dist/berth', ['--host', host]];
		const dockerMonitor: Monitor = ['docker', ['stats']];
		const floorMonitor: Monitor = [process.execPath, [...berthNodeFlags, 'bench/node-floor.mjs']];
		const berth = await measure('berth', ...berthMonitor, count);
		process.stderr.write('bench: docker stats…\n');
		const dockerStats = await measure('docker stats', ...dockerMonitor, count);
		process.stderr.write('bench: Node floor…\n');
		const nodeFloor = await measure('Node floor', ...floorMonitor, count);
		process.stderr.write(`bench: first frames, ${launches} launches of each in turn…\n`);
		const [berthFrames = [], dockerFrames = [], floorFrames = []] = await firstFrames([berthMonitor, dockerMonitor, floorMonitor], count);
		const result = {
			count,
			idleDaemonSeconds,
			berth: {...berth, firstFramesMs: berthFrames},
			docker: {...dockerStats, firstFramesMs: dockerFrames},
			nodeFloor: {...nodeFloor, firstFramesMs: floorFrames},
		};
		results.push(result);
		process.stderr.write(`${monitorRow(result)}\n`);
	}
} finally {
	await removeBenchContainers(docker);
}

const markdown = resultsMarkdown(results, windowMs / 1000);
// The start-up mechanisms' table below it (bench/startup.ts) is kept.
const previous = readFileSync('bench/results.md', 'utf8');
const kept = previous.indexOf('\n## Start-up mechanisms');
writeFileSync('bench/results.md', kept >= 0 ? `${markdown}${previous.slice(kept)}` : markdown);
process.stdout.write(markdown);

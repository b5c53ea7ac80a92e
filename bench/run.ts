// `npm run bench`: berth against `docker stats` on the private test engine, side by side.
// For each N it starts N lightly busy busybox containers, measures the daemon at
// idle (dockerd, containerd and the engine's containerd shims), then runs each
// monitor in a 200x50 pseudo-terminal: berth reading the kernel's cgroup files,
// berth reading the engine's stats streams, `docker stats` and a Node floor. Each
// gets a warm-up (start-up, reported on its own) and then a steady-state window,
// read from /proc: CPU seconds (utime+stime, children included), peak RSS
// (VmHWM), sockets held, the daemon's extra CPU over the idle baseline. Then it
// launches each monitor a few more times, in turn, for the time from launch to
// the first frame that lists the containers. Other work on the machine adds
// noise: compare the ratios within one run.
import {readFileSync, readdirSync, readlinkSync, writeFileSync} from 'node:fs';
import {dirname} from 'node:path';
import Docker from 'dockerode';
import {spawn} from 'node-pty';
import {loadNow, monitorRow, resultsMarkdown, type BenchResult, type Measurement} from './report.js';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {watchFirstFrame} from './first-frame.js';
import {cpuSeconds} from './process-cpu.js';
import {engineProcesses} from './engine-processes.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('Run with scripts/with-engine.sh (BERTH_TEST_DOCKER_HOST=unix://...)');
const socketPath = host.replace(/^unix:\/\//, '');
const docker = new Docker({socketPath});
const sizes = (process.env['BENCH_SIZES'] ?? '20,100').split(',').map(Number);
const windowMs = Number(process.env['BENCH_WINDOW_S'] ?? 60) * 1000;
const warmUpMs = Number(process.env['BENCH_WARMUP_S'] ?? 10) * 1000;
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

const daemonCpu = () => engineProcesses(dirname(socketPath)).reduce((sum, pid) => sum + cpuSeconds(pid), 0);
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function monitorEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI') env[key] = value;
	env['TERM'] = 'xterm-256color';
	env['DOCKER_HOST'] = host;
	return env;
}

/** Runs one monitor for the warm-up and then the steady-state window, reading its CPU and the daemon's at the boundary. */
async function measure(name: string, command: string, args: string[], expected: number, shows?: string): Promise<Measurement> {
	const daemonBefore = daemonCpu();
	const launchedAt = performance.now();
	const child = spawn(command, args, {cols, rows, env: monitorEnv(), name: 'xterm-256color'});
	const frame = watchFirstFrame(child, launchedAt, expected, {cols, rows});
	// What crosses an SSH link in steady state: the bytes written to the terminal after the warm-up.
	const steadyFrom = launchedAt + warmUpMs;
	let terminalBytes = 0;
	child.onData(data => {
		if (performance.now() >= steadyFrom) terminalBytes += Buffer.byteLength(data);
	});
	let firstFrameMs: number | undefined;
	void frame.shown.then(ms => {
		firstFrameMs = ms;
	});
	let peakSockets = 0;
	const watchUntil = async (until: number) => {
		while (performance.now() < until) {
			await sleep(Math.min(1000, Math.max(0, until - performance.now())));
			try {
				peakSockets = Math.max(peakSockets, sockets(child.pid));
			} catch {
				return;
			}
		}
	};
	await watchUntil(launchedAt + warmUpMs);
	const startupCpuSeconds = cpuSeconds(child.pid);
	const daemonAtWarm = daemonCpu();
	await watchUntil(launchedAt + warmUpMs + windowMs);
	const measurement: Measurement = {
		monitor: name,
		startupCpuSeconds,
		cpuSeconds: cpuSeconds(child.pid) - startupCpuSeconds,
		peakRssMb: statusKb(child.pid, 'VmHWM') / 1024,
		sockets: peakSockets,
		startupDaemonSeconds: daemonAtWarm - daemonBefore,
		daemonCpuSeconds: daemonCpu() - daemonAtWarm,
		firstFrameMs,
		terminalBytesPerSecond: terminalBytes / ((performance.now() - steadyFrom) / 1000),
	};
	// berth chooses its stats source itself: the run is void if it did not use the one measured.
	const screen = frame.screen();
	child.kill();
	await sleep(1000);
	frame.dispose();
	if (shows && !screen.includes(shows)) throw new Error(`${name} did not show "${shows}":\n${screen}`);
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

type Monitor = readonly [name: string, command: string, args: string[], shows?: string];
// Run as the bin is run (dist/berth: the start-up snapshot, berth's V8 flags), once per stats source:
// as people run it (auto, which picks the collector here), and with the engine's streams as for a remote engine.
const monitors: readonly Monitor[] = [
	['berth (cgroup)', 'dist/berth', ['--host', host], 'stats: cgroup'],
	['berth (engine streams)', 'dist/berth', ['--host', host, '--stats-source', 'engine'], 'stats: engine'],
	['docker stats', 'docker', ['stats']],
	['Node floor', process.execPath, [...berthNodeFlags, 'bench/node-floor.mjs']],
];

const results: BenchResult[] = [];
try {
	await removeBenchContainers(docker);
	await warmUp();
	for (const count of sizes) {
		process.stderr.write(`bench: starting ${count} containers…\n`);
		await startBenchContainers(docker, count);
		await sleep(3000);
		const loadBefore = loadNow();
		process.stderr.write(`bench: idle daemon baseline (${windowMs / 1000} s)…\n`);
		const idleDaemonSeconds = await idleDaemon();
		const measured: Measurement[] = [];
		for (const [name, command, args, shows] of monitors) {
			process.stderr.write(`bench: ${name} (${warmUpMs / 1000} s start-up, ${windowMs / 1000} s steady)…\n`);
			measured.push(await measure(name, command, args, count, shows));
		}
		process.stderr.write(`bench: first frames, ${launches} launches of each in turn…\n`);
		const frames = await firstFrames(monitors.map(([, command, args]) => [command, args] as const), count);
		const result: BenchResult = {
			count, idleDaemonSeconds, windowSeconds: windowMs / 1000, warmUpSeconds: warmUpMs / 1000, load: [loadBefore, loadNow()],
			monitors: measured.map((m, index) => ({...m, firstFramesMs: frames[index] ?? []})),
		};
		results.push(result);
		process.stderr.write(`${monitorRow(result)}\n`);
	}
} finally {
	await removeBenchContainers(docker);
}

const markdown = resultsMarkdown(results);
// The start-up mechanisms' table below it (bench/startup.ts) is kept.
const previous = readFileSync('bench/results.md', 'utf8');
const kept = previous.indexOf('\n## Start-up mechanisms');
writeFileSync('bench/results.md', kept >= 0 ? `${markdown}${previous.slice(kept)}` : markdown);
process.stdout.write(markdown);

// `npm run bench` (fleet case, BENCH_FLEET=0 skips it): one berth watching five
// private engines with 40 lightly busy containers each, against five `docker
// stats` processes, one per engine, side by side in pseudo-terminals. Measured
// as in run.ts: CPU seconds over a steady window after a warm-up, peak RSS, and
// the engines' extra CPU over their idle baseline; then the first frame that
// lists every engine's containers (the header counts all of them) against the
// slowest engine's own answer to a container list.
import {readFileSync, writeFileSync} from 'node:fs';
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import Docker from 'dockerode';
import xterm from '@xterm/headless';
import {spawn, type IPty} from 'node-pty';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {cpuSeconds} from './process-cpu.js';
import {engineProcesses} from './engine-processes.js';

const engines = Number(process.env['BENCH_FLEET_ENGINES'] ?? 5);
const perEngine = Number(process.env['BENCH_FLEET_CONTAINERS'] ?? 40);
const windowMs = Number(process.env['BENCH_WINDOW_S'] ?? 60) * 1000;
const warmUpMs = Number(process.env['BENCH_WARMUP_S'] ?? 10) * 1000;
const launches = Number(process.env['BENCH_LAUNCHES'] ?? 5);
const cols = 200;
const rows = 50;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
const run = promisify(execFile);

interface Engine {
	readonly dir: string;
	readonly host: string;
	readonly docker: Docker;
}

async function startEngines(): Promise<Engine[]> {
	const dirs = Array.from({length: engines}, (_, index) => `/tmp/berth-bench-fleet-${index}`);
	return Promise.all(dirs.map(async dir => {
		const host = (await run('bash', ['scripts/engine-up.sh', dir], {encoding: 'utf8'})).stdout.trim();
		return {dir, host, docker: new Docker({socketPath: host.replace(/^unix:\/\//, '')})};
	}));
}

const fleetCpu = (fleet: readonly Engine[]) => fleet.flatMap(engine => engineProcesses(engine.dir)).reduce((sum, pid) => {
	try {
		return sum + cpuSeconds(pid);
	} catch {
		return sum;
	}
}, 0);
const peakRssMb = (pid: number) => Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

function env(extra: Record<string, string> = {}): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI' && !key.startsWith('DOCKER_')) out[key] = value;
	return {...out, TERM: 'xterm-256color', ...extra};
}

interface Sample {
	readonly name: string;
	readonly cpuSeconds: number;
	readonly engineCpuSeconds: number;
	readonly peakRssMb: number;
}

/** Runs the processes together for the warm-up and the window; their CPU and RSS are summed. */
async function measure(name: string, fleet: readonly Engine[], commands: ReadonlyArray<readonly [string, string[], Record<string, string>?]>): Promise<Sample> {
	const children: IPty[] = commands.map(([command, args, extra]) => spawn(command, args, {cols, rows, env: env(extra), name: 'xterm-256color'}));
	for (const child of children) child.onData(() => undefined);
	await sleep(warmUpMs);
	const cpuAtWarm = children.map(child => cpuSeconds(child.pid));
	const engineAtWarm = fleetCpu(fleet);
	await sleep(windowMs);
	const sample = {
		name,
		cpuSeconds: children.reduce((sum, child, index) => sum + cpuSeconds(child.pid) - (cpuAtWarm[index] ?? 0), 0),
		engineCpuSeconds: fleetCpu(fleet) - engineAtWarm,
		peakRssMb: children.reduce((sum, child) => sum + peakRssMb(child.pid), 0),
	};
	for (const child of children) child.kill();
	await sleep(1000);
	return sample;
}

/** ms from launch to the frame whose header counts every engine's running containers. */
async function firstFrame(args: string[], total: number): Promise<number | undefined> {
	const launchedAt = performance.now();
	const child = spawn('dist/berth', args, {cols, rows, env: env(), name: 'xterm-256color'});
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	const shown = new Promise<number>(resolve => {
		child.onData(data => terminal.write(data, () => {
			const header = terminal.buffer.active.getLine(terminal.buffer.active.viewportY)?.translateToString(true) ?? '';
			if (header.includes(`● ${total} running`)) resolve(performance.now() - launchedAt);
		}));
	});
	const ms = await Promise.race([shown, sleep(15_000).then(() => undefined)]);
	child.kill();
	await sleep(500);
	terminal.dispose();
	return ms;
}

/** The slowest engine's answer to a container list, each on a fresh connection, as a monitor starting up asks it. */
async function slowestList(fleet: readonly Engine[]): Promise<number> {
	const times = await Promise.all(fleet.map(async engine => {
		const started = performance.now();
		await new Docker({socketPath: engine.host.replace(/^unix:\/\//, '')}).listContainers({all: true});
		return performance.now() - started;
	}));
	return Math.max(...times);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function benchFleet(): Promise<string> {
	const fleet = await startEngines();
	try {
		await Promise.all(fleet.map(engine => startBenchContainers(engine.docker, perEngine)));
		await sleep(5000);
		const total = engines * perEngine;
		const hostArgs = fleet.flatMap(engine => ['--host', engine.host]);
		const berthCgroup = await measure('berth, cgroup', fleet, [['dist/berth', [...hostArgs, '--stats-source', 'cgroup']]]);
		const berthEngine = await measure('berth, engine streams', fleet, [['dist/berth', [...hostArgs, '--stats-source', 'engine']]]);
		const dockerStats = await measure('5 × docker stats', fleet, fleet.map(engine => ['docker', ['stats'], {DOCKER_HOST: engine.host}] as const));
		const frames: number[] = [];
		const slowest: number[] = [];
		for (let round = 0; round < launches; round++) {
			slowest.push(await slowestList(fleet));
			const ms = await firstFrame([...hostArgs, '--stats-source', 'engine'], total);
			if (ms !== undefined) frames.push(ms);
		}
		const ratio = (sample: Sample, of: (s: Sample) => number) => `${of(sample).toFixed(2)} (${(of(sample) / of(dockerStats)).toFixed(2)}x)`;
		const lines = [
			`## Fleet: ${engines} engines × ${perEngine} containers (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]})`,
			'',
			`Each monitor ${windowMs / 1000} s after a ${warmUpMs / 1000} s warm-up in a ${cols}x${rows} terminal; docker stats is five processes, one per engine, summed.`,
			'',
			'| measure | berth, cgroup | berth, engine streams | 5 × docker stats |',
			'| --- | ---: | ---: | ---: |',
			`| own CPU s | ${ratio(berthCgroup, s => s.cpuSeconds)} | ${ratio(berthEngine, s => s.cpuSeconds)} | ${dockerStats.cpuSeconds.toFixed(2)} |`,
			`| engines' extra CPU s | ${berthCgroup.engineCpuSeconds.toFixed(2)} | ${berthEngine.engineCpuSeconds.toFixed(2)} | ${dockerStats.engineCpuSeconds.toFixed(2)} |`,
			`| total CPU s | ${ratio(berthCgroup, s => s.cpuSeconds + s.engineCpuSeconds)} | ${ratio(berthEngine, s => s.cpuSeconds + s.engineCpuSeconds)} | ${(dockerStats.cpuSeconds + dockerStats.engineCpuSeconds).toFixed(2)} |`,
			`| peak RSS MB (docker stats: summed) | ${berthCgroup.peakRssMb.toFixed(1)} | ${berthEngine.peakRssMb.toFixed(1)} | ${dockerStats.peakRssMb.toFixed(1)} |`,
			'',
			`First frame listing all ${total} containers, median of ${frames.length}: ${median(frames).toFixed(0)} ms from launch; the slowest engine's own list answer, median: ${median(slowest).toFixed(0)} ms; berth ${(median(frames) - median(slowest)).toFixed(0)} ms after it (target: within 500 ms). Times: ${frames.map(ms => ms.toFixed(0)).join(', ')}.`,
			'',
		];
		return lines.join('\n');
	} finally {
		await Promise.all(fleet.map(engine => removeBenchContainers(engine.docker).catch(() => undefined)));
		await Promise.all(fleet.map(engine => run('bash', ['scripts/engine-down.sh', engine.dir]).catch(() => undefined)));
	}
}

// Run directly: prints the section and appends it to bench/results.md.
if (process.argv[1]?.endsWith('fleet.ts')) {
	const section = await benchFleet();
	process.stdout.write(section);
	writeFileSync('bench/results.md', `${readFileSync('bench/results.md', 'utf8').trimEnd()}\n\n${section}`);
}

// `BENCH_VARIANTS=… bash scripts/with-engine.sh node --import tsx bench/startup.ts`:
// what each start-up mechanism saves. Each variant is a build of berth with one
// mechanism switched off (bench/startup-variants.sh makes them) or the same build
// run with an environment switch; they are launched in turn, round after round,
// with N containers, and the time to the first frame listing them is kept, as
// bench/run.ts measures it. With BENCH_WINDOW_S set, each variant also runs that
// long and its CPU seconds are kept (for the mechanisms that exist for steady-state CPU).
import {readFileSync} from 'node:fs';
import Docker from 'dockerode';
import {spawn} from 'node-pty';
import {median} from './report.js';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {watchFirstFrame} from './first-frame.js';
import {cpuSeconds} from './process-cpu.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('Run with scripts/with-engine.sh (BERTH_TEST_DOCKER_HOST=unix://...)');
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const count = Number(process.env['BENCH_SIZES'] ?? 100);
const launches = Number(process.env['BENCH_LAUNCHES'] ?? 5);
const windowS = Number(process.env['BENCH_WINDOW_S'] ?? 0);
const cols = 200;
const rows = 50;

/** `name=command [arguments…][;VAR=value…]`, one a line, in the file BENCH_VARIANTS names. */
const variants = readFileSync(process.env['BENCH_VARIANTS'] ?? 'bench/startup-variants.txt', 'utf8').split('\n').filter(line => line.trim() && !line.startsWith('#')).map(line => {
	const [name = '', rest = ''] = line.split('=', 2).length === 2 ? [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] : [line, ''];
	const [command = '', ...assignments] = rest.split(';');
	return {name: name.trim(), command: command.trim(), env: Object.fromEntries(assignments.map(pair => pair.split('=', 2) as [string, string]))};
});

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function env(extra: Readonly<Record<string, string>>): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI' && !key.startsWith('BERTH_')) result[key] = value;
	return {...result, TERM: 'xterm-256color', DOCKER_HOST: host, ...extra};
}

/** One launch: ms to the first frame with as many bench rows as fit, and CPU seconds after the window (if any). */
async function launch(variant: (typeof variants)[number]): Promise<{firstFrameMs?: number; cpu?: number}> {
	const launchedAt = performance.now();
	const [command = '', ...args] = variant.command.split(' ');
	const child = spawn(command, [...args, '--host', host], {cols, rows, env: env(variant.env), name: 'xterm-256color'});
	const {shown, dispose} = watchFirstFrame(child, launchedAt, count, {cols, rows});
	const firstFrameMs = await Promise.race([shown, sleep(10_000).then(() => undefined)]);
	let cpu: number | undefined;
	if (windowS > 0) {
		await sleep(windowS * 1000 - (performance.now() - launchedAt));
		cpu = cpuSeconds(child.pid);
	}
	child.kill();
	await sleep(500);
	dispose();
	return {firstFrameMs, cpu};
}

await startBenchContainers(docker, count);
await sleep(3000);
try {
	// One launch of each first, unmeasured: berth as it runs after install (a code cache written, files in the page cache).
	for (const variant of variants) await launch(variant);
	const frames = variants.map(() => [] as number[]);
	const cpus = variants.map(() => [] as number[]);
	// Each round launches every variant once, in a shuffled order, so that neither a
	// variant's place in the round nor the machine's load drifting over the run
	// favours one; the saving is the median of the per-round differences.
	for (let round = 0; round < launches; round++) {
		const order = variants.map((_, index) => index).sort(() => Math.random() - 0.5);
		for (const index of order) {
			const variant = variants[index];
			if (!variant) continue;
			const {firstFrameMs, cpu} = await launch(variant);
			frames[index]?.push(firstFrameMs ?? Number.NaN);
			cpus[index]?.push(cpu ?? Number.NaN);
			process.stderr.write(`${variant.name}: ${firstFrameMs?.toFixed(0) ?? 'no frame'} ms${cpu === undefined ? '' : `, ${cpu.toFixed(2)} CPU s`}\n`);
		}
	}
	const found = (values: readonly number[]) => values.filter(Number.isFinite);
	const pairedSaving = (values: readonly number[], base: readonly number[]) => median(found(values.map((value, round) => value - (base[round] ?? Number.NaN)))) ?? Number.NaN;
	const lines = [`N=${count}, ${launches} launches each${windowS > 0 ? `, ${windowS} s window` : ''}; saved = the median, over the rounds, of the variant's time minus the first variant's in the same round`, '', '| variant | first frame median (range), ms | saved, ms |' + (windowS > 0 ? ' CPU s median | CPU s saved |' : ''), '| --- | ---: | ---: |' + (windowS > 0 ? ' ---: | ---: |' : '')];
	for (const [index, variant] of variants.entries()) {
		const times = found(frames[index] ?? []);
		const value = median(times) ?? Number.NaN;
		const range = times.length > 0 ? ` (${Math.round(Math.min(...times))}-${Math.round(Math.max(...times))})` : '';
		const saved = pairedSaving(frames[index] ?? [], frames[0] ?? []);
		const cpu = median(found(cpus[index] ?? [])) ?? Number.NaN;
		const cpuSaved = pairedSaving(cpus[index] ?? [], cpus[0] ?? []);
		lines.push(`| ${variant.name} | ${value.toFixed(0)}${range} | ${index === 0 ? '-' : saved.toFixed(0)} |${windowS > 0 ? ` ${cpu.toFixed(2)} | ${index === 0 ? '-' : cpuSaved.toFixed(2)} |` : ''}`);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
} finally {
	await removeBenchContainers(docker);
}

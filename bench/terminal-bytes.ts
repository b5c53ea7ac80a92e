// Bytes berth writes to its terminal, the cost over a slow SSH link: in steady
// state on an idle list, for one `j`, and for a resize; with CPU and peak RSS. BERTH_BINS lists the bins
// to compare side by side (default dist/berth), each run in turn on the same containers.
import {readFileSync} from 'node:fs';
import Docker from 'dockerode';
import {spawn} from 'node-pty';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {watchFirstFrame} from './first-frame.js';
import {cpuSeconds} from './process-cpu.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('bench/terminal-bytes: run under scripts/with-engine.sh (BERTH_TEST_DOCKER_HOST=unix://…)');
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const bins = (process.env['BERTH_BINS'] ?? 'dist/berth').split(',');
const sizes = (process.env['BENCH_SIZES'] ?? '20,100').split(',').map(Number);
const windowS = Number(process.env['BENCH_WINDOW_S'] ?? 20);
const cols = 200;
const rows = 50;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Bytes written from now until the output has been quiet for quietMs (at most maxMs). */
async function burst(counter: {bytes: number}, quietMs = 300, maxMs = 3000): Promise<number> {
	const start = counter.bytes;
	const began = Date.now();
	let last = counter.bytes;
	let quietSince = Date.now();
	while (Date.now() - began < maxMs) {
		await sleep(20);
		if (counter.bytes !== last) {
			last = counter.bytes;
			quietSince = Date.now();
		} else if (Date.now() - quietSince >= quietMs && counter.bytes > start) break;
	}
	return counter.bytes - start;
}

async function measureBin(bin: string, count: number): Promise<string> {
	const launchedAt = performance.now();
	const child = spawn(bin, ['--host', host], {cols, rows, name: 'xterm-256color', env: {...process.env, TERM: 'xterm-256color'} as Record<string, string>});
	const counter = {bytes: 0};
	child.onData(data => (counter.bytes += Buffer.byteLength(data)));
	const frame = watchFirstFrame(child, launchedAt, count, {cols, rows});
	await frame.shown;
	await sleep(5000);
	const before = counter.bytes;
	const cpuBefore = cpuSeconds(child.pid);
	await sleep(windowS * 1000);
	const perSecond = (counter.bytes - before) / windowS;
	const cpu = cpuSeconds(child.pid) - cpuBefore;
	const peakRssMb = Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
	// Between two stats ticks, so the key's frame is measured mostly alone.
	await burst(counter, 150);
	child.write('j');
	const key = await burst(counter, 150, 1000);
	child.resize(cols - 20, rows - 5);
	const resize = await burst(counter, 150, 2000);
	child.kill();
	frame.dispose();
	return `N=${count} ${bin}: ${perSecond.toFixed(0)} bytes/s steady, ${cpu.toFixed(2)} CPU s in ${windowS} s, peak RSS ${peakRssMb.toFixed(1)} MB · j ${key} bytes (with any stats tick in the same moment) · resize ${resize} bytes`;
}

try {
	for (const count of sizes) {
		await startBenchContainers(docker, count);
		await sleep(3000);
		for (const bin of bins) process.stdout.write(`${await measureBin(bin, count)}\n`);
	}
} finally {
	await removeBenchContainers(docker);
}

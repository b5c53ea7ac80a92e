// Log flood: a container writes as fast as it can; how does berth's log view
// cope next to `docker logs -f > /dev/null` against the same container?
// Reports lines/s ingested, peak RSS, and (for berth) keypress-to-screen
// latency while the flood runs. Run: npm run bench:logs (BENCH_SECONDS to change the length).
import {spawn as spawnProcess} from 'node:child_process';
import {existsSync, readFileSync, rmSync} from 'node:fs';
import Docker from 'dockerode';
import {spawn as spawnPty} from 'node-pty';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('BERTH_TEST_DOCKER_HOST must point at a test engine (run through scripts/with-engine.sh).');
if (!existsSync('dist/berth')) throw new Error('dist/berth is missing: npm run build first.');
const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const name = `flood-${process.pid}`;
const statsFile = `/tmp/berth-bench-${process.pid}.json`;

interface Result {
	readonly who: string;
	readonly linesPerSecond: number;
	readonly peakRssMiB: number;
	/** CPU seconds (user + system) per 100 000 lines read, over the measured window. */
	readonly cpuPer100k: number;
	readonly latencyMs?: readonly number[];
	/** Latencies by the key pressed. */
	readonly byKey?: ReadonlyMap<string, readonly number[]>;
	readonly note?: string;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
		// utime and stime, the 14th and 15th fields, in clock ticks (100 a second on Linux).
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return Number.NaN;
	}
}

/** Peak resident memory of a process, from the kernel's own high-water mark. */
function peakRssMiB(pid: number): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : Number.NaN;
	} catch {
		return Number.NaN;
	}
}

async function dockerCli(id: string): Promise<Result> {
	const child = spawnProcess('docker', ['logs', '-f', '--tail', '0', id], {env: {...process.env, DOCKER_HOST: host}, stdio: ['ignore', 'pipe', 'pipe']});
	let lines = 0;
	let failed = '';
	const count = (chunk: Buffer) => {
		for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
	};
	child.stdout.on('data', count);
	child.stderr.on('data', count);
	child.on('error', error => {
		failed = error.message;
	});
	await sleep(1000);
	const start = lines;
	const cpuStart = child.pid ? cpuSeconds(child.pid) : Number.NaN;
	const started = Date.now();
	await sleep(seconds * 1000);
	const rate = (lines - start) / ((Date.now() - started) / 1000);
	const peak = child.pid ? peakRssMiB(child.pid) : Number.NaN;
	const cpuPer100k = child.pid ? ((cpuSeconds(child.pid) - cpuStart) / Math.max(1, lines - start)) * 100_000 : Number.NaN;
	child.kill();
	return failed ? {who: 'docker logs -f > /dev/null', linesPerSecond: 0, peakRssMiB: 0, cpuPer100k: 0, note: failed} : {who: 'docker logs -f > /dev/null', linesPerSecond: rate, peakRssMiB: peak, cpuPer100k};
}

function readCounters(): {received: number; dropped: number; time: number} {
	try {
		return JSON.parse(readFileSync(statsFile, 'utf8')) as {received: number; dropped: number; time: number};
	} catch {
		return {received: 0, dropped: 0, time: Date.now()};
	}
}

/** The node flags on dist/cli.js's #! line (what `berth` runs with). */
function shebangFlags(): string[] {
	const first = readFileSync('dist/cli.js', 'utf8').slice(0, 200).split('\n')[0] ?? '';
	return first.startsWith('#!') ? first.split(/\s+/).filter(word => word.startsWith('--')) : [];
}

async function berth(): Promise<Result> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'CI' && !key.startsWith('DOCKER_')) env[key] = value;
	env['TERM'] = 'xterm-256color';
	env['BERTH_BENCH_STATS'] = statsFile;
	// As shipped (dist/berth), or with extra node flags to try (BENCH_NODE_ARGS, run
	// through dist/cli.js with the flags of its #! line).
	const extraFlags = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
	const child = extraFlags.length === 0
		? spawnPty('dist/berth', ['--host', host], {cols: 120, rows: 40, env, name: 'xterm-256color'})
		: spawnPty('node', [...shebangFlags(), ...extraFlags, 'dist/cli.js', '--host', host], {cols: 120, rows: 40, env, name: 'xterm-256color'});
	let output = '';
	// Waiters are checked as output arrives, never by polling: a busy-wait here would
	// take a core from berth and the engine on the machines this runs on.
	const waiters = new Set<() => void>();
	child.onData(data => {
		output += data;
		for (const check of waiters) check();
	});
	const waitFor = (text: string, since: number, timeoutMs = 10_000): Promise<number> => new Promise((resolve, reject) => {
		const check = () => {
			if (output.indexOf(text, since) === -1) return;
			finish();
			resolve(Date.now());
		};
		const timer = setTimeout(() => {
			finish();
			reject(new Error(`berth did not show "${text}" within ${timeoutMs} ms`));
		}, timeoutMs);
		const finish = () => {
			clearTimeout(timer);
			waiters.delete(check);
		};
		waiters.add(check);
		check();
	});
	try {
		await waitFor(name, 0, 20_000);
		const press = (keys: string) => child.write(keys);
		press('/');
		await waitFor('Enter keep', 0);
		press(name);
		await sleep(300);
		press('\r');
		await sleep(300);
		press('l');
		await waitFor(`Logs ${name}`, 0);
		await sleep(1000);
		const first = readCounters();
		const cpuStart = cpuSeconds(child.pid);
		const latencies: number[] = [];
		const byKey = new Map<string, number[]>();
		const endAt = Date.now() + seconds * 1000;
		// What a person does in a flooding log: help, scroll up, back to the end, search as
		// they type, Esc. Each key waits for the frame that shows its effect; a frame drawn
		// before the key was handled cannot show it.
		const steps: ReadonlyArray<readonly [string, string]> = [
			['?', 'Keys: Logs'], ['?', `Logs ${name}`], ['k', 'paused at'], ['G', 'following'],
			['/', 'Enter keep'], ['f', 'paused at'], ['\u001B', 'following'],
		];
		while (Date.now() < endAt) {
			for (const [key, shows] of steps) {
				const mark = output.length;
				const pressed = Date.now();
				press(key);
				const latency = (await waitFor(shows, mark)) - pressed;
				latencies.push(latency);
				const label = key === '\u001B' ? 'Esc' : key;
				byKey.set(label, [...(byKey.get(label) ?? []), latency]);
				await sleep(150);
			}
		}
		await sleep(600);
		const last = readCounters();
		const cpuUsed = cpuSeconds(child.pid) - cpuStart;
		const elapsed = Math.max(0.001, (last.time - first.time) / 1000);
		const dropped = last.dropped - first.dropped;
		return {
			who: 'berth (log view, following)',
			linesPerSecond: (last.received - first.received) / elapsed,
			peakRssMiB: peakRssMiB(child.pid),
			cpuPer100k: (cpuUsed / Math.max(1, last.received - first.received)) * 100_000,
			latencyMs: latencies,
			byKey,
			...(dropped > 0 ? {note: `${dropped.toLocaleString('en-US')} of them skipped in the flood, shown in the pane`} : {}),
		};
	} finally {
		child.kill();
		rmSync(statsFile, {force: true});
	}
}

function percentile(values: readonly number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const container = await docker.createContainer({
	name,
	Image: 'berth-test/busybox:latest',
	Cmd: ['sh', '-c', 'yes "flood line: the quick brown fox jumps over the lazy dog 0123456789"'],
	Labels: {'berth.test': 'bench'},
	// The flood must not fill the disk: the engine rotates the log file.
	HostConfig: {LogConfig: {Type: 'json-file', Config: {'max-size': '20m', 'max-file': '2'}}},
});
try {
	await container.start();
	await sleep(1000);
	const results = [await dockerCli(container.id), await berth()];
	process.stdout.write(`Log flood: busybox yes, ${seconds} s per reader, one after the other, same container\n\n`);
	process.stdout.write(`${'reader'.padEnd(30)} ${'lines/s'.padStart(12)} ${'CPU s/100k'.padStart(11)} ${'peak RSS'.padStart(10)}  key→screen (median / p95 / max, n)\n`);
	for (const result of results) {
		const latency = result.latencyMs && result.latencyMs.length > 0
			? `${percentile(result.latencyMs, 50)} / ${percentile(result.latencyMs, 95)} / ${Math.max(...result.latencyMs)} ms, n=${result.latencyMs.length}`
			: '-';
		process.stdout.write(`${result.who.padEnd(30)} ${Math.round(result.linesPerSecond).toLocaleString('en-US').padStart(12)} ${result.cpuPer100k.toFixed(2).padStart(11)} ${`${result.peakRssMiB.toFixed(0)} MiB`.padStart(10)}  ${latency}${result.note ? `  (${result.note})` : ''}\n`);
	}
	for (const result of results) {
		if (!result.byKey) continue;
		process.stdout.write(`\n${result.who}, median / max ms by key: ${[...result.byKey].map(([key, values]) => `${key} ${percentile(values, 50)}/${Math.max(...values)}`).join(' · ')}\n`);
	}
} finally {
	await container.remove({force: true});
}

// berth's numbers against the engine's own, on the private test engine.
import assert from 'node:assert/strict';
import {execFile, spawn} from 'node:child_process';
import {test} from 'node:test';
import {promisify} from 'node:util';
import {StatsHub} from '../../source/engine/streams/stats-hub.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const label = 'berth.test.stats';
const {host, docker, run, cleanup} = engineFixture({labels: {[label]: '1', 'berth.test': '1'}});

interface Record {
	id: string; name: string; cpuPercent: number | null; memoryUsedBytes: number | null; memoryLimitBytes: number | null;
	netRxBytes: number; netTxBytes: number; blockReadBytes: number; blockWriteBytes: number; pids: number | null;
}


/** The engine's own figures, computed here with the docker CLI's formulas (independently of berth's code). */
async function engineFigures(id: string): Promise<{cpu: number; memory: number}> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw engine JSON, read field by field below
	const raw = (await docker.getContainer(id).stats({stream: false})) as any;
	const cpuDelta = raw.cpu_stats.cpu_usage.total_usage - raw.precpu_stats.cpu_usage.total_usage;
	const systemDelta = raw.cpu_stats.system_cpu_usage - raw.precpu_stats.system_cpu_usage;
	const cpu = (cpuDelta / systemDelta) * raw.cpu_stats.online_cpus * 100;
	const stats = raw.memory_stats.stats ?? {};
	const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
	return {cpu, memory: raw.memory_stats.usage - inactive};
}

async function berthStatsJson(): Promise<Record[]> {
	const {stdout} = await promisify(execFile)('dist/berth', ['stats', '--json', '--host', host]);
	const parsed = JSON.parse(stdout) as Record[];
	assert.ok(Array.isArray(parsed));
	return parsed;
}

engineTestHooks({host, cleanup});

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

test('berth stats --json: CPU burners near the engine\'s own figures, a known amount of memory, names and number types as documented', async () => {
	const busy = await run(`stats-busy-${process.pid}`, ['sh', '-c', 'yes > /dev/null']);
	// Capped at half a CPU: on a machine shared with other work this one's figure is steady.
	const capped = await docker.createContainer({
		name: `stats-capped-${process.pid}`, Image: 'berth-test/busybox:latest', Cmd: ['sh', '-c', 'yes > /dev/null'],
		Labels: {[label]: '1', 'berth.test': '1'}, HostConfig: {NanoCpus: 500_000_000},
	});
	await capped.start();
	// 48 MiB written to the container's /dev/shm (tmpfs, 64 MiB by default) is memory the container holds.
	const holder = await run(`stats-mem-${process.pid}`, ['sh', '-c', 'dd if=/dev/zero of=/dev/shm/x bs=1M count=48 2>/dev/null; sleep 3600']);
	await waitFor(async () => ((await engineFigures(holder.id)).memory > 48 * 1024 * 1024 ? true : undefined), {timeoutMs: 10_000, what: 'the 48 MiB to be held'});

	// Sampled at the same time as berth, three rounds, medians compared: other agents share these CPUs.
	type Figures = {cpu: number; memory: number};
	const rounds: Array<[Record[], Figures, Figures, Figures]> = [];
	for (let round = 0; round < 3; round++) {
		rounds.push(await Promise.all([berthStatsJson(), engineFigures(busy.id), engineFigures(capped.id), engineFigures(holder.id)]));
	}
	const records = rounds[0]?.[0] ?? [];
	const busyRecord = records.find(r => r.id === busy.id);
	const holderRecord = records.find(r => r.id === holder.id);
	assert.ok(busyRecord && holderRecord, `containers listed: ${JSON.stringify(records.map(r => r.name))}`);
	assert.deepEqual(Object.keys(busyRecord), ['id', 'name', 'cpuPercent', 'memoryUsedBytes', 'memoryLimitBytes', 'netRxBytes', 'netTxBytes', 'blockReadBytes', 'blockWriteBytes', 'pids']);
	assert.equal(busyRecord.name, `stats-busy-${process.pid}`);
	for (const key of ['cpuPercent', 'memoryUsedBytes', 'memoryLimitBytes', 'netRxBytes', 'netTxBytes', 'blockReadBytes', 'blockWriteBytes', 'pids'] as const) {
		assert.equal(typeof busyRecord[key], 'number', key);
	}
	const berthCpu = (id: string) => median(rounds.map(([r]) => r.find(x => x.id === id)?.cpuPercent ?? Number.NaN));
	// `yes` wants a whole CPU; on a machine shared with other work it gets what is left,
	// so the check is against the engine's own figure for the same moments, not a fixed 100%.
	const busyCpu = berthCpu(busy.id);
	const engineBusy = median(rounds.map(r => r[1].cpu));
	assert.ok(busyCpu > 5 && busyCpu < 130, `busy container at ${busyCpu}%`);
	assert.ok(Math.abs(busyCpu - engineBusy) < 35, `busy: berth ${busyCpu}% vs engine ${engineBusy.toFixed(1)}%`);
	const cappedCpu = berthCpu(capped.id);
	const engineCapped = median(rounds.map(r => r[2].cpu));
	// The daemon's one-second window is timed on a busy machine too: in one loaded
	// CI run a container held to 50% read 68%. What berth must get right is the
	// engine's own number for the same moments, checked below within 12 points.
	assert.ok(cappedCpu > 5 && cappedCpu < 80, `capped container at ${cappedCpu}% (limit 50%)`);
	console.log(`busy: berth ${busyCpu}% engine ${engineBusy.toFixed(1)}%; capped: berth ${cappedCpu}% engine ${engineCapped.toFixed(1)}%`);
	assert.ok(Math.abs(cappedCpu - engineCapped) < 12, `capped: berth ${cappedCpu}% vs engine ${engineCapped.toFixed(1)}%`);
	assert.ok((holderRecord.cpuPercent ?? 100) < 5, `idle holder at ${holderRecord.cpuPercent}%`);

	const memory = holderRecord.memoryUsedBytes ?? 0;
	const engineMemory = rounds[0]?.[3].memory ?? 0;
	assert.ok(memory >= 48 * 1024 * 1024 && memory < 56 * 1024 * 1024, `holder uses ${memory} bytes`);
	assert.ok(Math.abs(memory - engineMemory) < 2 * 1024 * 1024, `berth ${memory} vs engine ${engineMemory}`);
	// sh runs dd, then replaces itself with sleep.
	assert.equal(holderRecord.pids, 1);

	const table = (await promisify(execFile)('dist/berth', ['stats', '--host', host])).stdout;
	assert.match(table, /^CONTAINER ID\s+NAME\s+CPU %\s+MEM USAGE \/ LIMIT\s+MEM %\s+NET I\/O\s+BLOCK I\/O\s+PIDS$/m);
	assert.match(table, new RegExp(`^${holder.id.slice(0, 12)}\\s+stats-mem-${process.pid}\\s+\\d+\\.\\d%\\s+(4[89]|5\\d)\\.\\dMiB / `, 'm'));
	for (const container of [busy, capped, holder]) await container.remove({force: true});
});

test('berth stats --watch --json prints one array per line and picks up a container started after it began', async () => {
	const first = await run(`stats-watch-a-${process.pid}`, ['sleep', '3600']);
	const child = spawn('dist/berth', ['stats', '--watch', '--json', '--host', host], {stdio: ['ignore', 'pipe', 'pipe']});
	const lines: string[] = [];
	let pending = '';
	child.stdout.on('data', (chunk: Buffer) => {
		pending += chunk.toString('utf8');
		const parts = pending.split('\n');
		pending = parts.pop() ?? '';
		lines.push(...parts);
	});
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	try {
		await waitFor(() => (lines.some(l => l.includes(first.id)) ? true : undefined), {timeoutMs: 15_000, what: 'the first container in the stream'});
		const second = await run(`stats-watch-b-${process.pid}`, ['sleep', '3600']);
		const line = await waitFor(() => lines.find(l => l.includes(second.id)), {timeoutMs: 15_000, what: 'the second container in the stream'});
		const parsed = JSON.parse(line) as Record[];
		assert.ok(parsed.some(r => r.id === first.id) && parsed.some(r => r.id === second.id));
		for (const l of lines) assert.ok(Array.isArray(JSON.parse(l)), 'every line is one JSON array');
	} finally {
		child.kill('SIGINT');
	}
	assert.equal(await exited, 0);
});

test('berth stats rejects an unknown option with a plain message and exit code 2', async () => {
	const result = await promisify(execFile)('dist/berth', ['stats', '--frobnicate', '--host', host]).then(
		() => assert.fail('should have failed'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 2);
	assert.match(result.stderr, /^berth stats: unknown option --frobnicate\./);
});

test('the stats hub keeps sampling across a restart and a pause: no NaN, no negative, no spike', async () => {
	const container = await run(`stats-restart-${process.pid}`, ['sh', '-c', 'while true; do echo x > /dev/null; usleep 200000; done']);
	const hub = new StatsHub(docker, {flushDelayMs: 50, minFlushIntervalMs: 200});
	try {
		hub.setRunning([container.id]);
		await waitFor(() => ((hub.history(container.id)?.size ?? 0) >= 2 ? true : undefined), {timeoutMs: 15_000, what: 'two samples'});
		await container.restart({t: 0});
		const before = hub.history(container.id)?.size ?? 0;
		// The hub is not told about the restart (the list may never see it stopped): it reopens by itself.
		await waitFor(() => ((hub.history(container.id)?.size ?? 0) >= before + 3 ? true : undefined), {timeoutMs: 20_000, what: 'samples after the restart'});
		await container.pause();
		const paused = hub.history(container.id)?.size ?? 0;
		await waitFor(() => ((hub.history(container.id)?.size ?? 0) >= paused + 2 ? true : undefined), {timeoutMs: 15_000, what: 'samples while paused'});
		assert.equal(hub.history(container.id)?.latest()?.cpu, 0, 'a paused container uses no CPU');
		await container.unpause();
		const history = hub.history(container.id);
		assert.ok(history);
		for (const metric of ['cpu', 'memory', 'netRx', 'netTx', 'blockRead', 'blockWrite', 'pids'] as const) {
			for (const value of history.series(metric)) assert.ok(Number.isNaN(value) || (value >= 0 && Number.isFinite(value)), `${metric} ${value}`);
		}
		for (const value of history.series('cpu')) assert.ok(Number.isNaN(value) || value < 150, `no CPU spike: ${value}`);
	} finally {
		hub.close();
		await container.remove({force: true});
	}
});

// The local cgroup collector against the engine's own stats on the private test
// engine (cgroup v1, cgroupfs), through start, pause, restart, an OOM kill and
// removal; and the fallback to the engine's streams, chosen and named, for a
// remote engine, a PID namespace of berth's own and a host without /sys/fs/cgroup.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {promisify} from 'node:util';
import Docker from 'dockerode';
import {StatsHub} from '../../source/engine/streams/stats-hub.js';
import {StatsSource} from '../../source/engine/streams/stats-source.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {freePort} from '../helpers/sshd.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitFor, type PrivateEngine} from '../helpers/test-engine.js';

const label = 'berth.test.cgroup';
// Containers that exit on SIGTERM at once, so restarts and removals do not wait ten seconds.
const defaults = {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']};
const {host, docker, run, cleanup} = engineFixture({labels: {[label]: '1', 'berth.test': '1'}, defaults});
const socketPath = host.replace(/^unix:\/\//, '');
let term: Term | undefined;
let remote: PrivateEngine | undefined;
engineTestHooks({host, cleanup, afterEach: () => {
	term?.kill();
	term = undefined;
}});
after(async () => remote?.down());

interface EngineFigures {
	readonly cpu: number;
	readonly memory: number;
	readonly limit: number;
	readonly pids: number;
	readonly blockRead: number;
	readonly blockWrite: number;
	readonly netRx: number;
}

/** The engine's one-shot figures, with the docker CLI's formulas written out here (not berth's code). */
async function engineFigures(id: string): Promise<EngineFigures> {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw engine JSON, read field by field below
	const raw = (await docker.getContainer(id).stats({stream: false})) as any;
	const cpuDelta = raw.cpu_stats.cpu_usage.total_usage - raw.precpu_stats.cpu_usage.total_usage;
	const systemDelta = raw.cpu_stats.system_cpu_usage - raw.precpu_stats.system_cpu_usage;
	const stats = raw.memory_stats.stats ?? {};
	const inactive = stats.total_inactive_file ?? stats.inactive_file ?? 0;
	return {
		cpu: (cpuDelta / systemDelta) * raw.cpu_stats.online_cpus * 100,
		memory: raw.memory_stats.usage - inactive,
		limit: raw.memory_stats.limit,
		pids: raw.pids_stats.current,
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
		blockRead: (raw.blkio_stats.io_service_bytes_recursive ?? []).filter((e: any) => e.op.toLowerCase() === 'read').reduce((sum: number, e: any) => sum + e.value, 0),
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
		blockWrite: (raw.blkio_stats.io_service_bytes_recursive ?? []).filter((e: any) => e.op.toLowerCase() === 'write').reduce((sum: number, e: any) => sum + e.value, 0),
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
		netRx: Object.values(raw.networks ?? {}).reduce((sum: number, n: any) => sum + n.rx_bytes, 0),
	};
}

/** A docker client that counts the stats requests it makes: none may reach the engine while the collector serves. */
function countingDocker(): {docker: Docker; statsRequests: () => number} {
	const counted = new Docker({socketPath});
	let requests = 0;
	const modem = counted.modem as unknown as {dial: (options: {path?: string}, callback: unknown) => unknown};
	const dial = modem.dial.bind(modem);
	modem.dial = (options, callback) => {
		if (/\/stats\b/.test(options.path ?? '')) requests++;
		return dial(options, callback);
	};
	return {docker: counted, statsRequests: () => requests};
}

/** How many "oom" events the engine has sent for a container so far. */
async function oomEvents(id: string): Promise<number> {
	const stream = await docker.getEvents({since: 0, until: Math.ceil(Date.now() / 1000), filters: {container: [id], event: ['oom']}} as object) as NodeJS.ReadableStream;
	let text = '';
	for await (const chunk of stream) text += String(chunk);
	return text.split('\n').filter(Boolean).length;
}

const started = Date.now();
const mark = (step: string) => console.log(`${step}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const mib = 1024 * 1024;

function assertSane(hub: StatsHub, id: string, what: string): void {
	const history = hub.history(id);
	assert.ok(history, `${what}: a history`);
	for (const metric of ['cpu', 'memory', 'memoryLimit', 'netRx', 'netTx', 'blockRead', 'blockWrite', 'pids'] as const) {
		for (const value of history.series(metric)) assert.ok(Number.isNaN(value) || (value >= 0 && Number.isFinite(value)), `${what}: ${metric} ${value}`);
	}
	for (const value of history.series('cpu')) assert.ok(Number.isNaN(value) || value < 150, `${what}: no CPU spike (${value})`);
}

test('the collector serves a local engine with the engine\'s own figures, through pause, restart, an OOM kill and removal, with no stats request', async () => {
	// Half a CPU, so its figure is steady on a machine shared with other work.
	const capped = await run(`cg-capped-${process.pid}`, ['sh', '-c', 'yes > /dev/null'], {HostConfig: {NanoCpus: 500_000_000}});
	// 40 MiB in the container's /dev/shm (tmpfs) is memory it holds.
	const holder = await run(`cg-mem-${process.pid}`, ['sh', '-c', 'trap "exit 0" TERM; dd if=/dev/zero of=/dev/shm/x bs=1M count=40 2>/dev/null; while :; do sleep 1; done']);
	// tail keeps a line that never ends: past 16 MiB the kernel kills it (asked to prefer it), and usually the shell lives on.
	const oom = await run(`cg-oom-${process.pid}`, ['sh', '-c', 'trap "exit 0" TERM; sleep 5; head -c 100m /dev/zero | sh -c "echo 1000 > /proc/self/oom_score_adj; exec tail"; while :; do sleep 1; done'], {HostConfig: {Memory: 16 * mib, MemorySwap: 16 * mib}});
	const counting = countingDocker();
	const source = new StatsSource(counting.docker, {socketPath, label: host, product: 'Docker'}, 'auto');
	await source.ready;
	assert.deepEqual(source.state, {kind: 'cgroup'});
	const hub = new StatsHub(counting.docker, {source: source.stream, flushDelayMs: 50, minFlushIntervalMs: 200});
	const latest = (id: string): StatsSample | undefined => hub.latest.get(id);
	try {
		hub.setRunning([capped.id, holder.id, oom.id]);
		await waitFor(() => [capped, holder, oom].every(c => latest(c.id)?.cpuPercent !== undefined) || undefined, {timeoutMs: 10_000, what: 'a sample with CPU of each'});
		mark('first samples');
		// Before the OOM: the container's own limit, as the engine gives it.
		assert.equal(latest(oom.id)?.memoryLimit, 16 * mib);
		assert.equal((await engineFigures(oom.id)).limit, 16 * mib);

		// Three rounds side by side with the engine's own one-shot figures; medians compared.
		const rounds: Array<{berth: StatsSample | undefined; engine: EngineFigures}> = [];
		for (let round = 0; round < 3; round++) {
			const engine = await engineFigures(capped.id);
			rounds.push({berth: latest(capped.id), engine});
		}
		const berthCpu = median(rounds.map(r => r.berth?.cpuPercent ?? Number.NaN));
		const engineCpu = median(rounds.map(r => r.engine.cpu));
		console.log(`capped: berth ${berthCpu.toFixed(1)}% engine ${engineCpu.toFixed(1)}%`);
		assert.ok(berthCpu > 5 && berthCpu < 80, `capped at ${berthCpu}% (limit 50%)`);
		assert.ok(Math.abs(berthCpu - engineCpu) < 12, `capped: berth ${berthCpu}% vs engine ${engineCpu}%`);

		mark('cpu');
		const held = await engineFigures(holder.id);
		const heldSample = latest(holder.id);
		assert.ok(heldSample?.memoryUsed !== undefined && heldSample.memoryUsed >= 40 * mib && heldSample.memoryUsed < 48 * mib, `holder uses ${heldSample?.memoryUsed}`);
		assert.ok(Math.abs(heldSample.memoryUsed - held.memory) < 2 * mib, `memory: berth ${heldSample.memoryUsed} vs engine ${held.memory}`);
		assert.equal(heldSample.memoryLimit, held.limit, 'no limit: the host\'s memory, as the engine says');
		assert.equal(heldSample.pids, held.pids);
		assert.deepEqual([heldSample.blockRead, heldSample.blockWrite, heldSample.netRx], [held.blockRead, held.blockWrite, held.netRx]);
		assert.equal((heldSample.cpuPercent ?? 100) < 5, true, `idle holder at ${heldSample.cpuPercent}%`);

		// The OOM kill: the engine reports it. Memory falls back and the container runs on; on a loaded
		// machine the kernel has been seen to kill the shell too (exit 137): then its samples end, with no error.
		await waitFor(async () => (await oomEvents(oom.id)) > 0 || undefined, {timeoutMs: 20_000, what: 'the engine\'s oom event'});
		await waitFor(async () => {
			if (!(await docker.getContainer(oom.id).inspect()).State.Running) return !latest(oom.id) || undefined;
			const sample = latest(oom.id);
			const engine = await engineFigures(oom.id);
			return sample?.memoryUsed !== undefined && sample.memoryUsed < 4 * mib && Math.abs(sample.memoryUsed - engine.memory) < 2 * mib && sample.memoryLimit === engine.limit || undefined;
		}, {timeoutMs: 25_000, what: async () => `the OOM container's memory to fall: berth ${JSON.stringify(latest(oom.id))}, engine ${JSON.stringify((await docker.getContainer(oom.id).inspect()).State)}`});
		mark(`oom (the container ${(await docker.getContainer(oom.id).inspect()).State.Running ? 'ran on' : 'was killed'})`);

		// Pause: 0% like the engine's stream, no gap.
		await docker.getContainer(capped.id).pause();
		await waitFor(() => latest(capped.id)?.cpuPercent === 0 || undefined, {timeoutMs: 10_000, what: 'the paused container at 0%'});
		assert.equal((await engineFigures(capped.id)).cpu, 0);
		await docker.getContainer(capped.id).unpause();
		mark('pause');

		// A restart the hub is not told about: the cgroup goes and comes back, the samples follow.
		const before = hub.history(holder.id)?.size ?? 0;
		await docker.getContainer(holder.id).restart({t: 1});
		await waitFor(() => ((hub.history(holder.id)?.size ?? 0) >= before + 3 && latest(holder.id)?.cpuPercent !== undefined) || undefined, {timeoutMs: 20_000, what: 'samples after the restart'});
		await waitFor(() => ((latest(holder.id)?.memoryUsed ?? 0) > 40 * mib) || undefined, {timeoutMs: 10_000, what: 'the restarted holder\'s memory'});

		mark('restart');
		// Removed behind the hub's back: its samples end, no error, nothing left open.
		await docker.getContainer(oom.id).remove({force: true});
		await waitFor(() => !latest(oom.id) || undefined, {timeoutMs: 10_000, what: 'the removed container to drop out'});
		hub.setRunning([capped.id, holder.id]);

		for (const [container, what] of [[capped, 'capped'], [holder, 'holder']] as const) assertSane(hub, container.id, what);
		assert.deepEqual(source.state, {kind: 'cgroup'}, 'stops, restarts and removals are no reason to leave the collector');
		assert.equal(counting.statsRequests(), 0, 'no stats stream to the engine while the collector serves');
	} finally {
		hub.close();
		source.close();
	}

	mark('removal');
	// berth stats --json through the collector agrees with the engine too.
	const {stdout} = await promisify(execFile)('dist/berth', ['stats', '--json', '--stats-source', 'cgroup', '--host', host]);
	const records = JSON.parse(stdout) as Array<{id: string; memoryUsedBytes: number; memoryLimitBytes: number; pids: number; cpuPercent: number}>;
	const record = records.find(r => r.id === holder.id);
	const engine = await engineFigures(holder.id);
	assert.ok(record && Math.abs(record.memoryUsedBytes - engine.memory) < 2 * mib, `stats --json: ${JSON.stringify(record)} vs ${JSON.stringify(engine)}`);
	assert.equal(record.memoryLimitBytes, engine.limit);
	assert.equal(record.pids, engine.pids);
	assert.equal(typeof records.find(r => r.id === capped.id)?.cpuPercent, 'number');
});

test('a container that cannot be read mid-run moves every container to the engine\'s streams, with the reason, and the numbers keep coming', async () => {
	const first = await run(`cg-mid-a-${process.pid}`);
	// A /proc of links to the real one, showing only the first container's process: the second's cannot be read.
	const procRoot = mkdtempSync(join(tmpdir(), 'berth-proc-'));
	for (const name of ['self', 'stat', 'meminfo']) symlinkSync(`/proc/${name}`, join(procRoot, name));
	const firstPid = (await docker.getContainer(first.id).inspect()).State.Pid;
	symlinkSync(`/proc/${firstPid}`, join(procRoot, String(firstPid)));
	const counting = countingDocker();
	const source = new StatsSource(counting.docker, {socketPath, label: host, product: 'Docker'}, 'auto', procRoot);
	const hub = new StatsHub(counting.docker, {source: source.stream, flushDelayMs: 50, minFlushIntervalMs: 200});
	try {
		await source.ready;
		assert.deepEqual(source.state, {kind: 'cgroup'});
		hub.setRunning([first.id]);
		await waitFor(() => hub.latest.get(first.id)?.cpuPercent !== undefined || undefined, {timeoutMs: 10_000, what: 'the first container\'s samples'});
		assert.equal(counting.statsRequests(), 0);
		const second = await run(`cg-mid-b-${process.pid}`);
		hub.setRunning([first.id, second.id]);
		await waitFor(() => source.state.kind === 'engine' || undefined, {timeoutMs: 10_000, what: 'the fallback'});
		assert.match(source.state.kind === 'engine' ? source.state.reason ?? '' : '', /process \d+ is not in this \/proc: berth does not share the engine's PID namespace/);
		const sizeAtFallback = hub.history(first.id)?.size ?? 0;
		await waitFor(() => (hub.latest.has(second.id) && (hub.history(first.id)?.size ?? 0) >= sizeAtFallback + 2) || undefined, {timeoutMs: 15_000, what: 'samples of both from the streams'});
		assert.ok(counting.statsRequests() >= 2, `stats streams opened: ${counting.statsRequests()}`);
		assertSane(hub, first.id, 'first');
	} finally {
		hub.close();
		source.close();
		rmSync(procRoot, {recursive: true, force: true});
	}
});

const reason = /Stats from the engine's streams: (.*)/;

test('berth in a PID namespace of its own uses the engine\'s streams and says why; --stats-source cgroup refuses', async () => {
	await run(`cg-pidns-${process.pid}`);
	const prefix = ['unshare', '--pid', '--fork', '--mount-proc'];
	term = startTerm({args: ['--host', host], cols: 220, rows: 12, prefix});
	await term.waitForText(/stats: engine/, {timeoutMs: 15_000});
	await term.waitForText(/Stats from the engine's streams: .*does not share the engine's PID namespace/);
	const result = await promisify(execFile)(prefix[0] ?? '', [...prefix.slice(1), 'dist/berth', 'stats', '--stats-source', 'cgroup', '--host', host]).then(
		() => assert.fail('should have refused'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 1);
	assert.match(result.stderr, /--stats-source cgroup cannot be used here: .*PID namespace/);
});

test('without the cgroup file system (a tmpfs over /sys/fs/cgroup) berth uses the engine\'s streams and says why', async () => {
	await run(`cg-nofs-${process.pid}`);
	const prefix = ['unshare', '--mount', '--', 'sh', '-c', 'mount -t tmpfs none /sys/fs/cgroup && exec "$@"', 'sh'];
	term = startTerm({args: ['--host', host], cols: 220, rows: 12, prefix});
	await term.waitForText(/stats: engine/, {timeoutMs: 15_000});
	await term.waitForText(reason);
	const shown = reason.exec(term.screen())?.[1] ?? '';
	assert.match(shown, /\/sys\/fs\/cgroup\/\w+ is not (there|a cgroup file system here)/);
	// The stats still come, from the engine's streams.
	await term.waitForText(/cg-nofs-\d+.*\d+\.\d%/);
});

test('a remote engine (tcp:// with TLS) is served by its streams, named in the header, and a local one by the collector', async () => {
	const tlsPort = await freePort();
	remote = await startEngine(`/tmp/berth-cgroup-remote-${process.pid}`, {tlsPort, defaults});
	await remote.run(`cg-remote-${process.pid}`);
	term = startTerm({args: [], cols: 220, rows: 12, env: {DOCKER_HOST: `tcp://127.0.0.1:${tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: `${remote.dir}/tls/client`}});
	await term.waitForText(/stats: engine/, {timeoutMs: 15_000});
	await term.waitForText(reason);
	assert.match(reason.exec(term.screen())?.[1] ?? '', /the engine \(tcp:\/\/127\.0\.0\.1:\d+\) is not on this host's socket/);
	await term.waitForText(/cg-remote-\d+.*\d+\.\d%/);
	term.kill();
	term = startTerm({args: ['--host', host], cols: 220, rows: 12});
	await term.waitForText(/stats: cgroup/, {timeoutMs: 15_000});
	assert.doesNotMatch(term.screen(), reason);
});

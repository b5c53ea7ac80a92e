import assert from 'node:assert/strict';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {blkioTotals, ioStatTotals, statField, v1Reader, v2Reader} from '../../source/engine/streams/cgroup-counters.js';
import {CgroupCollector} from '../../source/engine/streams/cgroup-collector.js';
import {KeptFile} from '../../source/engine/streams/kept-file.js';
import {hostCpu, memTotal, netDevTotals} from '../../source/engine/streams/proc-counters.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';

const dir = (path: string) => fileURLToPath(new URL(`../fixtures/cgroup/${path}`, import.meta.url));
const fixture = (path: string) => readFileSync(dir(path), 'utf8');

test('cgroup v2 files: CPU from usage_usec, memory.max "max" as no limit, io.stat bytes over every device', () => {
	const reader = v2Reader(dir('v2-systemd/dir'));
	try {
		assert.deepEqual(reader.read(), {
			cpuNs: 5_282_714_000, memoryUsage: 52_895_744, inactiveFile: 14_389_248, memoryLimit: undefined,
			blockRead: 11_083_776 + 4096, blockWrite: 4096 + 1_048_576, pids: 7,
		});
		// Read again from the same open files: the same numbers, not the rest of the file.
		assert.equal(reader.read().cpuNs, 5_282_714_000);
	} finally {
		reader.close();
	}
	assert.deepEqual(ioStatTotals(''), {read: 0, write: 0});
});

test('cgroup v1 files (recorded): total_inactive_file, the no-limit value, blkio Read and Write without the totals', () => {
	const path = dir('v1-cgroupfs');
	const reader = v1Reader({cpuacct: path, memory: path, blkio: path, pids: path});
	try {
		const counters = reader.read();
		assert.equal(counters.memoryUsage, Number(fixture('v1-cgroupfs/memory.usage_in_bytes')));
		assert.equal(counters.inactiveFile, statField(fixture('v1-cgroupfs/memory.stat'), 'total_inactive_file'));
		assert.equal(counters.memoryLimit, undefined, '9223372036854771712 is no limit');
		assert.equal(counters.pids, 1);
		assert.deepEqual([counters.blockRead, counters.blockWrite], [0, 0]);
	} finally {
		reader.close();
	}
	assert.deepEqual(blkioTotals(fixture('v1-systemd/blkio.throttle.io_service_bytes_recursive')), {read: 2_371_584 + 12_288, write: 40_960});
	// inactive_file is not total_inactive_file: a key is matched whole, at a line's start.
	assert.equal(statField('inactive_file 5\ntotal_inactive_file 7\n', 'inactive_file'), 5);
	assert.equal(statField('total_inactive_file 7\n', 'inactive_file'), undefined);
});

test('/proc: host CPU in ns over user..softirq with online CPUs counted, net/dev without loopback, MemTotal', () => {
	assert.deepEqual(hostCpu(fixture('proc-stat')), {systemNs: (1110749 + 330008 + 1851758 + 8391 + 4692) * 1e7, onlineCpus: 2});
	assert.deepEqual(netDevTotals(fixture('net-dev')), {rx: 1_803_214 + 200, tx: 93_021 + 300});
	assert.equal(memTotal('MemTotal:       24683664 kB\nMemFree: 1 kB\n'), 24683664 * 1024);
});

/** A fake container (v2 layout) and /proc in a temporary folder, rewritten between ticks. */
function fakeHost() {
	const root = mkdtempSync(join(tmpdir(), 'berth-cgroup-'));
	const cg = join(root, 'cg');
	const proc = join(root, 'proc');
	mkdirSync(cg);
	mkdirSync(proc);
	const write = (files: Record<string, string>) => {
		for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
	};
	return {root, write};
}

test('the collector: one sample at once without CPU, then CPU % over the interval; a counter that went back is no negative; files gone end it', async () => {
	const {root, write} = fakeHost();
	const state = (cpuUsec: number, systemTicks: number, pids = 1) => write({
		'cg/cpu.stat': `usage_usec ${cpuUsec}\n`, 'cg/memory.current': '1000\n', 'cg/memory.stat': 'inactive_file 400\n',
		'cg/memory.max': '5000\n', 'cg/io.stat': '', 'cg/pids.current': `${pids}\n`,
		'proc/stat': `cpu  ${systemTicks} 0 0 0 0 0 0 0 0 0\ncpu0 1\ncpu1 1\n`, 'proc/net-dev': fixture('net-dev'),
	});
	state(0, 0);
	const collector = new CgroupCollector({version: 2, driver: 'systemd', mounts: [], machineMemory: 4000, procRoot: join(root, 'proc')}, {intervalMs: 60});
	const controller = new AbortController();
	const samples: StatsSample[] = [];
	const iterator = collector.samples('abc', v2Reader(join(root, 'cg')), new KeptFile(join(root, 'proc/net-dev')), controller.signal)[Symbol.asyncIterator]();
	const next = async () => {
		const result = await iterator.next();
		if (!result.done) samples.push(result.value);
		return result;
	};
	await next();
	assert.equal(samples[0]?.cpuPercent, undefined, 'no interval yet');
	assert.equal(samples[0]?.memoryUsed, 600, 'usage minus inactive_file');
	assert.equal(samples[0]?.memoryLimit, 4000, 'capped at the machine memory, as the engine shows it');
	assert.deepEqual([samples[0]?.netRx, samples[0]?.netTx], [1_803_214 + 200, 93_021 + 300]);
	// 50 ms of CPU while the host's two CPUs together counted 200 ms: half of one CPU, as the engine computes it.
	state(50_000, 20);
	await next();
	assert.equal(Math.round(samples[1]?.cpuPercent ?? -1), 50);
	// A restarted cgroup's counter begins again: unknown, not negative, not a spike.
	state(10, 40);
	await next();
	assert.equal(samples[2]?.cpuPercent, undefined);
	state(10, 60);
	await next();
	assert.equal(samples[3]?.cpuPercent, 0);
	// No process left (stopping): the samples end, nothing stale follows.
	state(10, 80, 0);
	assert.equal((await next()).done, true);
	assert.equal(collector.size, 0);
	controller.abort();
	rmSync(root, {recursive: true, force: true});
});

test('the gate lets at most its width of calls run at once, in order', async () => {
	const {gate} = await import('../../source/engine/streams/gate.js');
	const through = gate(2);
	let running = 0;
	let most = 0;
	const order: number[] = [];
	await Promise.all([1, 2, 3, 4, 5].map(n => through(async () => {
		running++;
		most = Math.max(most, running);
		await new Promise(resolve => setTimeout(resolve, 5));
		order.push(n);
		running--;
		return n;
	})));
	assert.equal(most, 2);
	assert.deepEqual(order, [1, 2, 3, 4, 5]);
});

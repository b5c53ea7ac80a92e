import assert from 'node:assert/strict';
import {test} from 'node:test';
import {blockTotals, cpuPercent, memoryUsed, networkTotals, type RawStats} from '../../source/engine/streams/stats-math.js';

const cpu = (total: number, system: number, online?: number, percpu?: number[]) => ({
	cpu_usage: {total_usage: total, ...(percpu ? {percpu_usage: percpu} : {})},
	system_cpu_usage: system,
	...(online === undefined ? {} : {online_cpus: online}),
});

test('cpu percent follows the docker CLI formula: delta over system delta times online CPUs', () => {
	// Numbers from a real sample of busybox `yes` on a 2-CPU machine: 100.38% in `docker stats`.
	const stats: RawStats = {
		cpu_stats: cpu(7_066_161_269, 1_456_370_000_000, 2),
		precpu_stats: cpu(6_062_283_708, 1_454_380_000_000, 2),
	};
	assert.equal(cpuPercent(stats)?.toFixed(2), '100.89');
});

test('cpu percent falls back to the number of per-CPU counters when online_cpus is missing', () => {
	const stats: RawStats = {
		cpu_stats: cpu(200, 1000, undefined, [1, 2, 3, 4]),
		precpu_stats: cpu(100, 500),
	};
	assert.equal(cpuPercent(stats), 80);
});

test('cpu percent is undefined, not NaN or negative, without a previous sample or after a restart', () => {
	assert.equal(cpuPercent({cpu_stats: cpu(100, 1000, 2), precpu_stats: {cpu_usage: {total_usage: 0}}}), undefined);
	assert.equal(cpuPercent({cpu_stats: cpu(100, 1000, 2), precpu_stats: cpu(5000, 900, 2)}), undefined);
	assert.equal(cpuPercent({cpu_stats: cpu(100, 1000, 2), precpu_stats: cpu(50, 1000, 2)}), undefined);
	assert.equal(cpuPercent({}), undefined);
});

test('memory used subtracts total_inactive_file on cgroup v1', () => {
	assert.equal(memoryUsed({memory_stats: {usage: 10_000, stats: {total_inactive_file: 4000, inactive_file: 1000}}}), 6000);
});

test('memory used subtracts inactive_file on cgroup v2', () => {
	assert.equal(memoryUsed({memory_stats: {usage: 10_000, stats: {inactive_file: 1000}}}), 9000);
});

test('memory used is the raw usage when the cache figure is missing or larger', () => {
	assert.equal(memoryUsed({memory_stats: {usage: 10_000}}), 10_000);
	assert.equal(memoryUsed({memory_stats: {usage: 10_000, stats: {inactive_file: 20_000}}}), 10_000);
	assert.equal(memoryUsed({memory_stats: {}}), undefined);
});

test('network and block totals add every interface and device', () => {
	assert.deepEqual(networkTotals({networks: {eth0: {rx_bytes: 10, tx_bytes: 1}, eth1: {rx_bytes: 5, tx_bytes: 2}}}), {rx: 15, tx: 3});
	assert.deepEqual(blockTotals({blkio_stats: {io_service_bytes_recursive: [
		{op: 'Read', value: 100}, {op: 'Write', value: 7}, {op: 'read', value: 1}, {op: 'Total', value: 108},
	]}}), {read: 101, write: 7});
	assert.deepEqual(blockTotals({blkio_stats: {io_service_bytes_recursive: null}}), {read: 0, write: 0});
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {StatsSample} from '../../source/engine/streams/stats.js';
import {statsTable, toStatsRecord} from '../../source/commands/stats-record.js';

const sample: StatsSample = {
	id: '0123456789abcdef0123', time: 1, cpuPercent: 99.456, memoryUsed: 50_331_648.4, memoryLimit: 1_073_741_824,
	netRx: 2048, netTx: 10, blockRead: 0, blockWrite: 4096, pids: 3,
};

test('a record has the documented names, numbers rounded sensibly, null for what is not known', () => {
	assert.deepEqual(toStatsRecord('web', sample), {
		id: '0123456789abcdef0123', name: 'web', cpuPercent: 99.46, memoryUsedBytes: 50_331_648, memoryLimitBytes: 1_073_741_824,
		netRxBytes: 2048, netTxBytes: 10, blockReadBytes: 0, blockWriteBytes: 4096, pids: 3,
	});
	const unknown = toStatsRecord('new', {...sample, cpuPercent: undefined, memoryUsed: undefined, pids: undefined});
	assert.equal(unknown.cpuPercent, null);
	assert.equal(unknown.memoryUsedBytes, null);
	assert.equal(JSON.stringify(unknown).includes('NaN'), false);
});

test('the table reads like docker stats, columns aligned, wide names measured in columns', () => {
	const table = statsTable([toStatsRecord('web', sample), toStatsRecord('数据库', {...sample, id: 'ffffffffffffffff', cpuPercent: undefined})]);
	assert.deepEqual(table.split('\n'), [
		'CONTAINER ID   NAME     CPU %   MEM USAGE / LIMIT   MEM %   NET I/O         BLOCK I/O      PIDS',
		'0123456789ab   web      99.5%   48.0MiB / 1.00GiB    4.7%   2.00KiB / 10B   0B / 4.00KiB      3',
		'ffffffffffff   数据库       -   48.0MiB / 1.00GiB    4.7%   2.00KiB / 10B   0B / 4.00KiB      3',
	]);
});

test('host totals add every container against the host\'s CPUs and memory', async () => {
	const {hostTotalsText} = await import('../../source/shell/host-totals.js');
	const stats = new Map([
		['a', {...sample, id: 'a', cpuPercent: 100.2, memoryUsed: 512 * 1024 * 1024}],
		['b', {...sample, id: 'b', cpuPercent: undefined, memoryUsed: 512 * 1024 * 1024}],
		['c', {...sample, id: 'c', cpuPercent: 20, memoryUsed: undefined}],
	]);
	assert.deepEqual(hostTotalsText(stats, {cpus: 2, memoryBytes: 8 * 1024 ** 3, images: 1, volumes: 3}), [
		'CPU 120%/200% · mem 1.00GiB/8.00GiB · 1 image · 3 volumes',
		'CPU 120%/200% · mem 1.00GiB/8.00GiB',
	]);
	assert.deepEqual(hostTotalsText(new Map(), undefined), ['CPU 0.0% · mem 0B']);
	// The source is named while the usage fits beside it; the usage alone is the last resort.
	assert.deepEqual(hostTotalsText(stats, {cpus: 2, memoryBytes: 8 * 1024 ** 3, images: 1, volumes: 3}, 'stats: cgroup'), [
		'CPU 120%/200% · mem 1.00GiB/8.00GiB · 1 image · 3 volumes · stats: cgroup',
		'CPU 120%/200% · mem 1.00GiB/8.00GiB · stats: cgroup',
		'CPU 120%/200% · mem 1.00GiB/8.00GiB',
	]);
	assert.deepEqual(hostTotalsText(new Map(), undefined, 'stats: engine'), ['CPU 0.0% · mem 0B · stats: engine', 'CPU 0.0% · mem 0B']);
});

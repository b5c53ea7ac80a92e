import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ContainerHistory} from '../../source/engine/streams/stats-history.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';
import {chartGrid, detailCharts, limitsLine} from '../../source/features/detail/detail-model.js';

const sample = (time: number, cpuPercent: number, over: Partial<StatsSample> = {}): StatsSample => ({
	id: 'c', time, cpuPercent, memoryUsed: 10 * 1024 * 1024, memoryLimit: 64 * 1024 * 1024,
	netRx: time, netTx: 0, blockRead: 0, blockWrite: 0, pids: 2, ...over,
});
const limits = {cpus: 0.8, cpuShares: undefined, memoryBytes: 64 * 1024 * 1024, pidsLimit: 100, restartCount: 1, restartPolicy: 'always', startedAt: undefined};

test('charts say now and peak; a CPU limit is the axis even when sampling jitter goes past it', () => {
	const history = new ContainerHistory(600);
	for (let i = 0; i < 10; i++) history.push(sample(1000 * (i + 1), i === 5 ? 80.8 : 40));
	const [cpu, memory, net] = detailCharts(history, sample(10_000, 40), limits, 120);
	assert.equal(cpu?.summary, 'now 40.0% · peak 80.8% · limit 80.0%');
	assert.equal(cpu?.maxTop, 80);
	assert.equal(memory?.series.length, 2, 'used and the limit');
	assert.match(net?.summary ?? '', /^rx 1000B\/s · tx 0B\/s/);
});

test('the window keeps only recent samples; the limits line names what numbers are relative to', () => {
	const history = new ContainerHistory(600);
	for (let i = 0; i < 100; i++) history.push(sample(1000 * (i + 1), i));
	const [cpu] = detailCharts(history, undefined, undefined, 30);
	assert.equal(cpu?.series[0]?.length, 30);
	assert.equal(limitsLine(limits, sample(1, 1), 8 * 1024 ** 3), 'PIDs 2 / 100 · restarts 1 (policy always) · CPU limit 0.8 CPUs · memory limit 64.0MiB');
	assert.equal(limitsLine({...limits, cpus: undefined, memoryBytes: undefined, cpuShares: 512, pidsLimit: undefined}, undefined, 8 * 1024 ** 3),
		'PIDs - · restarts 1 (policy always) · CPU limit none, shares 512 · memory limit none (host 8.00GiB)');
});

test('the chart grid fits the room: two columns when wide, none when there is no room', () => {
	assert.deepEqual(chartGrid(120, 40), {columns: 2, chartHeight: 19});
	assert.deepEqual(chartGrid(70, 30), {columns: 1, chartHeight: 6});
	assert.equal(chartGrid(50, 8).chartHeight, 0);
});

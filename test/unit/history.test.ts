import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ContainerHistory} from '../../source/engine/streams/stats-history.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';

const sample = (time: number, over: Partial<StatsSample> = {}): StatsSample => ({
	id: 'c1', time, cpuPercent: 50, memoryUsed: 1000, memoryLimit: 4000,
	netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 3, ...over,
});

test('rates are bytes per second between two samples of one stream; the first is unknown', () => {
	const history = new ContainerHistory(10);
	assert.equal(history.push(sample(1000, {netRx: 100})).netRx, undefined);
	const second = history.push(sample(3000, {netRx: 2100, netTx: 50, blockRead: 4000, blockWrite: 10}));
	assert.deepEqual(
		[second.netRx, second.netTx, second.blockRead, second.blockWrite],
		[1000, 25, 2000, 5],
	);
	assert.deepEqual(history.series('netRx'), [Number.NaN, 1000]);
});

test('after a restart the counters start again: no negative rate and no spike, CPU unknown until two samples', () => {
	const history = new ContainerHistory(10);
	history.push(sample(1000, {netRx: 5_000_000}));
	history.push(sample(2000, {netRx: 5_001_000}));
	// Counters went down: the same stream saw a restart.
	const dropped = history.push(sample(3000, {netRx: 10, cpuPercent: undefined}));
	assert.equal(dropped.netRx, undefined);
	assert.equal(dropped.cpu, undefined);
	// A new stream after the container came back: its counters may already be above the old ones.
	history.breakStream();
	const first = history.push(sample(10_000, {netRx: 9_000_000}));
	assert.equal(first.netRx, undefined);
	const next = history.push(sample(11_000, {netRx: 9_000_500}));
	assert.equal(next.netRx, 500);
	for (const value of history.series('netRx')) assert.ok(Number.isNaN(value) || value >= 0);
});

test('a paused container reads 0 B/s and 0% CPU, not NaN', () => {
	const history = new ContainerHistory(10);
	history.push(sample(1000, {netRx: 100, cpuPercent: 0}));
	const paused = history.push(sample(2000, {netRx: 100, cpuPercent: 0}));
	assert.equal(paused.netRx, 0);
	assert.equal(paused.cpu, 0);
});

test('out-of-order or same-time samples give unknown rates rather than infinities', () => {
	const history = new ContainerHistory(10);
	history.push(sample(2000, {netRx: 100}));
	assert.equal(history.push(sample(2000, {netRx: 200})).netRx, undefined);
	assert.equal(history.push(sample(1000, {netRx: 300})).netRx, undefined);
});

test('history is bounded: the oldest samples go, series and tail read oldest first', () => {
	const history = new ContainerHistory(3);
	for (let i = 1; i <= 5; i++) history.push(sample(i * 1000, {cpuPercent: i * 10}));
	assert.equal(history.size, 3);
	assert.deepEqual(history.series('cpu'), [30, 40, 50]);
	assert.deepEqual(history.series('cpu', 4000), [40, 50]);
	assert.deepEqual(history.tail('cpu', 2), [40, 50]);
	assert.deepEqual(history.tail('cpu', 10), [30, 40, 50]);
	assert.equal(history.latest()?.cpu, 50);
	assert.equal(history.latestTime(), 5000);
	assert.throws(() => new ContainerHistory(0), /positive integer/);
});

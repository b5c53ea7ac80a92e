import assert from 'node:assert/strict';
import {test} from 'node:test';
import {StatsHub} from '../../source/engine/streams/stats-hub.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';

const sample = (id: string, time: number, cpuPercent = 10): StatsSample => ({
	id, time, cpuPercent, memoryUsed: 1, memoryLimit: 2, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1,
});

/** A fake stream per id that the test feeds by hand, so timing is the test's. */
function feeds() {
	const queues = new Map<string, {push: (s: StatsSample) => void; end: () => void}>();
	const opened: string[] = [];
	const source = (id: string, signal: AbortSignal): AsyncIterable<StatsSample> => {
		opened.push(id);
		const items: StatsSample[] = [];
		let wake: (() => void) | undefined;
		let ended = false;
		queues.set(id, {push: s => { items.push(s); wake?.(); }, end: () => { ended = true; wake?.(); }});
		signal.addEventListener('abort', () => { ended = true; wake?.(); });
		return (async function* () {
			for (;;) {
				while (items.length > 0) yield items.shift() as StatsSample;
				if (ended) return;
				await new Promise<void>(resolve => (wake = resolve));
			}
		})();
	};
	return {source, opened, feed: (id: string) => queues.get(id)};
}
const tick = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

test('a burst of samples from many containers becomes one notification', async () => {
	const {source, feed} = feeds();
	const hub = new StatsHub(undefined, {source, flushDelayMs: 30, minFlushIntervalMs: 100});
	let flushes = 0;
	hub.subscribe(() => flushes++);
	const ids = Array.from({length: 20}, (_, i) => `c${i}`);
	hub.setRunning(ids);
	await tick(5);
	for (const id of ids) feed(id)?.push(sample(id, 1000));
	await tick(60);
	assert.equal(flushes, 1);
	assert.equal(hub.latest.size, 20);
	const before = hub.latest;
	// Samples arriving inside the minimum interval wait for the next flush.
	feed('c1')?.push(sample('c1', 2000, 99));
	await tick(20);
	assert.equal(flushes, 1);
	assert.equal(hub.latest, before, 'readers keep a stable map between flushes');
	await tick(120);
	assert.equal(flushes, 2);
	assert.equal(hub.latest.get('c1')?.cpuPercent, 99);
	assert.deepEqual(hub.history('c1')?.series('cpu'), [10, 99]);
	hub.close();
});

test('a stream that ends while the container is still running is opened again (a quick restart)', async () => {
	const {source, feed, opened} = feeds();
	const hub = new StatsHub(undefined, {source, flushDelayMs: 5, minFlushIntervalMs: 5});
	hub.setRunning(['a']);
	await tick(5);
	feed('a')?.push(sample('a', 1000));
	await tick(5);
	feed('a')?.end();
	await tick(700);
	assert.deepEqual(opened, ['a', 'a']);
	hub.close();
});

test('stopped containers lose their stream and latest sample, and only a few stopped histories are kept', async () => {
	const {source, feed} = feeds();
	const hub = new StatsHub(undefined, {source, flushDelayMs: 5, minFlushIntervalMs: 5, keepStopped: 1});
	hub.setRunning(['a', 'b', 'c']);
	await tick(5);
	for (const [index, id] of ['a', 'b', 'c'].entries()) feed(id)?.push(sample(id, 1000 + index));
	await tick(20);
	assert.equal(hub.latest.size, 3);
	hub.setRunning(['c']);
	await tick(20);
	assert.deepEqual([...hub.latest.keys()], ['c']);
	// b stopped last, so it is the one history kept besides the running one.
	assert.equal(hub.history('a'), undefined);
	assert.ok(hub.history('b'));
	assert.ok(hub.history('c'));
	hub.close();
});

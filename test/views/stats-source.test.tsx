// Which source the stats come from, against the in-memory engine: the header
// names it, and when the local collector cannot serve, the status line says why
// once while the engine's streams keep the numbers coming.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {openApp} from '../support/render-app.js';

function busy(engine: InMemoryEngine): void {
	engine.addContainer({name: 'api', image: 'shop/api:2', stats: {cpuPercent: 42, memoryUsed: 100 * 1024 ** 2, pids: 7, netRx: 0, netTx: 0}});
}

test('auto on a host whose /proc shows no cgroups: the engine\'s streams serve, the header says so and the status line why', async t => {
	const {app} = await openApp(t, busy, {columns: 200, rows: 12, engine: {statsIntervalMs: 100}, statsSource: {mode: 'auto', procRoot: '/nonexistent-proc'}});
	await app.waitFor(/CPU 42\.0%\/\d+% · mem 100MiB\/[\d.]+GiB · \d+ images? · \d+ volumes? · stats: engine/);
	await app.waitFor(/Stats from the engine's streams: \/nonexistent-proc\/self\/mountinfo cannot be read/);
	await app.waitFor(/api .*42\.0%/);
});

test('--stats-source engine: named in the header, no reason given (it was asked for)', async t => {
	const {app} = await openApp(t, busy, {columns: 200, rows: 12, engine: {statsIntervalMs: 100}, statsSource: {mode: 'engine'}});
	const frame = await app.waitFor(/stats: engine/);
	assert.doesNotMatch(frame, /Stats from the engine's streams/);
	await app.waitFor(/api .*42\.0%/);
	assert.doesNotMatch(app.frame(), /Stats from/);
});

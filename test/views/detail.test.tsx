// The detail pane (Enter on a container) against the in-memory engine: the
// limits line from inspect, the live charts from the stats stream, the chart
// window keys, the health panel, and a container that stops or goes.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const mib = 1024 ** 2;

function limited(engine: InMemoryEngine): void {
	engine.addContainer({
		name: 'api', image: 'shop/api:2', memoryLimit: 512 * mib, cpus: 1.5, restartPolicy: 'on-failure:3', restartCount: 2,
		stats: {cpuPercent: 42, memoryUsed: 100 * mib, pids: 7, netRx: 2048, netTx: 1024},
	});
}

test('Enter shows the limits from inspect and charts fed by the stats stream', async t => {
	const {app} = await openApp(t, limited, {engine: {statsIntervalMs: 100}});
	await app.waitFor(/● api/);
	await app.press(keys.enter);
	let frame = await app.waitFor(/● api {2}Up 30 minutes {2}shop\/api:2 {2}· window 2m \(\[ \] change\)/);
	frame = await app.waitFor(/PIDs 7 · restarts 2 \(policy on-failure:3\) · CPU limit 1\.5 CPUs · memory limit 512MiB/);
	frame = await app.waitFor(/CPU {2}now 42\.0%/);
	assert.match(frame, /CPU {2}now 42\.0% · peak 42\.0% · limit 150%/);
	assert.match(frame, /Memory used limit {2}now 100MiB \/ 512MiB \(19\.5%\)/);
	assert.match(frame, /Network rx tx/);
	assert.match(frame, /Block I\/O read write/);
});

test('] and [ widen and narrow the chart window; Esc goes back to the list', async t => {
	const {app} = await openApp(t, limited);
	await app.waitFor(/● api/);
	await app.press(keys.enter, ']');
	await app.waitFor(/window 5m/);
	await app.press(']', ']');
	await app.waitFor(/window 10m/);
	await app.press('[', '[', '[', '[', '[');
	await app.waitFor(/window 30s/);
	await app.press(keys.escape);
	await app.waitFor(/Containers 1\/1/);
});

test('a stopped container has no samples, and says so instead of waiting for them', async t => {
	const {app} = await openApp(t, engine => engine.addContainer({name: 'done', state: 'exited', exitCode: 3}));
	await app.waitFor(/○ done/);
	await app.press(keys.enter);
	const frame = await app.waitFor(/PIDs - · restarts 0 \(policy no\)/);
	assert.match(frame, /○ done {2}Exited \(3\) 10 minutes ago/);
	assert.match(frame, /no samples: not running/);
});

test('a container with a health check shows its last results, and a new result as the engine reports it', async t => {
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api', health: 'healthy'});
		engine.setHealth('api', 'healthy', 'ok 1');
	});
	await app.waitFor(/● api/);
	await app.press(keys.enter);
	let frame = await app.waitFor(/exit 0 .* ok 1/);
	assert.match(frame, /Health api {2}healthy/);
	assert.match(frame, /Check {2}\/bin\/sh -c true · every 2s · timeout 30s · 3 retries/);
	engine.setHealth('api', 'unhealthy', 'connection refused');
	frame = await app.waitFor(/exit 1 .* connection refused/);
	assert.match(frame, /Health api {2}unhealthy {2}failing 1×/);
});

test('a container removed while it is shown is said to be gone', async t => {
	const {engine, app} = await openApp(t, limited);
	await app.waitFor(/● api/);
	await app.press(keys.enter);
	await app.waitFor(/· window 2m/);
	engine.act('api', 'remove');
	await app.waitFor(/✗ api {2}gone \(removed\)/);
});

// The container inspect pane (i on a container) against the in-memory engine:
// its four views, the secret masking, search and refresh.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function described(engine: InMemoryEngine): void {
	engine.addContainer({
		name: 'api', image: 'shop/api:2', env: ['MODE=production', 'DB_PASSWORD=hunter2'], restartPolicy: 'on-failure:3', restartCount: 1, health: 'healthy',
		processes: [['root', '101', '1', '0', '10:00', '?', '00:00:01', 'node server.js'], ['root', '140', '101', '0', '10:01', '?', '00:00:00', 'sh -c backup']],
		changes: [{path: '/tmp/cache', kind: 1}, {path: '/etc/hosts', kind: 0}],
	});
}

async function openInspect(t: Parameters<typeof openApp>[0]) {
	const fixture = await openApp(t, described, {columns: 130});
	await fixture.app.waitFor(/● api/);
	await fixture.app.press('i');
	await fixture.app.waitFor(/api {2}\[1 Inspect\] +2 Processes +3 Changes +4 Restart & health/);
	return fixture;
}

test('i shows the engine\'s inspect document with secret-looking env values masked; v reveals and masks them', async t => {
	const {app} = await openInspect(t);
	// The document is longer than the screen: the search brings the environment into view.
	await app.press('/');
	await app.type('DB_PASS\r');
	let frame = await app.waitFor(/DB_PASSWORD=••••••/);
	assert.match(frame, /MODE=production/);
	assert.doesNotMatch(frame, /hunter2/);
	assert.match(frame, /v reveals secrets/);
	await app.press('v');
	frame = await app.waitFor(/DB_PASSWORD=hunter2/);
	assert.match(frame, /Secret-looking env values are shown\./);
	await app.press('v');
	await app.waitFor(/DB_PASSWORD=••••••/);
});

test('2, 3 and 4 show processes, filesystem changes and restart and health; Tab goes round them', async t => {
	const {app} = await openInspect(t);
	await app.press('2');
	let frame = await app.waitFor(/\[2 Processes\]/);
	frame = await app.waitFor(/UID +PID +PPID .*CMD/);
	assert.match(frame, /root +101 +1 .*node server\.js/);
	assert.match(frame, /root +140 +101 .*sh -c backup/);
	await app.press('3');
	frame = await app.waitFor(/2 changes \(A added, C changed, D deleted\):/);
	assert.match(frame, /C \/etc\/hosts\n.*A \/tmp\/cache/);
	await app.press('4');
	frame = await app.waitFor(/Restart policy: {2}on-failure \(at most 3 retries\)/);
	assert.match(frame, /Restarts so far: 1/);
	assert.match(frame, /Health check: {4}CMD-SHELL true/);
	assert.match(frame, /Health: {10}healthy/);
	await app.press(keys.tab);
	await app.waitFor(/\[1 Inspect\]/);
	await app.press(keys.tab);
	await app.waitFor(/\[2 Processes\]/);
});

test('processes of a stopped container: the engine refuses, and the pane says why', async t => {
	const {engine, app} = await openInspect(t);
	engine.act('api', 'stop');
	await app.press('2');
	await app.waitFor(/is not running/);
});

test('/ searches the document and counts matches; r reads it again from the engine', async t => {
	const {engine, app} = await openInspect(t);
	await app.press('4');
	await app.waitFor(/Restarts so far: 1/);
	engine.crash('api', 1);
	await app.press('r');
	await app.waitFor(/Restarts so far: 2/);
	await app.press('1');
	await app.waitFor(/^Id: /m);
	await app.press('/');
	await app.type('Running');
	await app.press(keys.enter);
	await app.waitFor(/\/Running: \d+ match/);
	await app.press(keys.escape);
	await app.press(keys.escape);
	await app.waitFor(/Containers 1\/1/);
});

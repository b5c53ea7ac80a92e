// Alerts against the in-memory engine: what the engine's events raise (a
// crash, the OOM killer, a failing health check, a restart loop, the engine
// going away) and what they do not (a stop someone asked for); the toast and
// the header's badge; the alert list's keys.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function services(engine: InMemoryEngine): void {
	engine.addContainer({name: 'api', health: 'healthy'});
	engine.addContainer({name: 'jobs', restartPolicy: 'always'});
	engine.addContainer({name: 'db'});
}

async function openServices(t: Parameters<typeof openApp>[0]) {
	const fixture = await openApp(t, services, {columns: 120});
	await fixture.app.waitFor(/● jobs/);
	// The alert watch subscribes once the event stream is up: an event before that is history it never asks for.
	await fixture.app.until(() => fixture.engine.requests.some(request => request.startsWith('GET /events')), 'the event stream opened');
	return fixture;
}

test('a container that exits non-zero on its own raises a toast and a badge; ! opens the list and clears the badge', async t => {
	const {engine, app} = await openServices(t);
	engine.crash('db', 1);
	let frame = await app.waitFor(/ ! exit {2}\d\d:\d\d:\d\d db exited with code 1 \(general error\) {2}\(! alerts\)/);
	assert.match(frame, /! 1 {2}● 2 running/);
	await app.press('!');
	frame = await app.waitFor(/Alerts 1 {2}bell off \(b\)/);
	assert.match(frame, /db exited with code 1 \(general error\)/);
	// Seen, so the badge goes.
	await app.waitFor(frame => !/! 1 {2}●/.test(frame));
});

test('a stop or a kill someone asked for raises nothing; the OOM killer and a failing health check do', async t => {
	const {engine, app} = await openServices(t);
	engine.act('db', 'stop');
	engine.act('jobs', 'kill');
	await app.waitFor(/○ jobs/);
	engine.crash('api', 137, {oom: true});
	engine.act('api', 'start');
	engine.setHealth('api', 'unhealthy', 'connection refused');
	await app.press('!');
	const frame = await app.waitFor(/Alerts 2 /);
	assert.match(frame, /api is unhealthy: its health check keeps failing/);
	assert.match(frame, /api was killed: out of memory \(hit its memory limit\)/);
	assert.doesNotMatch(frame, /db|jobs/);
});

test('a container its restart policy keeps starting again is a restart loop', async t => {
	const {engine, app} = await openServices(t);
	for (let crash = 0; crash < 3; crash++) engine.crash('jobs', 2);
	await app.press('!');
	const frame = await app.waitFor(/jobs is restarting in a loop: 3 restarts in 1 min/);
	assert.match(frame, /jobs exited with code 2 \(misuse of a shell builtin\)/);
	assert.equal(engine.container('jobs')?.restartCount, 3);
});

test('under an unhealthy alert the list shows the container\'s health check and its last results', async t => {
	const {engine, app} = await openServices(t);
	engine.setHealth('api', 'unhealthy', 'connection refused');
	await app.press('!');
	const frame = await app.waitFor(/exit 1 .*connection refused/);
	assert.match(frame, /Health api {2}unhealthy {2}failing 1×/);
});

test('Enter opens the logs, c the container in the list, E its events; b turns the bell on, x clears the list', async t => {
	const {engine, app} = await openServices(t);
	engine.log('db', 'panic: out of cheese');
	engine.crash('db', 1);
	await app.waitFor(/db exited/);
	await app.press('!');
	await app.waitFor(/Alerts 1/);
	await app.press(keys.enter);
	await app.waitFor(/panic: out of cheese/);
	await app.press(keys.escape);
	await app.waitFor(/Alerts 1/);
	await app.press('c');
	await app.waitFor(/Containers 3\/3/);
	// The list may still be re-reading after the crash: the row is db's, stopped, once it has.
	await app.waitFor(() => /^○ db/.test(app.selected() ?? ''));
	await app.press(keys.escape);
	await app.waitFor(/Alerts 1/);
	await app.press('E');
	await app.waitFor(/Events \d+ {2}since 15m {2}name=db/);
	await app.waitFor(/container +die +db/);
	await app.press(keys.escape);
	await app.waitFor(/Alerts 1/);
	await app.press('b');
	await app.waitFor(/bell on \(b\)/);
	assert.match(app.frame(), /Bell on: new alerts ring the terminal bell\./);
	await app.press('x');
	await app.waitFor(/Alerts 0 .*\n[\s\S]*No alerts yet\./);
});

test('the engine going away is an alert of its own', async t => {
	const {engine, app} = await openServices(t);
	await engine.goAway();
	await app.waitFor(/ ! engine {2}\d\d:\d\d:\d\d Lost the Docker engine:/);
	await engine.comeBack();
});

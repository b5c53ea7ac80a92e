// The containers pane against the in-memory engine: what it lists and how,
// its view keys, and each action key with what the engine holds afterwards.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

/** Five containers, one in each state the list tells apart. */
function fleet(engine: InMemoryEngine): void {
	engine.addContainer({name: 'api', health: 'healthy', image: 'shop/api:2', ports: [{private: 8080, public: 80}]});
	engine.addContainer({name: 'worker', health: 'unhealthy', image: 'shop/worker:2'});
	engine.addContainer({name: 'cache', state: 'paused', image: 'redis:7'});
	engine.addContainer({name: 'old', state: 'exited', exitCode: 1, volumes: [{name: 'old-data', destination: '/data'}]});
	engine.addContainer({name: 'fresh', state: 'created'});
}

/** The row of each name, in the order the frame shows them. */
function order(frame: string, names: readonly string[]): string[] {
	const rows = frame.split('\n').filter(line => /^[●‖○◌↻✗] /.test(line) || /^[●‖○◌↻✗]\*/.test(line));
	return rows.map(row => names.find(name => new RegExp(`^..${name}\\b`).test(row)) ?? '?');
}

const names = ['api', 'worker', 'cache', 'old', 'fresh'];

test('lists running and paused containers first, with status words, health, ports and the header counts', async t => {
	const {app} = await openApp(t, fleet, {columns: 140});
	const frame = await app.waitFor(/fresh/);
	assert.deepEqual(order(frame, names), ['api', 'cache', 'worker', 'fresh', 'old']);
	assert.match(frame, /● 2 running {2}‖ 1 paused {2}○ 2 stopped/);
	assert.match(frame, /Containers 5\/5 {2}sort: running first/);
	assert.match(frame, /NAME +IMAGE +STATUS +HEALTH +PORTS +CPU +MEMORY/);
	assert.match(frame, /● api +shop\/api:2 +Up 30 minutes +healthy +0\.0\.0\.0:80->8080\/tcp/);
	assert.match(frame, /● worker +shop\/worker:2 +Up 30 minutes +unhealthy/);
	assert.match(frame, /‖ cache +redis:7 +Paused · up 30 minutes/);
	assert.match(frame, /○ old +busybox:latest +Exited \(1\) 10 minutes ago/);
	assert.match(frame, /◌ fresh +busybox:latest +Created/);
});

test('an engine with no containers says so, and a container started elsewhere appears', async t => {
	const {engine, app} = await openApp(t, () => undefined);
	await app.waitFor(/No containers\. Start one and it appears here\./);
	assert.match(app.frame(), /● 0 running {2}○ 0 stopped/);
	engine.addContainer({name: 'late', state: 'created'});
	engine.act('late', 'start');
	await app.waitFor(/● late +busybox:latest +Up Less than a second/);
	assert.match(app.frame(), /● 1 running {2}○ 0 stopped/);
});

test('N, S, C and M sort by name, state, CPU and memory; the same key again reverses', async t => {
	const {engine, app} = await openApp(t, fleet, {engine: {statsIntervalMs: 100}});
	engine.setStats('api', {cpuPercent: 12, memoryUsed: 300 * 1024 ** 2});
	engine.setStats('worker', {cpuPercent: 85, memoryUsed: 20 * 1024 ** 2});
	await app.waitFor(/85\.0%/);
	await app.press('N');
	let frame = await app.waitFor(/sort: name ↑/);
	assert.deepEqual(order(frame, names), ['api', 'cache', 'fresh', 'old', 'worker']);
	await app.press('N');
	frame = await app.waitFor(/sort: name ↓/);
	assert.deepEqual(order(frame, names), ['worker', 'old', 'fresh', 'cache', 'api']);
	await app.press('S');
	frame = await app.waitFor(/sort: state/);
	assert.deepEqual(order(frame, names), ['api', 'worker', 'cache', 'fresh', 'old']);
	await app.press('C');
	frame = await app.waitFor(/sort: CPU ↓/);
	assert.deepEqual(order(frame, names).slice(0, 2), ['worker', 'api']);
	await app.press('M');
	frame = await app.waitFor(/sort: memory ↓/);
	assert.deepEqual(order(frame, names).slice(0, 2), ['api', 'worker']);
});

test('/ filters by name, image or project as it is typed; Enter keeps it, Esc clears it; a hides stopped ones', async t => {
	const {app} = await openApp(t, engine => {
		fleet(engine);
		engine.addContainer({name: 'billing', labels: {'com.docker.compose.project': 'shop'}});
	});
	await app.waitFor(/fresh/);
	await app.press('/', 'w', 'o');
	let frame = await app.waitFor(/filter: wo/);
	assert.deepEqual(order(frame, [...names, 'billing']), ['worker']);
	assert.match(frame, /^\/wo .*Enter keep/m);
	await app.press(keys.backspace, keys.backspace);
	await app.type('shop');
	frame = await app.waitFor(/filter: shop/);
	assert.deepEqual(order(frame, [...names, 'billing']), ['api', 'billing', 'worker']);
	await app.press(keys.enter);
	await app.waitFor(frame => !/^\/shop/m.test(frame) && /filter: shop/.test(frame));
	await app.press('/', 'z', 'z', 'z', keys.enter);
	await app.waitFor(/No container matches "shopzzz"\./);
	await app.press(keys.escape);
	frame = await app.waitFor(/Containers 6\/6 {2}sort/);
	await app.press('a');
	frame = await app.waitFor(/running only/);
	assert.deepEqual(order(frame, [...names, 'billing']), ['api', 'billing', 'cache', 'worker']);
	assert.match(frame, /Showing running containers only\./);
});

test('j, k, G and g move the selection; Enter opens the detail of the selected container', async t => {
	const {app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	assert.match(app.selected() ?? '', /^● api/);
	await app.press('j', 'j');
	assert.match(app.selected() ?? '', /^● worker/);
	await app.press('G');
	assert.match(app.selected() ?? '', /^○ old/);
	await app.press('k');
	assert.match(app.selected() ?? '', /^◌ fresh/);
	await app.press('g', keys.down, keys.enter);
	await app.waitFor(/‖ cache {2}Up 30 minutes \(Paused\) {2}redis:7 {2}· window/);
	await app.press(keys.escape);
	await app.waitFor(/Containers 5\/5/);
	assert.match(app.selected() ?? '', /^‖ cache/, 'back on the row it left');
});

test('s stops a running container and starts a stopped one; the row follows the engine\'s events', async t => {
	const {engine, app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	await app.press('s');
	await app.until(() => engine.container('api')?.state === 'exited', 'api stopped');
	await app.waitFor(/○ api +shop\/api:2 +Exited \(0\) (Less than a second|\d seconds?) ago/);
	assert.match(app.frame(), /Stopped api\./);
	assert.match(app.frame(), /● 1 running {2}‖ 1 paused {2}○ 3 stopped/);
	assert.deepEqual(engine.events.filter(event => event.Actor.Attributes['name'] === 'api').map(event => event.Action), ['kill', 'die', 'stop']);
	// The stopped row moved below the running ones; select it again and start it.
	await app.press('/', 'a', 'p', 'i', keys.enter, 's');
	await app.until(() => engine.container('api')?.state === 'running', 'api started');
	await app.waitFor(/Started api\./);
	await app.waitFor(/● api +shop\/api:2 +Up Less than a second/);
});

test('r restarts, p pauses and unpauses, K kills the selected container', async t => {
	const {engine, app} = await openApp(t, engine => engine.addContainer({name: 'api', startedAgoMs: 3_600_000 * 5}));
	await app.waitFor(/Up 5 hours/);
	await app.press('r');
	await app.waitFor(/Restarted api\./);
	await app.waitFor(/Up Less than a second/);
	assert.ok(engine.events.some(event => event.Action === 'restart'));
	await app.press('p');
	await app.waitFor(/‖ api +busybox:latest +Paused/);
	assert.equal(engine.container('api')?.state, 'paused');
	await app.press('p');
	await app.waitFor(/Unpaused api\./);
	assert.equal(engine.container('api')?.state, 'running');
	await app.press('K');
	await app.waitFor(/Kill api: which signal\?/);
	await app.press(keys.enter);
	await app.waitFor(/○ api +busybox:latest +Exited \(137\)/);
	assert.equal(engine.container('api')?.exitCode, 137);
	assert.match(app.frame(), /Sent SIGKILL to api\./);
});

test('an action the state does not allow is refused in words, and the engine is not asked', async t => {
	const {engine, app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	await app.press('G', 'p');
	await app.waitFor(/Cannot pause old: it is exited\./);
	await app.press('K');
	await app.waitFor(/Cannot kill old: it is exited\./);
	assert.equal(engine.requests.filter(request => request.startsWith('POST')).length, 0);
});

test('d asks first: n keeps it, f and v switch force and volumes, y removes; a running one needs force', async t => {
	const {engine, app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	await app.press('G', 'd');
	let frame = await app.waitFor(/Remove container old\?/);
	assert.match(frame, /\[ \] f {2}force: kill it first if it is running/);
	assert.match(frame, /\[ \] v {2}also remove its anonymous volumes/);
	await app.press('n');
	await app.waitFor(frame => !/Remove container old\?/.test(frame));
	assert.ok(engine.container('old'));
	await app.press('d', 'v');
	await app.waitFor(/\[x\] v {2}also remove/);
	await app.press('y');
	await app.until(() => engine.container('old') === undefined, 'old removed');
	await app.waitFor(/Removed old\./);
	await app.waitFor(frame => !/ old /.test(frame));

	await app.press('g', 'd');
	frame = await app.waitFor(/Remove container api\?/);
	assert.match(frame, /\[x\] f {2}force/, 'a running container is asked about with force on');
	await app.press('f');
	await app.waitFor(/\[ \] f {2}force: kill it first if it is running {2}\(it is running: needed\)/);
	await app.press('y');
	await app.waitFor(/Could not remove api: You cannot remove a running container/);
	assert.equal(engine.container('api')?.state, 'running');
	await app.press('d', keys.enter);
	await app.until(() => engine.container('api') === undefined, 'api removed by force');
	assert.deepEqual(engine.events.filter(event => event.Actor.Attributes['name'] === 'api').map(event => event.Action), ['kill', 'die', 'destroy']);
});

test('space marks containers and s, then d, act on all marked; Esc clears the marks', async t => {
	const {engine, app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	await app.press(' ', 'j', ' ');
	let frame = await app.waitFor(/2 marked: keys act on them/);
	assert.match(frame, /●\*api/);
	assert.match(frame, /●\*worker/);
	await app.press('s');
	await app.waitFor(/Stopped 2 containers: api, worker\./);
	assert.equal(engine.container('api')?.state, 'exited');
	assert.equal(engine.container('worker')?.state, 'exited');
	assert.equal(engine.container('cache')?.state, 'paused', 'an unmarked container is left alone');
	await app.press('d');
	frame = await app.waitFor(/Remove 2 containers\?/);
	assert.match(frame, /api, worker/);
	await app.press('y');
	await app.until(() => engine.containers.length === 3, 'both removed');
	await app.waitFor(frame => !/marked/.test(frame));
	await app.press(' ');
	await app.waitFor(/1 marked/);
	await app.press(keys.escape);
	await app.waitFor(frame => !/marked/.test(frame));
});

test('when the engine goes away the header and status line say so, and the list comes back with it', async t => {
	const {engine, app} = await openApp(t, fleet);
	await app.waitFor(/fresh/);
	await engine.goAway();
	let frame = await app.waitFor(/engine unreachable/);
	assert.match(frame, /Lost the engine, retrying…/);
	assert.match(frame, /● api/, 'the last list stays on screen');
	engine.addContainer({name: 'newcomer'});
	const sinceAway = engine.requests.length;
	await engine.comeBack();
	// The header says "reconnecting" until the link has held for a while (link-health.ts), not the counts at once.
	frame = await app.waitFor(frame => /newcomer/.test(frame) && !/engine unreachable/.test(frame), {timeoutMs: 15_000});
	assert.doesNotMatch(frame, /Lost the engine/);
	// Whether the engine is back is asked with the cheap GET /_ping, never /version.
	const after = engine.requests.slice(sinceAway);
	assert.ok(after.some(request => request === 'GET /_ping'), after.join('\n'));
	assert.ok(!after.some(request => request.startsWith('GET /version')), after.join('\n'));
});

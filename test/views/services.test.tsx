// The services pane (a ResourceSpec) against the in-memory engine as a Swarm
// manager: the list with replicas, update state and ports; Enter to the tasks;
// scale with its refusals before anything is sent; image update, forced
// restart, rollback and remove checked on the engine; and the one line an
// engine outside a Swarm, or a worker, shows instead.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function cluster(engine: InMemoryEngine): void {
	engine.setSwarm('manager');
	engine.addNode({hostname: 'worker-1'});
	engine.addService({name: 'web', replicas: 3, image: 'nginx:latest', ports: [{published: 8080, target: 80}], stack: 'shop'});
	engine.addService({name: 'agent', mode: 'global'});
	engine.addService({name: 'broken', replicas: 2, failWith: 'task: non-zero exit (1)'});
}

async function openServices(t: Parameters<typeof openApp>[0]) {
	const fixture = await openApp(t, cluster, {columns: 140});
	await fixture.app.type(':services\r');
	await fixture.app.waitFor(/Services 3\/3/);
	return fixture;
}

const updates = (engine: InMemoryEngine) => engine.requests.filter(request => /^POST \/services\/.+\/update/.test(request));

test('lists each service with its mode, running/desired replicas, image and published ports', async t => {
	const {app} = await openServices(t);
	const frame = app.frame();
	assert.match(frame, /NAME +MODE +REPLICAS +IMAGE +PORTS +UPDATE/);
	assert.match(frame, /● agent +global +2\/2 +busybox:latest/);
	assert.match(frame, /● broken +replicated +0\/2 +busybox:latest/);
	assert.match(frame, /● web +replicated +3\/3 +nginx:latest +8080:80\/tcp/);
	assert.doesNotMatch(frame, /sha256/);
});

test('Enter shows the service\'s tasks with their node and state, and a failed task\'s error', async t => {
	const {app} = await openServices(t);
	await app.press('j', keys.enter);
	const frame = await app.waitFor(/Tasks of broken 2\/2/);
	assert.match(frame, /✗ broken\.1 +\S+ +shutdown +failed: task: non-zero exit \(1\)/);
	assert.doesNotMatch(frame, /web\.1/);
	await app.press(keys.escape);
	await app.waitFor(/Services 3\/3/);
});

test('S scales: a non-number or a negative number is refused before anything is sent; a number is sent with the version just read', async t => {
	const {engine, app} = await openServices(t);
	await app.press('G', 'S');
	await app.waitFor(/Scale web \(now 3\)/);
	await app.press(keys.backspace);
	await app.type('many');
	await app.press(keys.enter);
	await app.waitFor(/"many" is not a number of replicas: type a whole number, 0 or more\./);
	for (let i = 0; i < 4; i++) await app.press(keys.backspace);
	await app.type('-2');
	await app.press(keys.enter);
	await app.waitFor(/-2 is negative: a service runs 0 or more replicas\./);
	assert.deepEqual(updates(engine), []);
	for (let i = 0; i < 2; i++) await app.press(keys.backspace);
	const version = engine.service('web')?.version;
	await app.type('5');
	await app.press(keys.enter);
	await app.waitFor(/Scaling web to 5\./);
	assert.equal(engine.service('web')?.spec.replicas, 5);
	assert.match(updates(engine)[0] ?? '', new RegExp(`version=${version}`));
	await app.waitFor(/● web +replicated +5\/5/);
});

test('S on a global service says it does not scale', async t => {
	const {app} = await openServices(t);
	await app.press('g', 'S');
	await app.waitFor(/agent is a global service: it runs where the engine places it and does not scale\./);
});

test('u updates the image; a missing image fails the tasks, the update pauses, and R rolls back', async t => {
	const {engine, app} = await openServices(t);
	await app.press('G', 'u');
	await app.waitFor(/Update web to another image/);
	for (let i = 0; i < 'nginx:latest'.length; i++) await app.press(keys.backspace);
	await app.type('nginx:missing');
	await app.press(keys.enter);
	await app.waitFor(/Updating web to nginx:missing/);
	assert.equal(engine.service('web')?.spec.image, 'nginx:missing');
	await app.waitFor(/▲ web +replicated +0\/3 +nginx:missing +8080:80\/tcp +paused: update paused due t/);
	await app.press(keys.enter);
	await app.waitFor(/rejected: No such image: nginx:missing/);
	await app.press(keys.escape);
	await app.waitFor(/▲ web/);
	await app.press('R');
	await app.waitFor(/Roll web back to its previous spec\?/);
	await app.press('y');
	await app.waitFor(/Rolling web back\./);
	assert.equal(engine.service('web')?.spec.image, 'nginx:latest');
	await app.waitFor(/● web +replicated +3\/3 +nginx:latest +8080:80\/tcp +rollback completed/);
});

test('r restarts every task with a forced update (ForceUpdate counts up); d removes after asking', async t => {
	const {engine, app} = await openServices(t);
	const before = engine.tasksOf('web').filter(task => task.state === 'running').map(task => task.id);
	await app.press('G', 'r');
	await app.waitFor(/Restart every task of web\?/);
	await app.press('y');
	await app.waitFor(/Restarting web's tasks\./);
	assert.equal(engine.service('web')?.spec.forceUpdate, 1);
	const after = engine.tasksOf('web').filter(task => task.state === 'running').map(task => task.id);
	assert.equal(after.length, 3);
	assert.ok(after.every(id => !before.includes(id)));
	await app.press('d');
	await app.waitFor(/Remove service web\?/);
	await app.press('y');
	await app.waitFor(/Removed service web\./);
	await app.waitFor(/Services 2\/2/);
	assert.equal(engine.service('web'), undefined);
});

test('R on a service never updated says there is nothing to roll back to', async t => {
	const {engine, app} = await openServices(t);
	await app.press('G', 'R');
	await app.waitFor(/web has not been updated: there is nothing to roll back to\./);
	assert.deepEqual(updates(engine), []);
});

test('an engine outside a Swarm says so in one line, with the command that turns it on; nothing fails', async t => {
	const {app} = await openApp(t, () => undefined, {columns: 140});
	await app.type(':services\r');
	const frame = await app.waitFor(/This engine is not in Swarm mode\. `docker swarm init` turns it on/);
	assert.doesNotMatch(frame, /could not list/);
	await app.type(':secrets\r');
	await app.waitFor(/Secrets 0\/0[^]*This engine is not in Swarm mode/);
});

test('a worker says to connect to a manager', async t => {
	const {app} = await openApp(t, engine => engine.setSwarm('worker'), {columns: 140});
	await app.type(':nodes\r');
	const frame = await app.waitFor(/This engine is a Swarm worker: only managers see the cluster\. Connect berth to a manager/);
	assert.doesNotMatch(frame, /could not list/);
});

test('l opens the service\'s logs, each line after its task and node, followed live; f filters them', async t => {
	const {engine, app} = await openApp(t, engine => {
		cluster(engine);
		engine.serviceLog('web', 'GET / 200', 1);
		engine.serviceLog('web', 'GET /health 200', 2);
	}, {columns: 140});
	await app.type(':services\r');
	await app.waitFor(/Services 3\/3/);
	await app.press('G', 'l');
	let frame = await app.waitFor(/web\.2@worker-1 GET \/health 200/);
	assert.match(frame, /service web/);
	assert.match(frame, /web\.1@in-memory GET \/ 200/);
	engine.serviceLog('web', 'POST /orders 201', 3);
	frame = await app.waitFor(/web\.3@in-memory POST \/orders 201/);
	await app.press('f');
	await app.type('orders\r');
	frame = await app.waitFor(frame => !/GET \/ 200/.test(frame) && /POST \/orders/.test(frame));
	assert.ok(engine.requests.some(request => /^GET \/services\/[^/]+\/logs\?.*details=true/.test(request)));
});

// The networks pane (a ResourceSpec) against the in-memory engine: the list
// with subnets and members, inspect, the create form with its driver choice,
// remove with its refusals, and the two pick actions, connect and disconnect.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function wired(engine: InMemoryEngine): void {
	engine.addNetwork({name: 'backend', subnet: '10.10.0.0/24', labels: {team: 'shop'}});
	engine.addNetwork({name: 'frontend', subnet: '10.20.0.0/24'});
	engine.addContainer({name: 'api', networks: ['backend']});
	engine.addContainer({name: 'db'});
}

async function openNetworks(t: Parameters<typeof openApp>[0]) {
	const fixture = await openApp(t, wired, {columns: 130});
	await fixture.app.waitFor(/● db/);
	await fixture.app.type(':networks\r');
	await fixture.app.waitFor(/Networks 5\/5/);
	return fixture;
}

/** Selects the row of a network by filtering to it. */
async function select(app: Awaited<ReturnType<typeof openNetworks>>['app'], name: string): Promise<void> {
	await app.press('/');
	await app.type(`${name}\r`);
	await app.waitFor(new RegExp(`Networks 1/5 {2}filter: ${name}`));
}

test('lists each network with its driver, subnet, gateway and members; N, D and U sort', async t => {
	const {app} = await openNetworks(t);
	let frame = app.frame();
	assert.match(frame, /NAME +NETWORK ID +DRIVER +SCOPE +SUBNET +GATEWAY +CONTAINERS/);
	assert.match(frame, /● backend +[0-9a-f]{12} +bridge +local +10\.10\.0\.0\/24 +10\.10\.0\.1 +api 10\.10\.0\.2\/24/);
	assert.match(frame, /● bridge +[0-9a-f]{12} +bridge +local +172\.17\.0\.0\/16 +172\.17\.0\.1 +db 172\.17\.0\.2\/16/);
	assert.match(frame, /○ frontend .* +- *$/m);
	assert.match(frame, /○ host +[0-9a-f]{12} +host +local +- +- +-/);
	await app.press('D', 'D');
	frame = await app.waitFor(/DRIVER↓/);
	assert.match(frame.split('\n').find(line => /^[●○] /.test(line)) ?? '', /null/);
	await app.press('U', 'U');
	await app.waitFor(/CONTAINERS↓/);
});

test('i (as Enter) shows the network with its members\' addresses and labels', async t => {
	const {app} = await openNetworks(t);
	await select(app, 'backend');
	await app.press('i');
	const frame = await app.waitFor(/Network backend/);
	assert.match(frame, /Subnets:\n {2}10\.10\.0\.0\/24/);
	assert.match(frame, /Containers \(1\):\n {2}api {2}10\.10\.0\.2\/24/);
	assert.match(frame, /Labels:\n {2}team=shop/);
});

test('c creates a network from a form: name, a driver chosen with the arrows, a subnet', async t => {
	const {engine, app} = await openNetworks(t);
	await app.press('c');
	await app.waitFor(/Create a network/);
	await app.type('metrics');
	await app.press(keys.tab, keys.right, keys.right, keys.left);
	await app.waitFor(/Driver ‹ macvlan ›/);
	await app.press(keys.left, keys.tab);
	await app.type('10.30.0.0/24');
	await app.press(keys.enter);
	await app.waitFor(/Created network metrics\./);
	await app.waitFor(/Networks 6\/6/);
	assert.equal(engine.network('metrics')?.subnet, '10.30.0.0/24');
	assert.equal(engine.network('metrics')?.driver, 'bridge');
	await app.press('c');
	await app.type('x');
	await app.press(keys.tab, keys.tab);
	await app.type('not-a-subnet\r');
	await app.waitFor(/"not-a-subnet" is not a subnet; write e\.g\. 10\.42\.0\.0\/24\./);
});

test('d refuses the engine\'s own networks and one with containers attached; another it asks about and removes', async t => {
	const {engine, app} = await openNetworks(t);
	await select(app, 'host');
	await app.press('d');
	await app.waitFor(/host comes with the engine and cannot be removed\./);
	await app.press(keys.escape);
	await select(app, 'backend');
	await app.press('d');
	await app.waitFor(/Network backend has containers attached \(api\)\. Disconnect them first \(x\)\./);
	await app.press(keys.escape);
	await select(app, 'frontend');
	await app.press('d');
	await app.waitFor(/Remove network frontend\?/);
	await app.press('y');
	await app.waitFor(/Removed network frontend\./);
	assert.equal(engine.network('frontend'), undefined);
});

test('C connects a container chosen from a list of those not attached; x disconnects one of those attached', async t => {
	const {engine, app} = await openNetworks(t);
	await select(app, 'frontend');
	await app.press('x');
	await app.waitFor(/No container is attached to frontend\./);
	await app.press('C');
	let frame = await app.waitFor(/Connect a container to frontend/);
	assert.match(frame, /api +running {2}busybox:latest/);
	assert.match(frame, /db +running {2}busybox:latest/);
	// The list is in the engine's order (newest first): the filter finds db wherever it is.
	await app.press('/');
	await app.type('db\r');
	await app.waitFor(frame => !/^\/db/m.test(frame) && !/ api +running/.test(frame));
	await app.press(keys.enter);
	await app.waitFor(/Connected db to frontend\./);
	frame = await app.waitFor(/● frontend .*db 10\.20\.0\.2\/24/);
	assert.ok(engine.container('db')?.networks.has(engine.network('frontend')?.id ?? ''));
	await app.press('x');
	frame = await app.waitFor(/Disconnect a container from frontend/);
	assert.match(frame, /db +10\.20\.0\.2\/24/);
	await app.press(keys.escape);
	await app.waitFor(frame => !/Disconnect a container/.test(frame));
	await app.press('x', keys.enter);
	await app.waitFor(/Disconnected db from frontend\./);
	await app.waitFor(/○ frontend/);
	assert.equal(engine.container('db')?.networks.has(engine.network('frontend')?.id ?? ''), false);
});

test('X lists the unused networks first (not the engine\'s own, not one a running container uses), then prunes them on yes', async t => {
	const {engine, app} = await openNetworks(t);
	await app.press('X');
	const question = await app.waitFor(/Remove 1 unused network\?/);
	assert.match(question, /^│ +frontend/m);
	assert.doesNotMatch(question, /backend|bridge/);
	assert.equal(engine.requests.filter(request => request.startsWith('POST /networks/prune')).length, 0);
	await app.press('n');
	await app.waitFor(frame => !/unused network\?/.test(frame));
	assert.ok(engine.network('frontend'));
	await app.press('X');
	await app.waitFor(/Remove 1 unused network\?/);
	await app.press('y');
	await app.waitFor(/Pruned 1 network: frontend\./);
	assert.equal(engine.network('frontend'), undefined);
	assert.ok(engine.network('backend'));
});

// The tasks, nodes and stacks panes (ResourceSpecs) against the in-memory engine
// as a Swarm manager: every task with its node and error, Enter to a task's
// container; nodes with role, availability and manager status, availability,
// promote and demote checked on the engine; stacks with their totals, Enter to
// the stack's services.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function cluster(engine: InMemoryEngine): void {
	engine.setSwarm('manager');
	engine.addNode({hostname: 'worker-1'});
	engine.addNode({hostname: 'gone', status: 'down'});
	engine.addService({name: 'web', replicas: 2, stack: 'shop'});
	engine.addService({name: 'db', replicas: 1, stack: 'shop'});
	engine.addService({name: 'cron', replicas: 1, failWith: 'task: non-zero exit (1)', stack: 'ops'});
}

test(':tasks lists every task with its node, desired and current state, and a failed task\'s error', async t => {
	const {app} = await openApp(t, cluster, {columns: 140});
	await app.type(':tasks\r');
	const frame = await app.waitFor(/Tasks 4\/4/);
	assert.match(frame, /TASK +NODE +DESIRED +STATE +SINCE +CONTAINER/);
	assert.match(frame, /✗ cron\.1 +\S+ +shutdown +failed: task: non-zero exit \(1\)/);
	assert.match(frame, /● web\.1 +\S+ +running +running/);
	await app.press('/');
	await app.type('web.2\r');
	await app.press('i');
	await app.waitFor(/Task web\.2[^]*Service: +web/);
});

test('Enter on a task running on this engine opens its container; one on another node says where it runs', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':tasks\r');
	await app.waitFor(/Tasks 4\/4/);
	const tasks = engine.tasksOf('web');
	const local = new Set(engine.containers.map(container => container.id));
	const here = tasks.find(task => local.has(task.containerId));
	const there = tasks.find(task => !local.has(task.containerId));
	assert.ok(here && there, 'one web task on each node');
	await app.press('/');
	await app.type(`web.${there.slot}\r`);
	await app.press(keys.enter);
	await app.waitFor(/Task web\.\d runs on node worker-1, not on this engine/);
	await app.press(keys.escape, '/');
	await app.type(`web.${here.slot}\r`);
	await app.press(keys.enter);
	await app.waitFor(new RegExp(`web\\.${here.slot}\\.${here.id}`));
});

test(':nodes shows role, status, availability and manager status; a pauses at once and drains after asking, + promotes, - demotes, each on the engine', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':nodes\r');
	let frame = await app.waitFor(/Nodes 3\/3/);
	assert.match(frame, /HOSTNAME +ROLE +STATUS +AVAILABILITY +MANAGER +ENGINE +TASKS/);
	assert.match(frame, /✗ gone +worker +down +active +- +26\.1\.4 +0/);
	assert.match(frame, /● in-memory \* +manager +ready +active +leader +26\.1\.4/);
	await app.press('G', 'a');
	frame = await app.waitFor(/Availability of worker-1 \(now active\)/);
	assert.match(frame, /drain +its tasks move to other nodes/);
	await app.press('G', keys.enter);
	frame = await app.waitFor(/Drain worker-1\?/);
	assert.match(frame, /Its running task moves to another node; it takes no new ones\./);
	await app.press('n');
	await app.waitFor(frame => !/Drain worker-1\?/.test(frame));
	assert.equal(engine.node('worker-1')?.availability, 'active', 'a no leaves it');
	await app.press('a', 'j', keys.enter);
	await app.waitFor(/worker-1 is now pause\./);
	assert.equal(engine.node('worker-1')?.availability, 'pause', 'pause needs no question');
	await app.press('a', 'G', keys.enter);
	await app.waitFor(/Drain worker-1\?/);
	await app.press('y');
	await app.waitFor(/worker-1 is now drain: its tasks move to other nodes\./);
	assert.equal(engine.node('worker-1')?.availability, 'drain');
	frame = await app.waitFor(/● worker-1 +worker +ready +drain +- +26\.1\.4 +0/);
	await app.press('+');
	await app.waitFor(/Promote worker-1 to manager\?/);
	await app.press('y');
	await app.waitFor(/Promoted worker-1 to manager\./);
	assert.equal(engine.node('worker-1')?.role, 'manager');
	await app.waitFor(/● worker-1 +manager +ready +drain +reachable/);
	await app.press('-');
	await app.waitFor(/Demote worker-1 to worker\?/);
	await app.press('y');
	await app.waitFor(/Demoted worker-1 to worker\./);
	assert.equal(engine.node('worker-1')?.role, 'worker');
});

test('demoting the last manager: the engine\'s refusal in plain words, nothing changed', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':nodes\r');
	await app.waitFor(/Nodes 3\/3/);
	await app.press('j', '-');
	await app.waitFor(/Demote in-memory to worker\?/);
	await app.press('y');
	await app.waitFor(/Could not demote in-memory: the Swarm would lose its quorum of managers\. Promote another node first\./);
	assert.equal(engine.node('in-memory')?.role, 'manager');
});

test(':stacks totals each stack\'s services; Enter lists the stack\'s services', async t => {
	const {app} = await openApp(t, cluster, {columns: 140});
	await app.type(':stacks\r');
	const frame = await app.waitFor(/Stacks 2\/2/);
	assert.match(frame, /● ops +1 +0\/1 +cron/);
	assert.match(frame, /● shop +2 +3\/3 +db, web/);
	await app.press('G', keys.enter);
	const services = await app.waitFor(/Services of stack shop 2\/2/);
	assert.doesNotMatch(services, /cron/);
});

test('Swarm alerts: a node down at once, and a task that fails while berth watches, with its error', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	// The node's alert comes from the first read of the cluster: failures before it would be history.
	await app.waitFor(/! node +[\d:]+ Node gone is down/);
	const web = engine.tasksOf('web').find(task => task.state === 'running');
	assert.ok(web);
	engine.failTask(web.id, 'task: non-zero exit (137)');
	await app.waitFor(new RegExp(`! task +[\\d:]+ web\\.${web.slot} failed on \\S+: task: non-zero exit \\(137\\)`), {timeoutMs: 12_000});
	await app.type(':alerts\r');
	const frame = await app.waitFor(/Alerts 2/);
	assert.match(frame, /node +Node gone is down/);
	assert.match(frame, /task +web\.\d failed on \S+: task: non-zero exit \(137\)/);
	await app.press(keys.enter);
	await app.waitFor(/This alert is about the Swarm, not a container\./);
});

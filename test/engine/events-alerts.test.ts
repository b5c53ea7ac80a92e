// Events history and alert rules against the real private test engine.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import Docker from 'dockerode';
import type {AlertDraft} from '../../source/engine/alerts/alerts.js';
import {watchAlerts} from '../../source/engine/alerts/alert-watch.js';
import {engineEvents, followEvents, type EngineEvent} from '../../source/engine/streams/events.js';
import {inspectHealth} from '../../source/engine/resources/health.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const image = 'berth-test/busybox:latest';

async function cleanup(): Promise<void> {
	for (const info of await docker.listContainers({all: true, filters: {label: ['berth.events-test=1']}})) await docker.getContainer(info.Id).remove({force: true});
}
async function run(name: string, options: Partial<Docker.ContainerCreateOptions>): Promise<Docker.Container> {
	const container = await docker.createContainer({name, Image: image, Labels: {'berth.events-test': '1'}, ...options});
	await container.start();
	return container;
}
async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

before(async () => {
	assert.ok(host.startsWith('unix://'), 'BERTH_TEST_DOCKER_HOST must point at the test engine socket');
	await cleanup();
});
after(cleanup);

test('history from `since` runs straight into live events: nothing missing, nothing twice', async () => {
	const name = `berth-hist-${process.pid}`;
	const since = Date.now() - 1000;
	const first = await run(`${name}-a`, {Cmd: ['true']});
	await first.wait();
	const controller = new AbortController();
	const seen: EngineEvent[] = [];
	let opened = false;
	const done = followEvents(docker, {type: ['container']}, {
		onConnected: () => (opened = true),
		onEvent: event => {
			if (event.name?.startsWith(name)) seen.push(event);
		},
		onLost: () => undefined,
	}, controller.signal, {since});
	await until(() => opened && seen.some(e => e.action === 'die'), 5000, 'history');
	const second = await run(`${name}-b`, {Cmd: ['true']});
	await second.wait();
	await until(() => seen.some(e => e.name === `${name}-b` && e.action === 'die'), 5000, 'live die');
	controller.abort();
	await done;
	const lines = seen.map(e => `${e.name} ${e.action}`);
	assert.deepEqual(lines, [`${name}-a create`, `${name}-a start`, `${name}-a die`, `${name}-b create`, `${name}-b start`, `${name}-b die`]);

	// A bounded window (since..until) ends by itself: what `berth events --until` prints.
	const windowed: string[] = [];
	for await (const event of engineEvents(docker, {type: ['container']}, AbortSignal.timeout(5000), undefined, {since, until: Date.now()})) {
		if (event.name?.startsWith(name)) windowed.push(`${event.name} ${event.action}`);
	}
	assert.deepEqual(windowed, lines);
});

test('alert rules raise OOM, exit 3, unhealthy and restart-loop alerts for real containers, and none for a stop', async () => {
	const controller = new AbortController();
	const alerts: AlertDraft[] = [];
	let opened = false;
	const done = watchAlerts(docker, {onAlert: alert => alerts.push(alert), onConnected: () => (opened = true)}, controller.signal);
	await until(() => opened, 5000, 'the alert stream');
	const id = process.pid;
	const mib = 1024 * 1024;
	await run(`berth-oom-${id}`, {Cmd: ['sh', '-c', 'x=0123456789; while :; do x="$x$x"; done'], HostConfig: {Memory: 8 * mib, MemorySwap: 8 * mib}});
	await run(`berth-exit3-${id}`, {Cmd: ['sh', '-c', 'exit 3']});
	const sick = await run(`berth-sick-${id}`, {Cmd: ['sleep', '300'], Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1}});
	await run(`berth-loop-${id}`, {Cmd: ['false'], HostConfig: {RestartPolicy: {Name: 'always'}}});
	const stopped = await run(`berth-stopped-${id}`, {Cmd: ['sleep', '300']});
	await stopped.stop({t: 1});
	const has = (kind: string, name: string) => alerts.some(a => a.kind === kind && a.name === name);
	await until(() => has('oom', `berth-oom-${id}`), 10_000, 'oom alert');
	await until(() => has('exit', `berth-exit3-${id}`), 5000, 'exit alert');
	await until(() => has('unhealthy', `berth-sick-${id}`), 10_000, 'unhealthy alert');
	await until(() => has('restart-loop', `berth-loop-${id}`), 15_000, 'restart-loop alert');
	controller.abort();
	await done;
	assert.equal(alerts.find(a => a.name === `berth-exit3-${id}`)?.message, `berth-exit3-${id} exited with code 3`);
	assert.equal(alerts.filter(a => a.name === `berth-oom-${id}`).map(a => a.kind).join(), 'oom', 'one OOM alert, no exit-137 alert besides');
	assert.equal(alerts.some(a => a.name === `berth-stopped-${id}`), false, 'a stop someone asked for is not an alert');

	const health = await inspectHealth(docker, sick.id);
	assert.equal(health.status, 'unhealthy');
	assert.equal(health.config?.command, '/bin/sh -c false');
	assert.equal(health.config?.intervalMs, 1000);
	// Every result failed; `false` exits 1, but on a loaded machine a check can also
	// overrun its 1 s timeout, which the engine records as exit code -1.
	assert.ok(health.results.length > 0 && health.results.every(r => r.exitCode !== 0), 'only failing results');
	assert.ok(health.results.some(r => r.exitCode === 1), 'with the command\'s own exit code');
});

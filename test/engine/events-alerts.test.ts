// Events history and alert rules against the real private test engine.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {AlertDraft} from '../../source/engine/alerts/alerts.js';
import {watchAlerts} from '../../source/engine/alerts/alert-watch.js';
import {engineEvents, followEvents, type EngineEvent} from '../../source/engine/streams/events.js';
import {inspectHealth} from '../../source/engine/resources/health.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture({labels: {'berth.events-test': '1'}});

engineTestHooks({host, cleanup});

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
	await waitFor(() => opened && seen.some(e => e.action === 'die'), {timeoutMs: 5000, what: 'history'});
	const second = await run(`${name}-b`, {Cmd: ['true']});
	await second.wait();
	await waitFor(() => seen.some(e => e.name === `${name}-b` && e.action === 'die'), {timeoutMs: 5000, what: 'live die'});
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
	await waitFor(() => opened, {timeoutMs: 5000, what: 'the alert stream'});
	const id = process.pid;
	const mib = 1024 * 1024;
	await run(`berth-oom-${id}`, {Cmd: ['sh', '-c', 'x=0123456789; while :; do x="$x$x"; done'], HostConfig: {Memory: 8 * mib, MemorySwap: 8 * mib}});
	await run(`berth-exit3-${id}`, {Cmd: ['sh', '-c', 'exit 3']});
	const sick = await run(`berth-sick-${id}`, {Cmd: ['sleep', '300'], Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1}});
	await run(`berth-loop-${id}`, {Cmd: ['false'], HostConfig: {RestartPolicy: {Name: 'always'}}});
	const stopped = await run(`berth-stopped-${id}`, {Cmd: ['sleep', '300']});
	await stopped.stop({t: 1});
	const has = (kind: string, name: string) => alerts.some(a => a.kind === kind && a.name === name);
	await waitFor(() => has('oom', `berth-oom-${id}`), {timeoutMs: 10_000, what: 'oom alert'});
	await waitFor(() => has('exit', `berth-exit3-${id}`), {timeoutMs: 5000, what: 'exit alert'});
	await waitFor(() => has('unhealthy', `berth-sick-${id}`), {timeoutMs: 10_000, what: 'unhealthy alert'});
	await waitFor(() => has('restart-loop', `berth-loop-${id}`), {timeoutMs: 15_000, what: 'restart-loop alert'});
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

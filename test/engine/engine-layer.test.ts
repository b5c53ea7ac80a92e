// The engine layer against the real private test engine (scripts/with-engine.sh).
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import type Docker from 'dockerode';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {listContainers, runContainerAction} from '../../source/engine/resources/containers.js';
import {followEvents} from '../../source/engine/streams/events.js';
import {listChangingEvents} from '../../source/engine/resources/containers.js';
import {containerStats} from '../../source/engine/streams/stats.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'];
// berth's own client, as the code under test takes it; the fixture's makes and removes the containers.
let docker: Docker;
const {run, cleanup} = engineFixture();

before(async () => {
	assert.ok(host, 'BERTH_TEST_DOCKER_HOST must be set: run the engine tests with npm run test:engine');
	const endpoint = resolveEndpoint({host, env: {}, homeDir: '/nonexistent'});
	const connected = await connect(endpoint);
	docker = connected.docker;
	assert.match(connected.identity.engineVersion, /\d+\.\d+/);
	assert.match(connected.identity.apiVersion, /^1\.\d+$/);
	await cleanup();
});
after(cleanup);

test('lists containers with state and sanitised names, and runs lifecycle actions the engine then reports', async () => {
	const name = `berth-life-${process.pid}`;
	const container = await run(name, ['sleep', '3600']);
	let row = (await listContainers(docker)).find(c => c.name === name);
	assert.equal(row?.state, 'running');
	await runContainerAction(docker, container.id, 'pause');
	assert.equal((await container.inspect()).State.Status, 'paused');
	await runContainerAction(docker, container.id, 'unpause');
	await runContainerAction(docker, container.id, 'kill');
	row = (await listContainers(docker)).find(c => c.name === name);
	assert.equal(row?.state, 'exited');
	assert.equal(await runContainerAction(docker, container.id, 'start'), 'done');
	assert.equal((await container.inspect()).State.Status, 'running');
	// Started already (a key pressed twice): the engine answers 304, which is what was wanted.
	assert.equal(await runContainerAction(docker, container.id, 'start'), 'already');
	await assert.rejects(runContainerAction(docker, container.id, 'remove'), (error: Error & {kind?: string}) => error.kind === 'conflict');
	await runContainerAction(docker, container.id, 'remove', {force: true, volumes: true});
	assert.equal((await listContainers(docker)).some(c => c.name === name), false);
});

// `yes` takes a whole core when it has one; on a shared machine under a load of 15
// it got under 8%, so "busy" here means well above an idle container's ~0%.
test('stats stream reports a busy container as busy, and its memory', async () => {
	const container = await run(`berth-busy-${process.pid}`, ['sh', '-c', 'yes > /dev/null']);
	const controller = new AbortController();
	const samples = [];
	for await (const sample of containerStats(docker, container.id, controller.signal)) {
		samples.push(sample);
		if (samples.length === 3) controller.abort();
	}
	const last = samples.at(-1);
	assert.ok(last?.cpuPercent !== undefined && last.cpuPercent > 3 && last.cpuPercent < 210, `cpu ${last?.cpuPercent}`);
	assert.ok((last?.memoryUsed ?? 0) > 0);
	assert.ok((last?.memoryLimit ?? 0) > 0);
});

test('followEvents delivers create/start/die/destroy for a container started from outside', async () => {
	const controller = new AbortController();
	const seen: string[] = [];
	const name = `berth-events-${process.pid}`;
	let resolveOpen: () => void = () => undefined;
	const opened = new Promise<void>(resolve => (resolveOpen = resolve));
	const done = followEvents(docker, {type: ['container']}, {
		onConnected: resolveOpen,
		onEvent: event => {
			if (event.name === name) seen.push(event.action);
		},
		onLost: () => undefined,
	}, controller.signal);
	await opened;
	const container = await run(name, ['true']);
	await container.wait();
	await container.remove();
	// Past the deadline the assertions below say what is missing.
	await waitFor(() => seen.includes('destroy'), {timeoutMs: 5000, intervalMs: 50, what: 'destroy'}).catch(() => undefined);
	controller.abort();
	await done;
	for (const action of ['create', 'start', 'die', 'destroy']) assert.ok(seen.includes(action), `${action} in ${seen.join(',')}`);
});

test('the binary explains an unreachable engine in one paragraph, without a stack trace', async () => {
	const result = await promisify(execFile)('dist/berth', ['--host', 'unix:///tmp/berth-no-such.sock']).then(
		() => assert.fail('berth should have exited non-zero'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 1);
	assert.doesNotMatch(result.stderr, /^\s+at /m);
	assert.match(result.stderr, /^berth: Cannot connect to the Docker engine at unix:\/\/\/tmp\/berth-no-such\.sock: nothing is listening there\./);
});

test('the list-changing event filter lets health_status through but keeps health-check exec noise out', async () => {
	const controller = new AbortController();
	const name = `berth-hcnoise-${process.pid}`;
	const mine: string[] = [];
	const all: string[] = [];
	let resolveOpen: () => void = () => undefined;
	const opened = new Promise<void>(resolve => (resolveOpen = resolve));
	const allOpened = new Promise<void>(resolve => {
		void followEvents(docker, {type: ['container']}, {onConnected: resolve, onEvent: event => event.name === name && all.push(event.action), onLost: () => undefined}, controller.signal);
	});
	const done = followEvents(docker, listChangingEvents, {
		onConnected: resolveOpen,
		onEvent: event => {
			if (event.name === name) mine.push(event.action);
		},
		onLost: () => undefined,
	}, controller.signal);
	await Promise.all([opened, allOpened]);
	await docker.createContainer({
		name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], Labels: {'berth.test': '1'},
		Healthcheck: {Test: ['CMD-SHELL', 'true'], Interval: 500_000_000, Timeout: 1_000_000_000, Retries: 1},
	}).then(container => container.start());
	await waitFor(() => all.filter(action => action.startsWith('exec_die')).length >= 3, {timeoutMs: 10_000, what: 'three health checks'}).catch(() => undefined);
	controller.abort();
	await done;
	// The unfiltered stream proves the checks ran; the list's stream saw none of their exec events.
	assert.ok(all.filter(action => action.startsWith('exec_die')).length >= 3, `health checks ran: ${all.join(',')}`);
	assert.deepEqual(mine.filter(action => action.startsWith('exec_')), []);
	assert.ok(mine.includes('start'), mine.join(','));
	assert.ok(mine.some(action => action.startsWith('health_status')), `health_status in ${mine.join(',')}`);
});

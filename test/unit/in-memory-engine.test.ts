// The in-memory engine's own behaviour, through berth's engine layer: what the
// view tests lean on (its faults, going away and coming back, the API version
// check, streams that follow the state) holds as documented.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type Docker from 'dockerode';
import {listContainers, runContainerAction} from '../../source/engine/resources/containers.js';
import {engineEvents} from '../../source/engine/streams/events.js';
import {containerStats} from '../../source/engine/streams/stats.js';
import {readLogWindow} from '../../source/engine/streams/logs.js';
import {connect, createClient, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {startInMemoryEngine, type InMemoryEngine} from '../support/in-memory-engine.js';

let engine: InMemoryEngine;
let docker: Docker;

before(async () => {
	engine = await startInMemoryEngine({statsIntervalMs: 50});
	docker = (await connect(resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}))).docker;
});
after(() => engine.close());

test('a fault answers in its way while it is in place, for as many requests as it is given', async () => {
	engine.addContainer({name: 'faulty'});
	const refused = engine.fail({path: '/containers/json', answer: {status: 500, message: 'overloaded'}, times: 2});
	await assert.rejects(listContainers(docker), (error: Error & {kind?: string}) => error.kind === 'server' && /overloaded/.test(error.message));
	await assert.rejects(listContainers(docker), /overloaded/);
	assert.equal(refused.hits, 2);
	assert.ok((await listContainers(docker)).some(container => container.name === 'faulty'), 'the third is answered');
	const cut = engine.fail({method: 'GET', path: /^\/containers\/json$/, answer: 'reset'});
	await assert.rejects(listContainers(docker), (error: Error & {kind?: string}) => error.kind === 'unreachable');
	cut.clear();
	const hung = engine.fail({path: '/containers/json', answer: 'hang'});
	const controller = new AbortController();
	const pending = listContainers(docker, controller.signal);
	await new Promise(resolve => setTimeout(resolve, 50));
	assert.equal(hung.hits, 1);
	controller.abort();
	await assert.rejects(pending);
	hung.clear();
});

test('an engine that goes away is not there to connect to, and answers again once it is back', async () => {
	await engine.goAway();
	await assert.rejects(listContainers(docker), (error: Error & {kind?: string}) => error.kind === 'unreachable' && /nothing is listening/.test(error.message));
	await engine.comeBack();
	assert.ok(Array.isArray(await listContainers(docker)));
});

test('a client asking for a newer API than the engine speaks is refused as the engine refuses it', async () => {
	const newer = createClient({socketPath: engine.socketPath, version: 'v1.99'});
	await assert.rejects(newer.listContainers(), /client version 1\.99 is too new\. Maximum supported API version is 1\.45/);
});

test('an action is answered 204, 304 when already done, 409 when not allowed; each publishes its events', async () => {
	const id = engine.addContainer({name: 'acted', state: 'exited'});
	assert.equal(await runContainerAction(docker, id, 'start'), 'done');
	assert.equal(await runContainerAction(docker, id, 'start'), 'already');
	assert.equal(await runContainerAction(docker, id, 'pause'), 'done');
	await assert.rejects(runContainerAction(docker, id, 'pause'), /already paused/);
	await assert.rejects(runContainerAction(docker, id, 'remove'), /You cannot remove a paused container/);
	assert.deepEqual(engine.events.filter(event => event.Actor.ID === id && event.Type === 'container').map(event => event.Action), ['start', 'pause']);
});

test('events follow filters and since; stats and logs streams follow the container and end when it stops', async () => {
	const id = engine.addContainer({name: 'streamed'});
	const since = Date.now() - 1;
	engine.log('streamed', ['one', 'two']);
	engine.log('streamed', 'oops', {stream: 'stderr'});
	const window = await readLogWindow(docker, id, {tail: 2}, {signal: new AbortController().signal, isTty: false, maxLines: 10});
	assert.deepEqual(window.lines.map(line => `${line.stream} ${line.text}`), ['stdout two', 'stderr oops']);
	const samples: number[] = [];
	const stats = (async () => {
		for await (const sample of containerStats(docker, id, new AbortController().signal)) samples.push(sample.cpuPercent ?? -1);
	})();
	engine.setStats('streamed', {cpuPercent: 30});
	await new Promise(resolve => setTimeout(resolve, 120));
	engine.act('streamed', 'stop');
	await stats;
	assert.equal(samples[0], -1, 'the first sample of a stream has no previous one to compare with');
	assert.ok(samples.slice(1).every(sample => Math.abs(sample - 30) < 1e-9) && samples.length >= 2, `30% after the first: ${samples.join(', ')}`);
	const seen: string[] = [];
	const controller = new AbortController();
	setTimeout(() => controller.abort(), 100);
	for await (const event of engineEvents(docker, {type: ['container'], container: ['streamed']}, controller.signal, undefined, {since})) seen.push(event.action);
	assert.deepEqual(seen, ['kill', 'die', 'stop']);
});

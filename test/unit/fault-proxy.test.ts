import assert from 'node:assert/strict';
import {Agent} from 'node:http';
import {after, before, test, type TestContext} from 'node:test';
import {startFaultProxy, type FaultProxy} from '../helpers/fault-proxy.js';
import {call, containers, info, parses, startStandInEngine, version, waitFor, type StandInEngine} from '../helpers/stand-in-engine.js';

let engine: StandInEngine;
before(async () => (engine = await startStandInEngine()));
after(() => engine.close());

async function proxyFor(t: TestContext, log: (line: string) => void = () => undefined): Promise<FaultProxy> {
	const proxy = await startFaultProxy({target: engine.socketPath, seed: 1, log});
	t.after(() => proxy.close());
	return proxy;
}

const list = '/v1.47/containers/json?all=1';
const listBody = JSON.stringify(containers);
const notJson = /^[#$%&*;<>?@^`|~!]+$/;

test('clean: JSON answers, a POST body sent after the head, and a stream line by line', async t => {
	const proxy = await proxyFor(t);
	assert.deepEqual(JSON.parse((await call(proxy.socketPath, list)).body), containers);
	const posted = await call(proxy.socketPath, '/v1.47/containers/c1/start', {
		method: 'POST',
		body: '{"Detach":true}',
		// The proxy has the head (it classified it) before the body leaves the client.
		beforeBody: () => waitFor(() => proxy.counts.action.clean === 1),
	});
	assert.deepEqual(JSON.parse(posted.body), {path: '/containers/c1/start', body: '{"Detach":true}'});

	const received: Array<{line: string; written: number}> = [];
	const controller = new AbortController();
	const stream = call(proxy.socketPath, '/v1.47/events', {signal: controller.signal, onChunk: text => {
		for (const line of text.split('\n').filter(Boolean)) received.push({line, written: engine.linesWritten()});
	}});
	await waitFor(() => received.length >= 3);
	controller.abort();
	await stream;
	const first = (JSON.parse(received[0]?.line ?? '') as {n: number}).n;
	for (const [index, {line, written}] of received.entries()) {
		assert.equal((JSON.parse(line) as {n: number}).n, first + index);
		// Each line reaches the client before the engine writes the one after next: nothing is held back.
		assert.ok(written <= first + index + 1, `line ${first + index} arrived when ${written} were written`);
	}
	assert.deepEqual(proxy.counts.events, {clean: 1, refuse: 0, cut: 0, delay: 0, drip: 0, hang: 0, garbage: 0, corrupt: 0});
});

test('a keep-alive client gets a connection per request, each classified and faulted on its own', async t => {
	const proxy = await proxyFor(t);
	const agent = new Agent({keepAlive: true});
	t.after(() => agent.destroy());
	proxy.setRules([{paths: 'inspect', fault: {kind: 'refuse'}}]);
	assert.equal((await call(proxy.socketPath, list, {agent})).status, 200);
	const second = await call(proxy.socketPath, '/version', {agent});
	assert.deepEqual(JSON.parse(second.body), version);
	assert.equal(second.reusedSocket, false);
	const third = await call(proxy.socketPath, '/containers/c1/json', {agent});
	assert.ok(third.error);
	assert.equal(proxy.counts.list.clean, 1);
	assert.equal(proxy.counts.version.clean, 1);
	assert.equal(proxy.counts.inspect.refuse, 1);
});

test('refuse: the request fails and never reaches the engine', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: ['inspect'], fault: {kind: 'refuse'}}]);
	const outcome = await call(proxy.socketPath, '/containers/refused/json');
	assert.ok(outcome.error);
	assert.equal(outcome.status, undefined);
	assert.ok(!engine.requests.includes('GET /containers/refused/json'));
});

test('cut: the answer breaks off after afterBytes, in the body or in the head', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: 'list', fault: {kind: 'cut', afterBytes: 400}, times: 1}, {paths: 'list', fault: {kind: 'cut', afterBytes: 10}}]);
	const inBody = await call(proxy.socketPath, list);
	assert.equal(inBody.status, 200);
	assert.ok(inBody.error);
	assert.ok(inBody.body.length > 0 && inBody.body.length < 400);
	assert.ok(listBody.startsWith(inBody.body));
	const inHead = await call(proxy.socketPath, list);
	assert.ok(inHead.error);
	assert.equal(inHead.status, undefined);
	assert.equal(proxy.counts.list.cut, 2);
});

test('delay: the answer comes, no sooner than ms', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: 'version', fault: {kind: 'delay', ms: 300}}]);
	const outcome = await call(proxy.socketPath, '/version');
	assert.deepEqual(JSON.parse(outcome.body), version);
	// Timers can fire a millisecond early against performance.now().
	assert.ok(outcome.ms >= 298, `${outcome.ms} ms`);
});

test('drip: the whole answer, a byte at a time', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: 'version', fault: {kind: 'drip', intervalMs: 1}}]);
	const outcome = await call(proxy.socketPath, '/version');
	assert.equal(outcome.error, undefined);
	assert.deepEqual(JSON.parse(outcome.body), version);
	assert.ok(outcome.chunks >= 5, `${outcome.chunks} chunks`);
});

test('hang: no answer until the client gives up, or close() drops the connection', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: 'ping', fault: {kind: 'hang'}}]);
	const timedOut = await call(proxy.socketPath, '/_ping', {signal: AbortSignal.timeout(200)});
	assert.equal(timedOut.error?.name, 'AbortError');
	assert.equal(timedOut.status, undefined);
	const waiting = call(proxy.socketPath, '/_ping');
	await waitFor(() => proxy.counts.ping.hang === 2);
	await proxy.close();
	const dropped = await waiting;
	assert.ok(dropped.error);
	assert.equal(dropped.status, undefined);
});

test('garbage: random bytes where the answer was, or after part of it', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([
		{paths: 'version', fault: {kind: 'garbage', afterBytes: 0}},
		{paths: 'list', fault: {kind: 'garbage', afterBytes: 400, bytes: 4000}},
		{paths: 'info', fault: {kind: 'garbage', afterBytes: 150, bytes: 8}},
	]);
	const instead = await call(proxy.socketPath, '/version');
	assert.match(instead.error?.code ?? '', /^HPE_/);
	for (const path of [list, '/info']) {
		const outcome = await call(proxy.socketPath, path);
		assert.ok(outcome.error || !parses(outcome.body), `${path}: ${outcome.body}`);
	}
	assert.equal(proxy.counts.list.garbage + proxy.counts.info.garbage + proxy.counts.version.garbage, 3);
});

test('corrupt: a well-framed 200 whose body is not JSON, with Content-Length and chunked', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: ['list', 'info'], fault: {kind: 'corrupt'}}]);
	for (const [path, clean] of [[list, listBody], ['/info', JSON.stringify(info)]] as const) {
		const outcome = await call(proxy.socketPath, path);
		assert.equal(outcome.status, 200);
		assert.equal(outcome.error, undefined);
		assert.equal(outcome.body.length, clean.length);
		assert.match(outcome.body, notJson);
		assert.throws(() => JSON.parse(outcome.body));
	}
	assert.equal(proxy.counts.info.corrupt, 1);
});

// The fault proxy's controls: rule order and `times`, clear, setDown, the
// seeded random mode, and close() leaving nothing behind.
import assert from 'node:assert/strict';
import {request, type IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import {after, before, test, type TestContext} from 'node:test';
import {startFaultProxy, type FaultKind, type FaultProxy} from '../helpers/fault-proxy.js';
import {call, parses, startStandInEngine, version, waitFor, type Outcome, type StandInEngine} from '../helpers/stand-in-engine.js';

let engine: StandInEngine;
before(async () => (engine = await startStandInEngine()));
after(() => engine.close());

async function proxyFor(t: TestContext, log: (line: string) => void = () => undefined): Promise<FaultProxy> {
	const proxy = await startFaultProxy({target: engine.socketPath, log});
	t.after(() => proxy.close());
	return proxy;
}

const list = '/v1.47/containers/json';
const seen = (outcome: Outcome): 'refused' | 'corrupt' | 'clean' => outcome.error ? 'refused' : parses(outcome.body) ? 'clean' : 'corrupt';

test('the first rule with times left applies, and times runs out', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([
		{paths: ['list'], fault: {kind: 'refuse'}, times: 2},
		{paths: 'all', fault: {kind: 'corrupt'}, times: 1},
	]);
	const outcomes = [];
	for (let index = 0; index < 4; index++) outcomes.push(seen(await call(proxy.socketPath, list)));
	assert.deepEqual(outcomes, ['refused', 'refused', 'corrupt', 'clean']);
	assert.deepEqual(proxy.counts.list, {clean: 1, refuse: 2, cut: 0, delay: 0, drip: 0, hang: 0, garbage: 0, corrupt: 1});
});

test('clear: new connections are clean, one already dripping finishes as it was', async t => {
	const proxy = await proxyFor(t);
	proxy.setRules([{paths: 'all', fault: {kind: 'drip', intervalMs: 5}}]);
	const dripping = call(proxy.socketPath, '/version');
	await waitFor(() => proxy.counts.version.drip === 1);
	proxy.clear();
	const clean = await call(proxy.socketPath, '/version');
	assert.equal(clean.chunks, 1);
	const dripped = await dripping;
	assert.deepEqual(JSON.parse(dripped.body), version);
	assert.ok(dripped.chunks > 1);
	assert.equal(proxy.counts.version.clean, 1);
});

test('setDown: the socket is gone and open streams drop; up again, answers come', async t => {
	const proxy = await proxyFor(t);
	let lines = 0;
	const stream = call(proxy.socketPath, '/events', {onChunk: () => lines++});
	await waitFor(() => lines > 0);
	await proxy.setDown(true);
	assert.ok((await stream).error);
	const down = await call(proxy.socketPath, list);
	assert.ok(down.error?.code === 'ENOENT' || down.error?.code === 'ECONNREFUSED', down.error?.code);
	await proxy.setDown(false);
	assert.equal((await call(proxy.socketPath, list)).status, 200);
});

test('an Upgrade request passes untouched, and its raw stream flows both ways', async t => {
	const proxy = await proxyFor(t);
	const req = request({socketPath: proxy.socketPath, path: '/v1.47/exec/e1/start', method: 'POST', headers: {Connection: 'Upgrade', Upgrade: 'tcp'}});
	const [response, socket] = await new Promise<[IncomingMessage, Socket]>((resolve, reject) => {
		req.on('upgrade', (res: IncomingMessage, hijacked: Socket) => resolve([res, hijacked]));
		req.on('response', (res: IncomingMessage) => reject(new Error(`answered ${res.statusCode} instead of upgrading`)));
		req.on('error', reject);
		req.end();
	});
	t.after(() => socket.destroy());
	assert.equal(response.statusCode, 101);
	let echoed = '';
	socket.on('data', (chunk: Buffer) => (echoed += chunk.toString()));
	socket.write('hello');
	await waitFor(() => echoed === 'hello');
	socket.write(' again');
	await waitFor(() => echoed === 'hello again');
	assert.ok(engine.requests.includes('POST /v1.47/exec/e1/start upgrade: Upgrade'));
	assert.equal(proxy.counts.exec.clean, 1);
});

async function randomRun(proxy: FaultProxy, seed: number, kinds: readonly FaultKind[], probability: number): Promise<Outcome[]> {
	proxy.setRandom({seed, probability, kinds, paths: ['list']});
	const outcomes = [];
	for (let index = 0; index < 16; index++) {
		outcomes.push(await call(proxy.socketPath, list));
		// Outside `paths`: always clean, and it must not use up a random draw.
		assert.equal((await call(proxy.socketPath, '/_ping')).body, 'OK');
	}
	return outcomes;
}

test('random: the same seed over the same requests makes the same decisions, and counts tell them', async t => {
	const lines: string[] = [];
	const proxy = await proxyFor(t, line => lines.push(line));
	const first = (await randomRun(proxy, 7, ['refuse', 'corrupt'], 0.5)).map(seen);
	assert.ok(lines.some(line => line.includes('seed 7')));
	const replay = (await randomRun(proxy, 7, ['refuse', 'corrupt'], 0.5)).map(seen);
	assert.deepEqual(replay, first);
	for (const kind of ['refused', 'corrupt', 'clean'] as const) assert.ok(first.includes(kind), `${kind} in ${first.join(' ')}`);
	const other = (await randomRun(proxy, 8, ['refuse', 'corrupt'], 0.5)).map(seen);
	assert.notDeepEqual(other, first);
	const all = [...first, ...replay, ...other];
	assert.equal(proxy.counts.list.refuse, all.filter(kind => kind === 'refused').length);
	assert.equal(proxy.counts.list.corrupt, all.filter(kind => kind === 'corrupt').length);
	assert.equal(proxy.counts.list.clean, all.filter(kind => kind === 'clean').length);
	assert.equal(proxy.counts.ping.clean, 48);

	// A fault's parameters come from the seed too: the same cuts in the same places.
	const cuts = (await randomRun(proxy, 99, ['cut'], 1)).map(outcome => outcome.body.length);
	assert.deepEqual((await randomRun(proxy, 99, ['cut'], 1)).map(outcome => outcome.body.length), cuts);
	assert.ok(new Set(cuts).size > 1, cuts.join(' '));
});

test('close() destroys every connection and timer, whatever fault each was in', async t => {
	const count = (type: string) => process.getActiveResourcesInfo().filter(resource => resource === type).length;
	const baseline = {pipes: count('PipeWrap'), timers: count('Timeout')};
	const proxy = await proxyFor(t);
	proxy.setRules([
		{paths: 'ping', fault: {kind: 'hang'}},
		{paths: 'version', fault: {kind: 'delay', ms: 60_000}},
		{paths: 'list', fault: {kind: 'drip', intervalMs: 1000}},
	]);
	const calls = [call(proxy.socketPath, '/events'), call(proxy.socketPath, '/_ping'), call(proxy.socketPath, '/version'), call(proxy.socketPath, list)];
	await waitFor(() => proxy.counts.events.clean + proxy.counts.ping.hang + proxy.counts.version.delay + proxy.counts.list.drip === 4);
	await waitFor(() => count('Timeout') > baseline.timers);
	await proxy.close();
	for (const outcome of await Promise.all(calls)) assert.ok(outcome.error);
	// The stand-in engine hears of the closed streams a moment later and stops its timer.
	await waitFor(() => count('PipeWrap') <= baseline.pipes && count('Timeout') <= baseline.timers);
});

// The request guard against a stand-in engine on a unix socket: every way an
// answer can go wrong ends in a typed error, never a promise left pending.
import assert from 'node:assert/strict';
import {createServer, type Server, type ServerResponse} from 'node:http';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import Docker from 'dockerode';
import {deadlineFor, type CallShape} from '../../source/engine/transport/call-deadline.js';
import type {EngineError} from '../../source/engine/transport/errors.js';
import {guardRequests} from '../../source/engine/transport/guarded-dial.js';
import {linkHealthOf} from '../../source/engine/transport/link-health.js';
import {OvertakenRead, overtakenGraceMs, probeTiming} from '../../source/engine/transport/overtaken-read.js';
import {tempDir} from '../helpers/temp-dir.js';

const socketPath = join(tempDir('berth-guard-'), 'engine.sock');
const containers = [{Id: 'a'.repeat(64), Names: ['/web'], Image: 'busybox', State: 'running', Status: 'Up 1 second', Created: 1, Ports: []}];
let mode: 'ok' | 'garbled' | 'cut' | 'hang' | 'missing' = 'ok';
let server: Server;
const held: ServerResponse[] = [];
let pings = 0;

before(async () => {
	server = createServer((request, response) => {
		if (request.url?.includes('/_ping')) {
			pings++;
			response.end('OK');
			return;
		}
		switch (mode) {
			case 'ok':
				response.setHeader('Content-Type', 'application/json');
				response.end(JSON.stringify(containers));
				return;
			case 'garbled':
				response.setHeader('Content-Type', 'application/json');
				response.end('[{"Id": "aaaa", "Na\u0000\u0001 garbage');
				return;
			case 'cut':
				response.setHeader('Content-Type', 'application/json');
				response.write('[{"Id": "aaaa", ');
				setImmediate(() => response.socket?.destroy());
				return;
			case 'hang':
				held.push(response);
				return;
			case 'missing':
				response.statusCode = 404;
				response.setHeader('Content-Type', 'application/json');
				response.end(JSON.stringify({message: 'No such container: nope'}));
		}
	});
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
});

after(() => {
	for (const response of held) response.socket?.destroy();
	server.close();
});

// Reads get a short deadline here so the hang case takes a moment, not ten seconds.
const quick = (call: CallShape) => (call.method === 'GET' && !call.isStream ? {kind: 'answer' as const, ms: 300} : deadlineFor(call));

function client(): Docker {
	return guardRequests(new Docker({socketPath}), quick);
}

test('a complete answer is parsed as dockerode would, and the link counts as working', async () => {
	mode = 'ok';
	const docker = client();
	const list = await docker.listContainers({all: true});
	assert.equal(list[0]?.Names?.[0], '/web');
	assert.equal(linkHealthOf(docker).current.status, 'ok');
});

test('an answer that is not JSON is a garbled error, not bytes handed to the caller', async () => {
	mode = 'garbled';
	const docker = client();
	await assert.rejects(docker.listContainers(), (error: EngineError) => error.kind === 'garbled');
	assert.equal(linkHealthOf(docker).current.status, 'failing');
});

test('an answer cut part-way fails at once instead of waiting forever', async () => {
	mode = 'cut';
	const docker = client();
	const started = Date.now();
	await assert.rejects(docker.listContainers(), (error: EngineError) => error.kind === 'unreachable' && /cut short/.test(error.message));
	assert.ok(Date.now() - started < 300, 'the cut was noticed before the deadline');
	const health = linkHealthOf(docker).current;
	assert.equal(health.status, 'failing');
});

test('a read with no answer fails at its deadline with a timeout that names the call', async () => {
	mode = 'hang';
	const docker = client();
	await assert.rejects(docker.listContainers(), (error: EngineError) => error.kind === 'timeout' && /GET \/containers\/json within/.test(error.message));
});

test('an error status keeps the engine\'s message and code, and is no link failure', async () => {
	mode = 'missing';
	const docker = client();
	await assert.rejects(docker.getContainer('nope').inspect(), (error: Error & {statusCode?: number; json?: {message?: string}}) => error.statusCode === 404 && error.json?.message === 'No such container: nope');
	assert.equal(linkHealthOf(docker).current.status, 'ok');
});

test('deadlines fit the call: short reads, stop given its timeout, wait left alone, pulls watched for progress', () => {
	const shape = (method: string, path: string, query: Record<string, unknown> = {}, isStream = false): CallShape => ({method, path, query, isStream, isHijack: false});
	assert.deepEqual(deadlineFor(shape('GET', '/containers/json')), {kind: 'answer', ms: 10_000});
	assert.deepEqual(deadlineFor(shape('POST', '/containers/abc/stop', {t: 30})), {kind: 'answer', ms: 50_000});
	assert.deepEqual(deadlineFor(shape('POST', '/containers/abc/stop')), {kind: 'answer', ms: 30_000});
	assert.equal(deadlineFor(shape('POST', '/containers/abc/wait')), undefined);
	assert.equal(deadlineFor(shape('POST', '/images/create', {}, true))?.kind, 'progress');
	assert.deepEqual(deadlineFor(shape('GET', '/events', {}, true)), {kind: 'head', ms: 5_000});
});

test('a read sent while the link fails gives up soon after a later request is answered, instead of waiting for its deadline', async () => {
	// A long deadline, so only the overtaking can end the hung read in time.
	const docker = guardRequests(new Docker({socketPath}), call => (call.method === 'GET' && !call.isStream ? {kind: 'answer' as const, ms: 30_000} : deadlineFor(call)));
	mode = 'garbled';
	await assert.rejects(docker.listContainers());
	assert.equal(linkHealthOf(docker).current.status, 'failing');
	mode = 'hang';
	const heldBefore = held.length;
	const started = Date.now();
	const hung = assert.rejects(docker.listContainers(), (error: EngineError) => error.kind === 'timeout' && /while later requests were answered/.test(error.message));
	await waitFor(() => held.length > heldBefore);
	mode = 'ok';
	await docker.listContainers();
	await hung;
	const took = Date.now() - started;
	assert.ok(took >= overtakenGraceMs && took < overtakenGraceMs + 2_000, `gave up after ${took} ms`);
});

async function waitFor(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise(resolve => setTimeout(resolve, 10));
}

// A long read deadline, so only the overtaking can end a hung read in time.
const slowReads = (call: CallShape) => (call.method === 'GET' && !call.isStream ? {kind: 'answer' as const, ms: 30_000} : deadlineFor(call));

test('a read stuck while the link fails is released soon after the link heals, though nothing else is sent', async () => {
	const docker = guardRequests(new Docker({socketPath}), slowReads);
	mode = 'garbled';
	await assert.rejects(docker.listContainers());
	mode = 'hang';
	const heldBefore = held.length;
	const pingsBefore = pings;
	const started = Date.now();
	// The stand-in answers pings throughout: the link carries them, so the probe's answer is what overtakes the read.
	const hung = assert.rejects(docker.listContainers(), (error: EngineError) => error instanceof OvertakenRead);
	await waitFor(() => held.length > heldBefore);
	await hung;
	const took = Date.now() - started;
	const most = probeTiming.stuckMs + probeTiming.graceMs + 1_500;
	assert.ok(took >= probeTiming.stuckMs + probeTiming.graceMs && took < most, `released after ${took} ms, not by its deadline`);
	assert.equal(pings - pingsBefore, 1, 'one probe did it');
	// Nothing is stuck now: no more probes.
	await new Promise(resolve => setTimeout(resolve, probeTiming.everyMs + 500));
	assert.equal(pings - pingsBefore, 1);
});

test('a read that hangs on a healthy link sends no probe: a quiet, well link sees no extra requests', async () => {
	const docker = guardRequests(new Docker({socketPath}), call => (call.method === 'GET' && !call.isStream ? {kind: 'answer' as const, ms: probeTiming.stuckMs + 1_000} : deadlineFor(call)));
	mode = 'ok';
	await docker.listContainers();
	mode = 'hang';
	const pingsBefore = pings;
	await assert.rejects(docker.listContainers(), (error: EngineError) => error.kind === 'timeout' && !(error instanceof OvertakenRead));
	assert.equal(pings, pingsBefore);
});

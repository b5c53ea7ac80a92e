// The pieces that bring views back after a fault, without an engine: the log
// cursor that resumes without repeats, the stream watchdog, the link's health
// and the refresh that retries a failed read.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {EngineError} from '../../source/engine/transport/errors.js';
import {refreshOnEvents} from '../../source/engine/streams/event-refresh.js';
import {LinkHealth} from '../../source/engine/transport/link-health.js';
import {LogCursor} from '../../source/engine/streams/follow-logs.js';
import {toLogLine} from '../../source/engine/streams/log-lines.js';
import {StreamWatchdog} from '../../source/engine/streams/stream-watchdog.js';

const line = (second: number, text: string) => toLogLine('c1', 'stdout', `2026-12-03T10:00:${String(second).padStart(2, '0')}.000000000Z ${text}`);
const texts = (lines: readonly {text: string}[]) => lines.map(l => l.text);

test('a resumed log drops exactly the lines it already showed at the resume point, and nothing after', () => {
	const cursor = new LogCursor();
	assert.equal(cursor.resumePoint(), undefined);
	assert.deepEqual(texts(cursor.admit([line(1, 'a'), line(2, 'b'), line(2, 'c')])), ['a', 'b', 'c']);
	const since = cursor.resumePoint();
	assert.equal(since, line(2, '').ns);
	// The engine's since is inclusive: both lines at :02 come again, then what is new (also at :02).
	assert.deepEqual(texts(cursor.admit([line(2, 'b'), line(2, 'c'), line(2, 'd'), line(3, 'e')])), ['d', 'e']);
	cursor.resumePoint();
	assert.deepEqual(texts(cursor.admit([line(3, 'e')])), []);
	assert.deepEqual(texts(cursor.admit([line(4, 'f')])), ['f']);
});

test('the stream watchdog fires once after silence, and feeding it keeps it quiet', async () => {
	let fired = 0;
	const watchdog = new StreamWatchdog(() => fired++, 40, 40);
	for (let i = 0; i < 4; i++) {
		await new Promise(resolve => setTimeout(resolve, 20));
		watchdog.fed();
	}
	assert.equal(fired, 0);
	await waitFor(() => fired === 1);
	assert.equal(watchdog.hasFired, true);
	watchdog.stop();
});

test('the link is failing from the first failure and well again only after an answer and a quiet spell', async () => {
	let now = 1000;
	const health = new LinkHealth(() => now);
	health.failed('GET /containers/json', new EngineError('timeout', 'late'));
	health.failed('GET /info', new EngineError('unreachable', 'cut'));
	assert.deepEqual(health.current, {status: 'failing', since: 1000, lastError: 'cut', failures: 2});
	now += 10_000;
	assert.equal(health.current.status, 'failing', 'no answer yet: still failing however long ago the failure was');
	health.succeeded();
	await waitFor(() => health.current.status === 'ok');
});

test('a refresh whose read fails runs again by itself, with no event to trigger it', async () => {
	let runs = 0;
	const failures: string[] = [];
	// A client whose ping never answers keeps the event stream from opening: only the retry can run the task again.
	const docker = {ping: () => new Promise(() => undefined)} as unknown as Docker;
	const refresh = refreshOnEvents(docker, {}, async () => {
		runs++;
		if (runs < 3) throw new EngineError('timeout', `late ${runs}`);
	}, {delayMs: 1, minIntervalMs: 1, isRunAtOnce: true, onFailed: error => failures.push(error.message)});
	await waitFor(() => runs === 3);
	refresh.stop();
	assert.deepEqual(failures, ['late 1', 'late 2']);
});

test('a refresh whose read is answered with a refusal is not retried', async () => {
	let runs = 0;
	const docker = {ping: () => new Promise(() => undefined)} as unknown as Docker;
	const refresh = refreshOnEvents(docker, {}, async () => {
		runs++;
		throw new EngineError('not-found', 'No such container', 404);
	}, {delayMs: 1, minIntervalMs: 1, isRunAtOnce: true});
	await waitFor(() => runs === 1);
	await new Promise(resolve => setTimeout(resolve, 600));
	refresh.stop();
	assert.equal(runs, 1);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

test('a request that fails after a later-sent one was answered does not mark a healed link failing', () => {
	let now = 1000;
	const health = new LinkHealth(() => now);
	// Sent at 1000 into a hung link; the link heals and a request sent at 5000 is answered.
	now = 5000;
	health.succeeded(5000);
	// The hung request's deadline passes at 11000: old news, the link is fine.
	now = 11_000;
	health.failed('GET /containers/json', new EngineError('timeout', 'late'), 1000);
	assert.deepEqual(health.current, {status: 'ok'});
	// A request sent after the last answer that fails is news.
	health.failed('GET /info', new EngineError('unreachable', 'cut'), 10_500);
	assert.deepEqual(health.current, {status: 'failing', since: 11_000, lastError: 'cut', failures: 1});
	// And so is a failure with no send time (a stream cut now).
	now = 12_000;
	health.failed('GET /events', new EngineError('unreachable', 'cut'));
	assert.equal(health.current.status === 'failing' && health.current.failures, 2);
});

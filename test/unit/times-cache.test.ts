import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';
import {needsInspect, toContainerTimes, type ContainerTimes} from '../../source/engine/resources/container-times.js';
import {EngineError} from '../../source/engine/transport/errors.js';
import {clockOffset} from '../../source/engine/resources/host-info.js';
import {TimesCache} from '../../source/engine/resources/times-cache.js';

const s = 1000;
const h = 3600 * s;
const now = Date.UTC(2025, 0, 1, 12);
const listed = (id: string, state: ContainerSummary['state'], status: string): ContainerSummary =>
	({id, name: id, image: 'busybox', state, status, health: 'none', ports: '', createdAt: 0});
const running = (startedAt: number): ContainerTimes => ({state: 'running', startedAt, finishedAt: 0, exitCode: 0});
const exited = (finishedAt: number, exitCode = 0): ContainerTimes => ({state: 'exited', startedAt: finishedAt - h, finishedAt, exitCode});

async function waitFor(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setImmediate(resolve));
	}
}

test('inspect times: Go\'s zero time is never, the state and exit code as the engine has them', () => {
	assert.deepEqual(
		toContainerTimes({State: {Status: 'exited', StartedAt: '2025-01-01T11:00:00.123456789Z', FinishedAt: '2025-01-01T12:00:00+01:00', ExitCode: 7}}),
		{state: 'exited', startedAt: Date.UTC(2025, 0, 1, 11, 0, 0, 123), finishedAt: Date.UTC(2025, 0, 1, 11), exitCode: 7},
	);
	assert.deepEqual(toContainerTimes({State: {Status: 'created', StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z'}}),
		{state: 'created', startedAt: 0, finishedAt: 0, exitCode: 0});
});

test('the engine\'s clock against ours: its SystemTime taken as halfway through the request', () => {
	// Asked at 12:00:00.000, answered at .100: the engine said 12:00:05.050, so it is five seconds ahead.
	assert.equal(clockOffset('2025-01-01T12:00:05.050123456Z', now, now + 100), 5000);
	assert.equal(clockOffset('2025-01-01T13:59:59.050+02:00', now, now + 100), -1000);
	assert.equal(clockOffset(undefined, now, now + 100), undefined);
});

test('which list entries need an inspect', () => {
	// New: nothing known yet. Words that never change with time: never.
	assert.equal(needsInspect(listed('a', 'running', 'Up 5 seconds'), undefined, now), true);
	for (const [state, words] of [['created', 'Created'], ['dead', 'Dead'], ['removing', 'Removal In Progress']] as const) {
		assert.equal(needsInspect(listed('a', state, words), undefined, now), false, state);
	}
	// Known and what the list says: no.
	assert.equal(needsInspect(listed('a', 'running', 'Up 5 seconds'), running(now - 5500), now), false);
	assert.equal(needsInspect(listed('a', 'exited', 'Exited (3) 2 hours ago'), exited(now - 2 * h, 3), now), false);
	// Another state.
	assert.equal(needsInspect(listed('a', 'exited', 'Exited (0) 1 second ago'), running(now - h), now), true);
	assert.equal(needsInspect(listed('a', 'paused', 'Up About an hour (Paused)'), running(now - h), now), true);
	// Restarted: still running, but the list says it started after the cache thinks.
	assert.equal(needsInspect(listed('a', 'running', 'Up 2 seconds'), running(now - h), now), true);
	assert.equal(needsInspect(listed('a', 'running', 'Up Less than a second (healthy)'), running(now - 3 * s), now), true);
	// Started and finished again between two lists: still exited, but later, or with another code.
	assert.equal(needsInspect(listed('a', 'exited', 'Exited (0) Less than a second ago'), exited(now - 5 * 60 * s), now), true);
	assert.equal(needsInspect(listed('a', 'exited', 'Exited (1) 2 hours ago'), exited(now - 2 * h, 0), now), true);
	assert.equal(needsInspect(listed('a', 'restarting', 'Restarting (1) 1 second ago'), {state: 'restarting', startedAt: now - h, finishedAt: now - 60 * s, exitCode: 1}, now), true);
	// The cache newer than the list (the list lags): no.
	assert.equal(needsInspect(listed('a', 'running', 'Up 5 minutes'), running(now - 10 * s), now), false);
	// Without the engine's time at the list the words cannot be compared; words another engine writes are not read.
	assert.equal(needsInspect(listed('a', 'running', 'Up 2 seconds'), running(now - h), undefined), false);
	assert.equal(needsInspect(listed('a', 'running', 'running for a while'), running(now - h), now), false);
});

interface Asked {
	readonly id: string;
	readonly signal: AbortSignal;
	readonly resolve: (times: ContainerTimes) => void;
	readonly reject: (error: Error) => void;
}

function harness(options: {retryMs?: number; deadlineMs?: number} = {}) {
	const asked: Asked[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	let changes = 0;
	const cache = new TimesCache({
		...options,
		notifyMs: 5,
		onChange: () => changes++,
		inspect: (id, signal) => new Promise<ContainerTimes>((resolve, reject) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			const done = () => inFlight--;
			signal.addEventListener('abort', () => reject(new Error('aborted')));
			asked.push({id, signal, resolve: times => (done(), resolve(times)), reject: error => (done(), reject(error))});
		}),
	});
	let last: {list: readonly ContainerSummary[]; at: number} = {list: [], at: now};
	return {
		cache, asked, maxInFlight: () => maxInFlight, changes: () => changes,
		/** A new list, read at engine time `at`. */
		give(list: readonly ContainerSummary[], at: number) {
			last = {list, at};
			cache.update(list, at);
		},
		/** The times a frame showing the last list may write words from. */
		known(id: string) {
			const entry = last.list.find(c => c.id === id);
			return entry ? cache.times(entry, last.at) : undefined;
		},
	};
}

test('a thousand containers: four inspects at a time, the list answered at once with its own words, few change notices', async () => {
	const {cache, asked, maxInFlight, changes, give, known} = harness();
	const list = Array.from({length: 1000}, (_, i) => listed(`c${i}`, 'running', 'Up 5 seconds'));
	give(list, now);
	assert.equal(known('c0'), undefined, 'nothing known yet');
	assert.equal(asked.length, 4);
	let answered = 0;
	while (answered < 1000) {
		await waitFor(() => asked.length > answered, `inspect ${answered}`);
		asked[answered]?.resolve(running(now - 5 * s));
		answered++;
	}
	await waitFor(() => known('c999') !== undefined, 'the last times');
	assert.equal(maxInFlight(), 4);
	assert.equal(asked.length, 1000, 'one inspect each');
	assert.deepEqual(known('c0'), running(now - 5 * s));
	assert.ok(changes() >= 1 && changes() < 100, `${changes()} notices`);
	cache.stop();
});

test('only what changed is inspected again; a container gone is forgotten', async () => {
	const {cache, asked, give, known} = harness();
	const b = listed('b', 'exited', 'Exited (0) 2 hours ago');
	give([listed('a', 'running', 'Up 5 seconds'), b], now);
	asked[0]?.resolve(running(now - 5 * s));
	asked[1]?.resolve(exited(now - 2 * h));
	await waitFor(() => known('b') !== undefined, 'both known');
	// Ten seconds on: the words moved on, nothing else did.
	give([listed('a', 'running', 'Up 15 seconds'), listed('b', 'exited', 'Exited (0) 2 hours ago')], now + 10 * s);
	assert.equal(asked.length, 2);
	// a restarted, b was removed.
	give([listed('a', 'running', 'Up Less than a second')], now + 11 * s);
	assert.equal(asked.length, 3);
	assert.equal(asked[2]?.id, 'a');
	assert.equal(known('a'), undefined, 'the list\'s words until the inspect answers');
	assert.equal(cache.times(b, now), undefined, 'b forgotten');
	asked[2]?.resolve(running(now + 11 * s - 300));
	await waitFor(() => known('a') !== undefined, 'a again');
	cache.stop();
});

test('a frame of a list the cache has not been given yet shows no times the list contradicts', async () => {
	const {cache, asked, give, known} = harness();
	give([listed('a', 'running', 'Up About an hour')], now);
	asked[0]?.resolve(running(now - h - 5 * s));
	await waitFor(() => known('a') !== undefined, 'a known');
	assert.ok(cache.times(listed('a', 'running', 'Up About an hour'), now + s), 'a new list saying the same');
	assert.equal(cache.times(listed('a', 'running', 'Up 2 seconds'), now + s), undefined, 'restarted');
	assert.equal(cache.times(listed('a', 'paused', 'Up About an hour (Paused)'), now + s), undefined, 'paused');
	cache.stop();
});

test('a list that comes while an inspect runs is checked against its answer', async () => {
	const {cache, asked, give, known} = harness();
	give([listed('a', 'running', 'Up 5 seconds')], now);
	// It dies while being inspected; the inspect still saw it running.
	give([listed('a', 'exited', 'Exited (1) Less than a second ago')], now + 100);
	assert.equal(asked.length, 1, 'not twice at once');
	asked[0]?.resolve(running(now - 5 * s));
	await waitFor(() => asked.length === 2, 'asked again for the exit');
	asked[1]?.resolve(exited(now + 50, 1));
	await waitFor(() => known('a')?.state === 'exited', 'the exit');
	// The inspect is newer than the list that asked (started meanwhile): accepted, not asked again.
	give([listed('a', 'exited', 'Exited (1) 2 seconds ago')], now + 2500);
	give([listed('a', 'exited', 'Exited (1) 3 seconds ago')], now + 3500);
	assert.equal(asked.length, 2);
	cache.stop();
});

test('a failed inspect is tried again later, with a deadline, and holds nothing up', async () => {
	const {cache, asked, give, known} = harness({retryMs: 5, deadlineMs: 50});
	give([listed('a', 'running', 'Up 5 seconds'), listed('b', 'running', 'Up 5 seconds')], now);
	asked[0]?.reject(new EngineError('server', 'boom', 500));
	asked[1]?.resolve(running(now - 5 * s));
	await waitFor(() => known('b') !== undefined, 'b answered');
	await waitFor(() => asked.length === 3, 'a asked again');
	assert.equal(asked[2]?.id, 'a');
	// No answer at all: the deadline aborts it, and it is asked again after that.
	await waitFor(() => asked[2]?.signal.aborted === true, 'the deadline');
	await waitFor(() => asked.length === 4, 'a asked a third time');
	asked[3]?.resolve(running(now - 5 * s));
	await waitFor(() => known('a') !== undefined, 'a known');
	cache.stop();
	assert.ok(asked[3]?.signal.aborted, 'stop aborts');
});

test('a container gone before its inspect (404) is not asked about again; one that failed otherwise is', async () => {
	const {cache, asked, give, known} = harness({retryMs: 1});
	give([listed('gone', 'running', 'Up 5 seconds'), listed('failed', 'running', 'Up 5 seconds')], now);
	asked[0]?.reject(new EngineError('not-found', 'No such container', 404));
	asked[1]?.reject(new EngineError('server', 'boom', 500));
	// Both would be retried after the same wait, the first first: by the second's retry, the first would have been asked.
	await waitFor(() => asked.length === 3, 'the retry');
	assert.deepEqual(asked.map(a => a.id), ['gone', 'failed', 'failed']);
	assert.equal(known('gone'), undefined);
	cache.stop();
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ContainerSummary} from '../../source/engine/containers.js';
import {needsInspect, toContainerTimes, type ContainerTimes} from '../../source/engine/container-times.js';
import {EngineError} from '../../source/engine/errors.js';
import {TimesCache} from '../../source/engine/times-cache.js';

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
	return {cache, asked, inFlight: () => inFlight, maxInFlight: () => maxInFlight, changes: () => changes};
}

test('a thousand containers: four inspects at a time, the list answered at once with its own words, few change notices', async () => {
	const {cache, asked, maxInFlight, changes} = harness();
	const list = Array.from({length: 1000}, (_, i) => listed(`c${i}`, 'running', 'Up 5 seconds'));
	cache.update(list, now);
	assert.equal(cache.times('c0'), undefined, 'nothing known yet');
	assert.equal(asked.length, 4);
	let answered = 0;
	while (answered < 1000) {
		await waitFor(() => asked.length > answered, `inspect ${answered}`);
		asked[answered]?.resolve(running(now - 5 * s));
		answered++;
	}
	await waitFor(() => cache.times('c999') !== undefined, 'the last times');
	assert.equal(maxInFlight(), 4);
	assert.equal(asked.length, 1000, 'one inspect each');
	assert.deepEqual(cache.times('c0'), running(now - 5 * s));
	assert.ok(changes() >= 1 && changes() < 100, `${changes()} notices`);
	cache.stop();
});

test('only what changed is inspected again; a container gone is forgotten', async () => {
	const {cache, asked} = harness();
	cache.update([listed('a', 'running', 'Up 5 seconds'), listed('b', 'exited', 'Exited (0) 2 hours ago')], now);
	asked[0]?.resolve(running(now - 5 * s));
	asked[1]?.resolve(exited(now - 2 * h));
	await waitFor(() => cache.times('b') !== undefined, 'both known');
	// Ten seconds on: the words moved on, nothing else did.
	cache.update([listed('a', 'running', 'Up 15 seconds'), listed('b', 'exited', 'Exited (0) 2 hours ago')], now + 10 * s);
	assert.equal(asked.length, 2);
	// a restarted, b was removed.
	cache.update([listed('a', 'running', 'Up Less than a second')], now + 11 * s);
	assert.equal(asked.length, 3);
	assert.equal(asked[2]?.id, 'a');
	assert.equal(cache.times('a'), undefined, 'the list\'s words until the inspect answers');
	assert.equal(cache.times('b'), undefined);
	asked[2]?.resolve(running(now + 11 * s - 300));
	await waitFor(() => cache.times('a') !== undefined, 'a again');
	cache.stop();
});

test('a list that comes while an inspect runs is checked against its answer', async () => {
	const {cache, asked} = harness();
	cache.update([listed('a', 'running', 'Up 5 seconds')], now);
	// It dies while being inspected; the inspect still saw it running.
	cache.update([listed('a', 'exited', 'Exited (1) Less than a second ago')], now + 100);
	assert.equal(asked.length, 1, 'not twice at once');
	asked[0]?.resolve(running(now - 5 * s));
	await waitFor(() => asked.length === 2, 'asked again for the exit');
	asked[1]?.resolve(exited(now + 50, 1));
	await waitFor(() => cache.times('a')?.state === 'exited', 'the exit');
	// The inspect is newer than the list that asked (started meanwhile): accepted, not asked again.
	cache.update([listed('a', 'exited', 'Exited (1) 2 seconds ago')], now + 2500);
	cache.update([listed('a', 'exited', 'Exited (1) 3 seconds ago')], now + 3500);
	assert.equal(asked.length, 2);
	cache.stop();
});

test('a failed inspect is tried again later, with a deadline, and holds nothing up', async () => {
	const {cache, asked} = harness({retryMs: 5, deadlineMs: 50});
	cache.update([listed('a', 'running', 'Up 5 seconds'), listed('b', 'running', 'Up 5 seconds')], now);
	asked[0]?.reject(new EngineError('server', 'boom', 500));
	asked[1]?.resolve(running(now - 5 * s));
	await waitFor(() => cache.times('b') !== undefined, 'b answered');
	await waitFor(() => asked.length === 3, 'a asked again');
	assert.equal(asked[2]?.id, 'a');
	// No answer at all: the deadline aborts it, and it is asked again after that.
	await waitFor(() => asked[2]?.signal.aborted === true, 'the deadline');
	await waitFor(() => asked.length === 4, 'a asked a third time');
	asked[3]?.resolve(running(now - 5 * s));
	await waitFor(() => cache.times('a') !== undefined, 'a known');
	cache.stop();
	assert.ok(asked[3]?.signal.aborted, 'stop aborts');
});

test('a container gone before its inspect (404) is not asked about again; one that failed otherwise is', async () => {
	const {cache, asked} = harness({retryMs: 1});
	cache.update([listed('gone', 'running', 'Up 5 seconds'), listed('failed', 'running', 'Up 5 seconds')], now);
	asked[0]?.reject(new EngineError('not-found', 'No such container', 404));
	asked[1]?.reject(new EngineError('server', 'boom', 500));
	// Both would be retried after the same wait, the first first: by the second's retry, the first would have been asked.
	await waitFor(() => asked.length === 3, 'the retry');
	assert.deepEqual(asked.map(a => a.id), ['gone', 'failed', 'failed']);
	assert.equal(cache.times('gone'), undefined);
	cache.stop();
});

// A failed read's backoff spares a failing link, and no more: it ends once the
// link answers a request sent after it began, and a read given up because later
// requests were answered is retried at once. Both for retryRead (panes that
// read once) and for the refresh that keeps a list current.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {refreshOnEvents} from '../../source/engine/streams/event-refresh.js';
import {EngineError} from '../../source/engine/transport/errors.js';
import {linkHealthOf} from '../../source/engine/transport/link-health.js';
import {OvertakenRead} from '../../source/engine/transport/overtaken-read.js';
import {retryRead} from '../../source/engine/transport/retry-read.js';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
// A client whose ping never answers keeps the event stream from opening: only the retry runs a refresh again.
const quietClient = () => ({ping: () => new Promise(() => undefined)}) as unknown as Docker;

/** retryRead of a read that fails as `failure` says for its nth call (from 1), noting when each call ran and each backoff. */
function recordedRetry(docker: Docker, failure: (call: number) => Error | undefined) {
	const readAt: number[] = [];
	const waits: number[] = [];
	const result = retryRead(docker, async () => {
		readAt.push(Date.now());
		const error = failure(readAt.length);
		if (error) throw error;
		return 'read';
	}, new AbortController().signal, (_error, retryInMs) => waits.push(retryInMs));
	return {result, readAt, waits};
}

test('a retry\'s backoff ends once the link answers a request sent after it began', async () => {
	const docker = quietClient();
	const health = linkHealthOf(docker);
	const {result, readAt, waits} = recordedRetry(docker, call => (call < 3 ? new EngineError('timeout', 'late') : undefined));
	await waitFor(() => waits.length === 2);
	// The second backoff is 500 ms or more; another view's request, sent now, is answered.
	await sleep(20);
	health.succeeded(Date.now());
	assert.equal(await result, 'read');
	const [, second = 0, third = 0] = readAt;
	assert.ok((waits[1] ?? 0) >= 500, `backoff of ${waits[1]} ms`);
	assert.ok(third - second < 250, `read again ${third - second} ms after the failure, not after its ${waits[1]} ms backoff`);
});

test('an answer to a request sent before the backoff began does not cut it short', async () => {
	const docker = quietClient();
	const health = linkHealthOf(docker);
	const {result, readAt, waits} = recordedRetry(docker, call => (call < 2 ? new EngineError('timeout', 'late') : undefined));
	await waitFor(() => waits.length === 1);
	// A sibling of the failed read, sent with it, answered now: no news about the link since the failure.
	health.succeeded((readAt[0] ?? 0) - 1);
	await result;
	const [first = 0, second = 0] = readAt;
	assert.ok(second - first >= (waits[0] ?? 0) - 5, `read again ${second - first} ms after the failure, its backoff was ${waits[0]} ms`);
});

test('a read given up because later requests were answered is retried at once, not after a backoff', async () => {
	const {result, readAt, waits} = recordedRetry(quietClient(), call => (call < 3 ? new EngineError('timeout', 'late') : call === 3 ? new OvertakenRead('GET /containers/json') : undefined));
	assert.equal(await result, 'read');
	const [, , third = 0, fourth = 0] = readAt;
	assert.equal(waits[2], 0);
	assert.ok(fourth - third < 100, `read again ${fourth - third} ms after it was given up`);
});

test('a list refresh whose read failed runs again once the link answers, and at once when the read was overtaken', async () => {
	const docker = quietClient();
	const health = linkHealthOf(docker);
	const runAt: number[] = [];
	const waits: number[] = [];
	const refresh = refreshOnEvents(docker, {}, async () => {
		runAt.push(Date.now());
		if (runAt.length <= 2) throw new EngineError('timeout', 'late');
		if (runAt.length === 3) throw new OvertakenRead('GET /containers/json');
	}, {delayMs: 1, minIntervalMs: 1, isRunAtOnce: true, onFailed: (_error, retryInMs) => waits.push(retryInMs)});
	await waitFor(() => waits.length === 2);
	await sleep(20);
	health.succeeded(Date.now());
	await waitFor(() => runAt.length === 4);
	refresh.stop();
	const [, second = 0, third = 0, fourth = 0] = runAt;
	assert.ok((waits[1] ?? 0) >= 500, `backoff of ${waits[1]} ms`);
	assert.ok(third - second < 250, `ran again ${third - second} ms after the failure, not after its ${waits[1]} ms backoff`);
	assert.equal(waits[2], 0);
	assert.ok(fourth - third < 100, `ran again ${fourth - third} ms after the overtaken read`);
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(5);
	}
}

// The engine's die comes before its list says so: a re-list made for the event
// that still shows the container running is read again, not kept as the truth.
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {isListBehind} from '../../source/engine/resources/container-list-lag.js';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';
import {refreshOnEvents} from '../../source/engine/streams/event-refresh.js';
import {toEngineEvent, type EngineEvent} from '../../source/engine/streams/events.js';

const event = (action: string, id: string, nano = 1e18): EngineEvent => toEngineEvent({Type: 'container', Action: action, Actor: {ID: id, Attributes: {name: id}}, timeNano: nano});
const row = (id: string, state: ContainerSummary['state']) => ({id, state}) as ContainerSummary;

test('a list is behind when a row contradicts the last lifecycle event about it', () => {
	assert.equal(isListBehind([row('a', 'running')], [event('die', 'a')]), true);
	assert.equal(isListBehind([row('a', 'exited')], [event('die', 'a')]), false);
	assert.equal(isListBehind([row('a', 'restarting')], [event('die', 'a')]), false, 'a restart policy at work');
	assert.equal(isListBehind([row('a', 'running')], [event('die', 'a'), event('start', 'a')]), false, 'only the last event counts');
	assert.equal(isListBehind([row('a', 'exited')], [event('destroy', 'a')]), true);
	assert.equal(isListBehind([], [event('destroy', 'a')]), false);
	assert.equal(isListBehind([row('a', 'running')], [event('pause', 'a')]), true);
	assert.equal(isListBehind([row('a', 'paused')], [event('unpause', 'a')]), true);
	assert.equal(isListBehind([row('a', 'created')], [event('start', 'a')]), true);
	assert.equal(isListBehind([row('a', 'running')], [event('health_status: healthy', 'a')]), false);
	assert.equal(isListBehind([row('a', 'running')], []), false);
});

function fakeEngine() {
	const streams: PassThrough[] = [];
	const docker = {
		ping: async () => 'OK',
		getEvents: async (options: {abortSignal: AbortSignal}) => {
			const stream = new PassThrough();
			options.abortSignal.addEventListener('abort', () => stream.destroy(), {once: true});
			streams.push(stream);
			return stream;
		},
	} as unknown as Docker;
	return {docker, streams};
}

async function waitFor(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 3000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

test('a task that answers "behind" runs again with the same events, until its read agrees', async () => {
	const {docker, streams} = fakeEngine();
	const runs: string[][] = [];
	let lagging = 2;
	const refresh = refreshOnEvents(docker, {type: ['container']}, async (_signal, events) => {
		runs.push(events.map(seen => seen.action));
		return events.length > 0 && lagging-- > 0 ? 'behind' : undefined;
	}, {delayMs: 1, minIntervalMs: 1});
	try {
		await waitFor(() => runs.length === 1 && streams.length === 1);
		streams[0]?.write(`${JSON.stringify({Type: 'container', Action: 'die', Actor: {ID: 'a', Attributes: {}}, timeNano: 2e18})}\n`);
		await waitFor(() => runs.length === 4);
		assert.deepEqual(runs, [[], ['die'], ['die'], ['die']], 'read again with the die until the list shows it');
		await new Promise(resolve => setTimeout(resolve, 400));
		assert.equal(runs.length, 4, 'no more reads once it agrees');
	} finally {
		refresh.stop();
	}
});

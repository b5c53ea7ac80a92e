// The client's one event stream: union of the subscribers' filters, each
// subscriber given only its events, a reopen for new filters that loses nothing.
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {EventHub, matchesFilters, unionOf} from '../../source/engine/streams/event-hub.js';
import {toEngineEvent} from '../../source/engine/streams/events.js';

test('the union keeps only keys every subscriber narrows by, with every value', () => {
	assert.deepEqual(unionOf([{type: ['container'], event: ['start']}, {type: ['image'], event: ['pull']}]), {event: ['pull', 'start'], type: ['container', 'image']});
	assert.deepEqual(unionOf([{type: ['container'], container: ['abc']}, {type: ['container']}]), {type: ['container']});
	assert.deepEqual(unionOf([{type: ['container']}, {}]), {});
});

test('matching follows the engine: event prefixes before a colon, containers by id prefix or name', () => {
	const event = toEngineEvent({Type: 'container', Action: 'health_status: healthy', Actor: {ID: 'abcdef123', Attributes: {name: 'web'}}, timeNano: 1e18});
	assert.equal(matchesFilters(event, {type: ['container'], event: ['health_status']}), true);
	assert.equal(matchesFilters(event, {event: ['health']}), false);
	assert.equal(matchesFilters(event, {container: ['abc']}), true);
	assert.equal(matchesFilters(event, {container: ['web']}), true);
	assert.equal(matchesFilters(event, {container: ['db']}), false);
	assert.equal(matchesFilters(event, {type: ['image']}), false);
});

/** A client whose /events streams the test writes to, one per request, with the filters asked for. */
function fakeEngine() {
	const streams: Array<{filters: unknown; stream: PassThrough; signal: AbortSignal}> = [];
	const docker = {
		ping: async () => 'OK',
		getEvents: async (options: {filters: string; abortSignal: AbortSignal}) => {
			const stream = new PassThrough();
			if (options.abortSignal.aborted) stream.destroy();
			else options.abortSignal.addEventListener('abort', () => stream.destroy(), {once: true});
			streams.push({filters: JSON.parse(options.filters), stream, signal: options.abortSignal});
			return stream;
		},
	} as unknown as Docker;
	return {docker, streams};
}

const line = (type: string, action: string, id: string, nano: number) => `${JSON.stringify({Type: type, Action: action, Actor: {ID: id, Attributes: {}}, timeNano: nano})}\n`;

test('a second subscriber reopens the stream with the union; the old one closes once the new is up; each gets its own events once', async () => {
	const {docker, streams} = fakeEngine();
	const hub = new EventHub(docker);
	const seen: string[] = [];
	let containerConnects = 0;
	let imageConnects = 0;
	const stopContainers = hub.subscribe({filters: {type: ['container']}, onEvent: event => seen.push(`c:${event.action}`), onConnected: () => containerConnects++});
	await waitFor(() => containerConnects === 1);
	assert.deepEqual(streams[0]?.filters, {type: ['container']});
	streams[0]?.stream.write(line('container', 'start', 'a', 1_000_000_000));
	await waitFor(() => seen.length === 1);

	const stopImages = hub.subscribe({filters: {type: ['image']}, onEvent: event => seen.push(`i:${event.action}`), onConnected: () => imageConnects++});
	await waitFor(() => imageConnects === 1);
	assert.deepEqual(streams[1]?.filters, {type: ['container', 'image']});
	assert.equal(streams[0]?.signal.aborted, true, 'the old stream closes once the new one is open');
	assert.equal(containerConnects, 1, 'a reopen for new filters makes nobody re-read');
	// The new stream starts from the last event seen: it sends that one again, and it is not delivered twice.
	streams[1]?.stream.write(line('container', 'start', 'a', 1_000_000_000));
	streams[1]?.stream.write(line('image', 'pull', 'busybox', 2_000_000_000));
	streams[1]?.stream.write(line('container', 'die', 'a', 3_000_000_000));
	await waitFor(() => seen.length === 3);
	assert.deepEqual(seen, ['c:start', 'i:pull', 'c:die']);

	stopImages();
	stopContainers();
	await waitFor(() => streams.every(open => open.signal.aborted));
});

test('after a lost stream, the next one to come up makes every subscriber re-read, even when the filters changed meanwhile', async () => {
	const {docker, streams} = fakeEngine();
	const hub = new EventHub(docker);
	let connects = 0;
	let losses = 0;
	const stopContainers = hub.subscribe({filters: {type: ['container']}, onConnected: () => connects++, onLost: () => losses++});
	await waitFor(() => connects === 1);
	streams[0]?.stream.destroy(new Error('cut'));
	await waitFor(() => losses === 1);
	// A view that leaves while the stream is down changes the union before any reconnect.
	const stopImages = hub.subscribe({filters: {type: ['image']}});
	stopImages();
	await waitFor(() => connects === 2);
	stopContainers();
});

async function waitFor(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 3000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

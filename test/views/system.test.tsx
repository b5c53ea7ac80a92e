// The system pane against the in-memory engine: engine info and disk usage,
// refresh, search, and the prune of everything unused with its list first.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const mb = 1000 * 1000;

function host(engine: InMemoryEngine): void {
	engine.addContainer({name: 'api'});
	engine.addContainer({name: 'cache', state: 'paused'});
	engine.addContainer({name: 'old', state: 'exited', sizeRw: 2 * mb});
	engine.addImage({size: 7 * mb});
	engine.addNetwork({name: 'unused', subnet: '10.99.0.0/24'});
	engine.addVolume({name: 'keep', size: 3 * mb});
}

async function openSystem(t: Parameters<typeof openApp>[0], setUp: (engine: InMemoryEngine) => void = host) {
	const fixture = await openApp(t, setUp, {columns: 110, rows: 40});
	await fixture.app.waitFor(/Containers \d+\/\d+/);
	await fixture.app.type(':system\r');
	await fixture.app.waitFor(/^Disk usage/m);
	return fixture;
}

test(':system shows the engine\'s identity, its containers and images, and the disk usage table', async t => {
	const {app} = await openSystem(t);
	const frame = app.frame();
	assert.match(frame, /Name: {12}in-memory/);
	assert.match(frame, /Version: {9}Docker 26\.1\.4, API 1\.45 \(min 1\.24\)/);
	assert.match(frame, /CPUs: {12}4/);
	assert.match(frame, /Memory: {10}8\.00GiB/);
	assert.match(frame, /Containers: {6}3 \(1 running, 1 paused, 1 stopped\)/);
	assert.match(frame, /Images: {10}2/);
	assert.match(frame, /TYPE +TOTAL +ACTIVE +SIZE {2}RECLAIMABLE/);
	assert.match(frame, /Images +2 +1 +10\.8MiB {2}6\.68MiB \(62%\)/);
	assert.match(frame, /Containers +3 +1 +1\.91MiB {2}1\.91MiB \(100%\)/);
	assert.match(frame, /Local volumes +1 +0 +2\.86MiB {2}2\.86MiB \(100%\)/);
});

test('r reads the info again; / searches it', async t => {
	const {engine, app} = await openSystem(t);
	engine.addContainer({name: 'late', state: 'exited'});
	await app.press('r');
	await app.waitFor(/Containers: {6}4 \(1 running, 1 paused, 2 stopped\)/);
	await app.press('/');
	await app.type('kernel\r');
	await app.waitFor(/\/kernel: 1 match/);
});

test('X lists everything unused first, says volumes stay, and y prunes it', async t => {
	const {engine, app} = await openSystem(t);
	await app.press('X');
	const frame = await app.waitFor(/Prune everything unused: 3 items, reclaiming up to 8\.58MiB\?/);
	assert.match(frame, /container {2}old {2}1\.91MiB/);
	assert.match(frame, /network {4}unused/);
	assert.match(frame, /image {6}[0-9a-f]{12} {2}6\.68MiB/);
	assert.match(frame, /Volumes and tagged images stay\./);
	await app.press('y');
	await app.waitFor(/Pruned 1 containers, 1 networks, 1 images and the build cache; reclaimed 8\.58MiB\./);
	await app.waitFor(/Containers: {6}2 \(1 running, 1 paused, 0 stopped\)/);
	assert.equal(engine.container('old'), undefined);
	assert.equal(engine.network('unused'), undefined);
	assert.equal(engine.images.length, 1);
	assert.ok(engine.volume('keep'));
});

test('with nothing unused X says so, and n or Esc leave the question', async t => {
	const {engine, app} = await openSystem(t, engine => engine.addContainer({name: 'api'}));
	await app.press('X');
	await app.waitFor(/Nothing to prune\./);
	await app.press(keys.escape);
	await app.waitFor(frame => !/Nothing to prune/.test(frame) && /^Disk usage/m.test(frame));
	assert.equal(engine.requests.filter(request => request.includes('/prune')).length, 0);
});

test('B prunes the build cache on its own: the unused entries listed first, the one in use kept', async t => {
	const {engine, app} = await openSystem(t, more => {
		host(more);
		more.addBuildCache({description: 'mount / from exec /bin/sh -c make', size: 40 * mb});
		more.addBuildCache({description: '[2/3] RUN apk add curl', size: 12 * mb});
		more.addBuildCache({description: 'local source for context', size: 1 * mb, inUse: true});
	});
	await app.press('B');
	const question = await app.waitFor(/Prune 2 build cache entries, reclaiming up to 49\.6MiB\?/);
	assert.match(question, /regular {2}mount \/ from exec \/bin\/sh -c make {2}38\.1MiB/);
	assert.match(question, /RUN apk add curl/);
	assert.doesNotMatch(question, /local source for context/);
	assert.equal(engine.requests.filter(request => request.startsWith('POST /build/prune')).length, 0);
	await app.press('y');
	await app.waitFor(/Pruned 2 build cache entries, reclaimed 49\.6MiB\./);
	assert.deepEqual(engine.buildCache.map(entry => entry.description), ['local source for context']);
	// Containers, networks and images were left alone: this prune is the cache's only.
	assert.ok(engine.container('old'));
	assert.ok(engine.network('unused'));
});

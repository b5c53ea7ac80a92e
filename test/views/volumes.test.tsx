// The volumes pane (a ResourceSpec) against the in-memory engine: the list
// with sizes and users, sorts, inspect, the create form, remove with its
// refusal for a volume in use, and the prune, whose `a` depends on the API.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine, InMemoryEngineOptions} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const mb = 1000 * 1000;
const anonymous = 'f00d'.repeat(16);

function store(engine: InMemoryEngine): void {
	engine.addVolume({name: 'pgdata', size: 200 * mb, labels: {tier: 'db'}});
	engine.addVolume({name: 'cache', size: 10 * mb});
	engine.addVolume({name: anonymous, size: mb, isAnonymous: true});
	engine.addContainer({name: 'db', volumes: [{name: 'pgdata', destination: '/var/lib/postgresql/data'}]});
}

async function openVolumes(t: Parameters<typeof openApp>[0], engineOptions: InMemoryEngineOptions = {}) {
	const fixture = await openApp(t, store, {columns: 120, engine: engineOptions});
	await fixture.app.waitFor(/● db/);
	await fixture.app.type(':volumes\r');
	await fixture.app.waitFor(/Volumes 3\/3/);
	return fixture;
}

// A long name is cut with an ellipsis: the anonymous volume's row names it by its first 42 characters.
const names = (frame: string) => frame.split('\n').filter(line => /^[●○] /.test(line)).map(line => line.slice(2).split(/\s+/)[0]?.replace(/^(f00d)+f0…$/, anonymous));

test('lists each volume with its driver, size and the containers using it; N, Z and U sort', async t => {
	const {app} = await openVolumes(t);
	let frame = app.frame();
	assert.match(frame, /NAME +DRIVER +SIZE +USED BY +MOUNTPOINT/);
	assert.match(frame, /● pgdata +local +191MiB +db +\/var\/lib\/docker\/volumes\/pgd…/);
	assert.match(frame, /○ cache +local +9\.54MiB +-/);
	assert.deepEqual(names(frame), ['cache', anonymous, 'pgdata']);
	await app.press('Z');
	frame = await app.waitFor(/SIZE↑/);
	assert.deepEqual(names(frame), [anonymous, 'cache', 'pgdata']);
	await app.press('U', 'U');
	frame = await app.waitFor(/USED BY↓/);
	assert.equal(names(frame)[0], 'pgdata');
	await app.press('/');
	await app.type('pg\r');
	await app.waitFor(/Volumes 1\/3 {2}filter: pg/);
});

test('Enter shows the volume\'s driver, mountpoint, labels and users', async t => {
	const {app} = await openVolumes(t);
	await app.press('G', keys.enter);
	const frame = await app.waitFor(/Volume pgdata/);
	assert.match(frame, /Mountpoint: {2}\/var\/lib\/docker\/volumes\/pgdata\/_data/);
	assert.match(frame, /Used by:\n {2}db \(running\)/);
	assert.match(frame, /Labels:\n {2}tier=db/);
});

test('c creates a volume from a form', async t => {
	const {engine, app} = await openVolumes(t);
	await app.press('c');
	await app.waitFor(/Create a volume/);
	await app.type('uploads');
	await app.press(keys.enter);
	await app.waitFor(/Created volume uploads\./);
	await app.waitFor(/Volumes 4\/4/);
	assert.equal(engine.volume('uploads')?.driver, 'local');
	await app.press('c');
	await app.type('no spaces');
	await app.press(keys.enter);
	await app.waitFor(/"no spaces" is not a volume name/);
});

test('d refuses a volume in use and names who uses it; for one not in use it asks, then removes', async t => {
	const {engine, app} = await openVolumes(t);
	await app.press('G', 'd');
	await app.waitFor(/Volume pgdata is in use by db \(running\)\. Remove that container first\./);
	await app.press('g', 'd');
	const frame = await app.waitFor(/Remove volume cache\?/);
	assert.match(frame, /Its data is deleted for good\./);
	await app.press('y');
	await app.waitFor(/Removed volume cache\./);
	await app.waitFor(/Volumes 2\/2/);
	assert.equal(engine.volume('cache'), undefined);
});

test('X prunes only anonymous volumes unless a widens it to named ones (API 1.42 and later)', async t => {
	const {engine, app} = await openVolumes(t);
	await app.press('X');
	let frame = await app.waitFor(/Prune 1 unused anonymous volumes, reclaiming 977KiB\?/);
	assert.match(frame, /\[ \] a {2}named volumes too, not only anonymous ones/);
	await app.press('a');
	frame = await app.waitFor(/Prune 2 unused volumes, reclaiming 10\.5MiB\?/);
	assert.match(frame, /cache {2}9\.54MiB/);
	await app.press('y');
	await app.waitFor(/Pruned 2 volumes, reclaimed 10\.5MiB\./);
	assert.deepEqual(engine.volumes.map(volume => volume.name), ['pgdata']);
});

test('on an engine older than API 1.42 a prune takes named volumes too, and a has nothing to widen', async t => {
	const {app} = await openVolumes(t, {apiVersion: '1.41', engineVersion: '20.10.24'});
	await app.press('X');
	const frame = await app.waitFor(/Prune 2 unused volumes, reclaiming 10\.5MiB\?/);
	assert.doesNotMatch(frame, /\[ \] a/);
	await app.press('n');
	await app.waitFor(frame => !/Prune 2/.test(frame));
});

test('a list the engine refuses shows why in the bar, keeps what it had, and is read again until it succeeds', async t => {
	const {engine, app} = await openVolumes(t);
	const refused = engine.fail({method: 'GET', path: '/volumes', answer: {status: 500, message: 'volume plugin timed out'}});
	engine.addVolume({name: 'fresh'});
	engine.emit('volume', 'create', 'fresh', {driver: 'local'});
	const frame = await app.waitFor(/Volumes 3\/3 {2}could not list: .*volume plugin timed out/);
	assert.match(frame, /● pgdata/);
	await app.until(() => refused.hits >= 2, 'a second try');
	refused.clear();
	await app.waitFor(frame => /Volumes 4\/4/.test(frame) && !/could not list/.test(frame), {timeoutMs: 15_000});
});

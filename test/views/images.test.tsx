// The images pane (a ResourceSpec drawn by the one ResourcePane) against the
// in-memory engine: the list and its sorts, filter and dangling switch, and
// each kind of action: text pages (Enter, h), forms (t tag, p pull, R run),
// a question with a switch (d, f), at once (P push, refused for a dangling
// image) and the prune with `a` widening it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const mb = 1000 * 1000;
const day = 86_400_000;

function library(engine: InMemoryEngine): void {
	engine.addImage({
		tags: ['redis:7'], size: 40 * mb, createdAgoMs: 2 * day, cmd: ['redis-server'], env: ['REDIS_VERSION=7.2'], exposedPorts: ['6379/tcp'],
		history: [{createdBy: '/bin/sh -c #(nop) ADD file:4b1 in /', size: 30 * mb}, {createdBy: '/bin/sh -c #(nop)  CMD ["redis-server"]', size: 0}],
	});
	engine.addImage({tags: ['shop/api:2', 'shop/api:latest'], size: 120 * mb, createdAgoMs: 5 * day});
	engine.addImage({size: 5 * mb, createdAgoMs: 9 * day});
	engine.addContainer({name: 'api', image: 'shop/api:2'});
}

async function openImages(t: Parameters<typeof openApp>[0], setUp: (engine: InMemoryEngine) => void = library) {
	const fixture = await openApp(t, setUp, {columns: 110});
	await fixture.app.waitFor(/[●○] api/);
	await fixture.app.type(':images\r');
	await fixture.app.waitFor(/Images \d+\/\d+\n.*\n[●○◌] /);
	return fixture;
}

/** The references of the rows, top to bottom. */
function references(frame: string): string[] {
	return frame.split('\n').filter(line => /^[●○◌] /.test(line)).map(line => line.slice(2).split(/\s+/)[0] ?? '');
}

test('one row per tag and one for the untagged image, with size, age and the containers using it', async t => {
	const {app} = await openImages(t);
	const frame = app.frame();
	assert.match(frame, /REPOSITORY:TAG +IMAGE ID +SIZE +CREATED +CONTAINERS/);
	assert.match(frame, /● shop\/api:2 +[0-9a-f]{12} +114MiB +5d ago +1/);
	assert.match(frame, /● shop\/api:latest +[0-9a-f]{12} +114MiB +5d ago +1/);
	assert.match(frame, /○ redis:7 +[0-9a-f]{12} +38\.1MiB +2d ago +0/);
	assert.match(frame, /◌ <none>:<none> +[0-9a-f]{12} +4\.77MiB +9d ago +0/);
});

test('N, Z, A and U sort (again reverses), / filters, a hides and shows dangling images', async t => {
	const {app} = await openImages(t);
	await app.press('Z');
	let frame = await app.waitFor(/SIZE↑/);
	// The two tags of one image are the same size: their order between them is not the sort's to say.
	assert.deepEqual(references(frame).slice(0, 2), ['<none>:<none>', 'redis:7']);
	await app.press('Z');
	frame = await app.waitFor(/SIZE↓/);
	assert.deepEqual(references(frame).slice(2), ['redis:7', '<none>:<none>']);
	await app.press('A');
	frame = await app.waitFor(/CREATED↑/);
	assert.deepEqual(references(frame)[0], 'redis:7');
	await app.press('N');
	frame = await app.waitFor(/REPOSITORY:TAG↑/);
	assert.deepEqual(references(frame), ['<none>:<none>', 'redis:7', 'shop/api:2', 'shop/api:latest']);
	await app.press('U', 'U');
	frame = await app.waitFor(frame => references(frame)[0] !== '<none>:<none>');
	assert.deepEqual(references(frame).slice(0, 2).sort(), ['shop/api:2', 'shop/api:latest']);
	await app.press('/');
	await app.type('shop\r');
	frame = await app.waitFor(/Images 2\/4 {2}filter: shop/);
	await app.press(keys.escape);
	await app.waitFor(/Images 4\/4/);
	await app.press('a');
	frame = await app.waitFor(/Images 3\/4 {2}dangling hidden/);
	assert.match(frame, /Hiding dangling images\./);
	await app.press('a');
	await app.waitFor(/Images 4\/4/);
});

// Found while writing these tests: a column whose title fills its width (CONTAINERS, 10 of
// 10) has no room for the sort arrow, which is cut to "CONTAINER…", so the header never says
// the list is sorted by it, nor which way.
test('the header shows the sort arrow on every sortable column', async t => {
	const {app} = await openImages(t);
	await app.press('U');
	await app.waitFor(/CONTAINERS[↑↓]/, {timeoutMs: 2000});
});

test('Enter and h open the image\'s inspect and history as pages; Esc comes back to the list', async t => {
	const {app} = await openImages(t);
	await app.press('N', 'j', keys.enter);
	let frame = await app.waitFor(/Image redis:7/);
	assert.match(frame, /Cmd: +redis-server/);
	assert.match(frame, /Exposed ports:\n {2}6379\/tcp/);
	assert.match(frame, /REDIS_VERSION=7\.2/);
	await app.press(keys.escape);
	await app.waitFor(/Images 4\/4/);
	await app.press('h');
	frame = await app.waitFor(/History of redis:7/);
	assert.match(frame, /CMD \["redis-server"\]/);
	assert.match(frame, /28\.6MiB {2}ADD file:4b1 in \//);
});

test('t tags the selected image from a form; d asks, and removing a tag another keeps is an untag', async t => {
	const {engine, app} = await openImages(t);
	await app.press('N', 'j', 't');
	await app.waitFor(/Tag redis:7/);
	await app.type('registry.local:5000/redis:7');
	await app.press(keys.enter);
	await app.waitFor(/Tagged redis:7 as registry\.local:5000\/redis:7\./);
	await app.waitFor(/Images 5\/5/);
	assert.deepEqual(engine.image('redis:7')?.tags, ['redis:7', 'registry.local:5000/redis:7']);
	await app.press('d');
	const frame = await app.waitFor(/Remove image redis:7\?/);
	assert.match(frame, /\[ \] f {2}force: remove even if containers use it or it has other tags/);
	await app.press('y');
	await app.waitFor(/Removed redis:7: 1 untagged \(redis:7\), 0 deleted\./);
	assert.deepEqual(engine.image('registry.local:5000/redis:7')?.tags, ['registry.local:5000/redis:7']);
});

test('d on an image a container uses fails until f forces it; n leaves it', async t => {
	const {engine, app} = await openImages(t, engine => {
		engine.addImage({tags: ['old/tool:1'], size: mb});
		engine.addContainer({name: 'api', image: 'old/tool:1', state: 'exited'});
		engine.addImage({tags: ['a:1']});
		engine.addImage({tags: ['b:1']});
	});
	await app.press('N', 'G');
	await app.waitFor(/REPOSITORY:TAG↑/);
	assert.match(app.selected() ?? '', /old\/tool:1/);
	await app.press('d', 'n');
	await app.waitFor(frame => !/Remove image/.test(frame));
	await app.press('d', 'y');
	await app.waitFor(/Could not remove old\/tool:1: conflict: unable to remove repository reference "old\/tool:1" \(must force\)/);
	await app.press('d', 'f');
	await app.waitFor(/\[x\] f {2}force/);
	await app.press(keys.enter);
	await app.waitFor(/Removed old\/tool:1: 1 untagged \(old\/tool:1\), 1 deleted/);
	assert.equal(engine.image('old/tool:1'), undefined);
});

test('P pushes the selected tag with its progress, and refuses a dangling image', async t => {
	const {engine, app} = await openImages(t);
	await app.press('N', 'P');
	await app.waitFor(/A dangling image has no name to push; tag it first \(t\)\./);
	await app.press('j', 'P');
	await app.waitFor(/Pushing redis:7/);
	await app.waitFor(/Pushed redis:7\./);
	assert.ok(engine.events.some(event => event.Type === 'image' && event.Action === 'push'));
	await app.press(keys.escape);
	await app.waitFor(/Images 4\/4/);
});

test('p pulls an image by name with per-layer progress; a name the registry lacks fails in its words', async t => {
	const {engine, app} = await openImages(t);
	engine.addRemoteImage('alpine:3', {size: 3 * mb, layers: 2});
	await app.press('p');
	await app.waitFor(/Pull an image/);
	await app.type('alpine:3\r');
	await app.waitFor(/Pulled alpine:3\./);
	await app.waitFor(/Total .*2\/2 layers/);
	await app.press(keys.escape);
	await app.waitFor(/○ alpine:3 /);
	await app.press('p');
	await app.type('nope:1\r');
	await app.waitFor(/Could not pull nope:1: .*pull access denied for nope/);
});

test('R runs a container from the selected image; it appears in the containers pane', async t => {
	const {engine, app} = await openImages(t);
	await app.press('N', 'j', 'R');
	await app.waitFor(/Run a container from redis:7/);
	await app.type('cache');
	await app.press(keys.tab, keys.tab);
	await app.type('REDIS_ARGS=--save');
	await app.press(keys.enter);
	await app.waitFor(/Started cache from redis:7\./);
	assert.equal(engine.container('cache')?.state, 'running');
	assert.deepEqual(engine.container('cache')?.env, ['REDIS_ARGS=--save']);
	await app.type(':containers\r');
	await app.waitFor(/● cache +redis:7/);
});

test('X lists what a prune would remove and asks; a widens it to every unused image; y prunes', async t => {
	const {engine, app} = await openImages(t);
	await app.press('X');
	let frame = await app.waitFor(/Prune 1 dangling image, reclaiming up to 4\.77MiB\?/);
	assert.match(frame, /\[ \] a {2}all unused images, not only dangling ones/);
	await app.press('a');
	frame = await app.waitFor(/Prune 2 unused images, reclaiming up to 42\.9MiB\?/);
	assert.match(frame, /redis:7/);
	assert.match(frame, /\[x\] a/);
	// y counts only once the list it agrees to is on screen.
	await app.press('a');
	await app.waitFor(/Prune 1 dangling image/);
	await app.press('y');
	await app.waitFor(/Pruned 1 image, reclaimed 4\.77MiB\./);
	await app.waitFor(/Images 3\/3/);
	assert.equal(engine.images.length, 2);
	await app.press('X');
	await app.waitFor(/Nothing to prune \(no dangling images\)\./);
	await app.press('y');
	await app.waitFor(frame => !/Nothing to prune/.test(frame));
});

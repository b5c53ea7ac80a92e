// The images pane's registry logins, archives and build options against the
// in-memory engine: a pull refused for want of a login and `L` offering that
// registry (the password shown as dots, never in a message), the login stored
// as docker login stores it and `:logout`; space marks and `S` saves, `:load`
// and `:import`; the build form's options reaching the engine's query.
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {resetKeySettings, setReadOnly} from '../../source/keys/key-settings.js';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

let directory: string;
before(async () => {
	directory = await mkdtemp(join(tmpdir(), 'berth-view-registry-'));
	// berth reads and writes the docker CLI's config where DOCKER_CONFIG says, as the CLI does.
	process.env['DOCKER_CONFIG'] = join(directory, 'docker');
});
after(async () => {
	delete process.env['DOCKER_CONFIG'];
	await rm(directory, {recursive: true, force: true});
});

const configFile = () => join(directory, 'docker', 'config.json');

async function openImages(t: Parameters<typeof openApp>[0], setUp: (engine: InMemoryEngine) => void) {
	const fixture = await openApp(t, engine => {
		engine.addImage({tags: ['redis:7'], size: 40_000_000});
		engine.addImage({tags: ['shop/api:2'], size: 120_000_000});
		setUp(engine);
	}, {columns: 130, rows: 30});
	await fixture.app.type(':images\r');
	// Loaded: the rows are drawn (Images 0/0 is still loading).
	await fixture.app.waitFor(/Images \d+\/\d+.*\n.*\n[●○◌] /);
	return fixture;
}

async function clearField(app: Awaited<ReturnType<typeof openImages>>['app'], length: number) {
	for (let i = 0; i < length; i++) await app.press(keys.backspace);
}

test('a pull refused for want of a login says so; L offers that registry, hides the password, and stores the login as docker login does; :logout removes it', async t => {
	const {app} = await openImages(t, engine => {
		engine.requireRegistryLogin('registry.local:5000', 'ann', 'right-pw-42');
		engine.addRemoteImage('registry.local:5000/app:1', {layers: 1});
	});
	await app.press('p');
	await app.type('registry.local:5000/app:1\r');
	await app.waitFor(/Could not pull: registry\.local:5000 wants a login \(no basic auth credentials\)\. L logs in, or :login registry\.local:5000\./);
	await app.press(keys.escape);
	await app.waitFor(/Images 2\/2/);
	await app.press('L');
	let frame = await app.waitFor(/Log in to a registry/);
	assert.match(frame, /› Registry +registry\.local:5000/);
	await app.press(keys.tab);
	await app.type('ann');
	await app.press(keys.tab);
	await app.type('wrong-pw');
	frame = await app.waitFor(/Password +•{8}/);
	assert.equal(frame.includes('wrong-pw'), false);
	await app.press(keys.enter);
	frame = await app.waitFor(/registry\.local:5000 refused user ann: wrong user name or password\./);
	assert.equal(frame.includes('wrong-pw'), false);
	await assert.rejects(stat(configFile()), /ENOENT/);
	// The form stays, with what was typed: the password is typed again.
	await clearField(app, 8);
	await app.type('right-pw-42\r');
	frame = await app.waitFor(/Logged in to registry\.local:5000 as ann \(stored in config\.json\)\./);
	assert.equal(frame.includes('right-pw-42'), false);
	const written = JSON.parse(await readFile(configFile(), 'utf8')) as {auths: Record<string, {auth: string}>};
	assert.equal(written.auths['registry.local:5000']?.auth, Buffer.from('ann:right-pw-42').toString('base64'));
	assert.equal((await stat(configFile())).mode & 0o777, 0o600);

	await app.press('p');
	await app.type('registry.local:5000/app:1\r');
	await app.waitFor(/Pulled registry\.local:5000\/app:1\./);
	await app.press(keys.escape);
	await app.waitFor(/registry\.local:5000\/app:1/);

	await app.type(':logout registry.local:5000\r');
	frame = await app.waitFor(/Log out of a registry \(logins stored for registry\.local:5000\)/);
	assert.match(frame, /› Registry +registry\.local:5000/);
	await app.press(keys.enter);
	await app.waitFor(/Logged out of registry\.local:5000\./);
	assert.deepEqual(JSON.parse(await readFile(configFile(), 'utf8')).auths, {});
	await app.type(':login ghcr.io\r');
	await app.waitFor(/› Registry +ghcr\.io/);
	await app.press(keys.escape);
});

test('space marks images and S saves the marked ones to one tar; :load brings them back with progress', async t => {
	const {engine, app} = await openImages(t, () => undefined);
	await app.press('N');
	await app.waitFor(/REPOSITORY:TAG↑/);
	await app.press(' ', ' ');
	let frame = await app.waitFor(/2 marked: keys act on them, Esc clears/);
	assert.match(frame, /\* redis:7/);
	assert.match(frame, /\* shop\/api:2/);
	await app.press('S');
	frame = await app.waitFor(/Save redis:7, shop\/api:2 to a tar file/);
	assert.match(frame, /File +\.\/redis-7-and-1-more\.tar/);
	const path = join(directory, 'both.tar');
	await clearField(app, './redis-7-and-1-more.tar'.length);
	await app.type(`${path}\r`);
	await app.waitFor(new RegExp(`Saved redis:7, shop/api:2 to ${path}\\.`));
	assert.ok((await stat(path)).size > 0);
	await app.press(keys.escape);
	await app.waitFor(/2 marked/);
	await app.press(keys.escape);
	await app.waitFor(frame => !/marked/.test(frame) && /Images 2\/2/.test(frame));

	// Saving over a file asks for Overwrite.
	await app.press('g', 'S');
	await app.waitFor(/Save redis:7 to a tar file/);
	await clearField(app, './redis-7.tar'.length);
	await app.type(`${path}\r`);
	await app.waitFor(/exists; turn on "Overwrite" to replace it\./);
	// The form stays: Overwrite on, and it goes.
	await app.press(keys.tab, ' ');
	await app.waitFor(/Overwrite \[x\] yes/);
	await app.press(keys.enter);
	await app.waitFor(new RegExp(`Saved redis:7 to ${path}\\.`));
	await app.press(keys.escape);

	await app.press('d', 'f', keys.enter);
	await app.waitFor(/Removed redis:7/);
	await app.waitFor(/Images 1\/1/);
	await app.type(`:load ${path}\r`);
	frame = await app.waitFor(/Load a tar of saved images, or import a filesystem tar/);
	assert.match(frame, /As +‹ load ›/);
	await app.press(keys.enter);
	// The tar holds what the second save (with Overwrite) put there: redis:7.
	frame = await app.waitFor(new RegExp(`Loaded redis:7 from ${path}\\.`));
	assert.match(frame, /1\/1 layers/);
	await app.press(keys.escape);
	await app.waitFor(/Images 2\/2/);
	assert.ok(engine.image('redis:7'));
});

test(':import makes an image from a filesystem tar under the tag typed', async t => {
	const {engine, app} = await openImages(t, () => undefined);
	const path = join(directory, 'rootfs.tar');
	await writeFile(path, Buffer.alloc(2048));
	await app.type(`:import ${path}\r`);
	let frame = await app.waitFor(/As +‹ import ›/);
	await app.press(keys.enter);
	frame = await app.waitFor(/Type a repository:tag for the imported image/);
	await app.press(keys.tab, keys.tab);
	await app.type('myfs:1');
	await app.press(keys.tab);
	await app.type('from berth\r');
	await app.waitFor(new RegExp(`Imported ${path} as myfs:1\\.`));
	assert.equal(engine.image('myfs:1')?.history[0]?.comment, 'from berth');
	assert.ok(frame);
});

test('the build form sends the Dockerfile, build args, target, labels and options; the builder is named', async t => {
	const {engine, app} = await openImages(t, () => undefined);
	const context = await mkdtemp(join(directory, 'context-'));
	await writeFile(join(context, 'Build.df'), 'FROM scratch AS base\n');
	await app.press('b');
	let frame = await app.waitFor(/Build an image from a directory/);
	for (const label of ['Dockerfile', 'Build args', 'Target', 'Labels', 'Platform', 'No cache', 'Always pull', 'Builder']) assert.match(frame, new RegExp(label));
	await clearField(app, process.cwd().length);
	await app.type(context);
	await app.press(keys.tab);
	await app.type('app:dev');
	await app.press(keys.tab);
	await app.type('Build.df');
	await app.press(keys.tab);
	await app.type('A=1 B="two words"');
	await app.press(keys.tab);
	await app.type('base');
	await app.press(keys.tab);
	await app.type('team=core');
	await app.press(keys.tab, keys.tab);
	await app.press(' ');
	frame = await app.waitFor(/No cache +\[x\] yes/);
	await app.press(keys.enter);
	await app.waitFor(/Built app:dev with BuildKit\./);
	const query = engine.builds.at(-1);
	assert.equal(query?.get('dockerfile'), 'Build.df');
	assert.deepEqual(JSON.parse(query?.get('buildargs') ?? '{}'), {A: '1', B: 'two words'});
	assert.equal(query?.get('target'), 'base');
	assert.deepEqual(JSON.parse(query?.get('labels') ?? '{}'), {team: 'core'});
	assert.equal(query?.get('version'), '2');
	assert.equal(query?.get('nocache'), 'true');
	assert.match(app.frame(), /Builder: BuildKit \(version=2\)/);
	await app.press(keys.escape);

	await app.press('b');
	await app.waitFor(/Build an image from a directory/);
	await clearField(app, process.cwd().length);
	await app.type(context);
	await app.press(keys.tab);
	await app.type('app:classic');
	await app.press(keys.tab);
	await app.type('Build.df');
	for (let i = 0; i < 7; i++) await app.press(keys.tab);
	await app.press(keys.right);
	frame = await app.waitFor(/Builder +‹ buildkit ›/);
	await app.press(keys.right);
	await app.waitFor(/Builder +‹ classic ›/);
	await app.press(keys.enter);
	await app.waitFor(/Built app:classic with the classic builder\./);
	assert.equal(engine.builds.at(-1)?.get('version'), '1');
	assert.ok(frame);
});

test('read-only: :load and :login are refused as their keys are, S (a read) is not, and nothing but reads reach the engine', async t => {
	setReadOnly(true);
	t.after(resetKeySettings);
	const {engine, app} = await openImages(t, () => undefined);
	await app.type(`:load ${join(directory, 'any.tar')}\r`);
	await app.waitFor(/read-only: Load a docker save tar/);
	assert.doesNotMatch(app.frame(), /Load a tar of saved images/);
	await app.type(':login ghcr.io\r');
	await app.waitFor(/read-only: Log in to a registry/);
	await app.waitFor(/\n[●○◌] redis:7/);
	// A save only reads the engine: allowed.
	await app.press('S');
	await app.waitFor(/Save (redis:7|shop\/api:2) to a tar file/);
	await app.press(keys.escape);
	assert.deepEqual(engine.requests.filter(request => !/^(GET|HEAD) /.test(request)), []);
});

test('the run form\'s "Pull first" pulls with the docker CLI\'s login for the image\'s registry, and says when one is wanted', async t => {
	const {engine, app} = await openImages(t, engine => {
		engine.addImage({tags: ['registry.local:5000/app:1'], size: 1_000_000, createdAgoMs: 0});
		engine.addRemoteImage('registry.local:5000/app:1', {layers: 1});
		engine.requireRegistryLogin('registry.local:5000', 'bob', 'bobs-pw');
	});
	await rm(configFile(), {force: true});
	await app.press('/');
	await app.type('registry.local\r');
	await app.waitFor(/Images 1\/3/);
	const runWithPull = async () => {
		await app.press('R');
		await app.waitFor(/Run a container from registry\.local:5000\/app:1/);
		for (let i = 0; i < 7; i++) await app.press(keys.tab);
		await app.press(' ');
		await app.waitFor(/Pull first +\[x\] yes/);
		await app.press(keys.enter);
	};
	await runWithPull();
	await app.waitFor(/Could not pull registry\.local:5000\/app:1: registry\.local:5000 wants a login \(no basic auth credentials\)\. L logs in/);
	assert.equal(engine.containers.length, 0);
	await app.press(keys.escape);
	await mkdir(join(directory, 'docker'), {recursive: true});
	await writeFile(configFile(), JSON.stringify({auths: {'registry.local:5000': {auth: Buffer.from('bob:bobs-pw').toString('base64')}}}));
	await runWithPull();
	await app.waitFor(/Started [0-9a-f]{12} from registry\.local:5000\/app:1\./);
	assert.equal(engine.containers.length, 1);
	assert.ok(engine.events.some(event => event.Type === 'image' && event.Action === 'pull'), 'pulled first');
});

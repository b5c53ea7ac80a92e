// The containers view's keys that change a container in place or move its
// files, against the in-memory engine: each form or question, what it says,
// and what the engine holds afterwards.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {keys, openApp} from '../support/render-app.js';

/** Clears a form field that holds `length` characters. */
const erase = (length: number) => Array.from({length}, () => keys.backspace);

test('R renames: the form starts from the current name, the engine holds the new one, a bad name is refused in words', async t => {
	const {engine, app} = await openApp(t, engine => engine.addContainer({name: 'api'}));
	await app.waitFor(/● api /);
	await app.press('R');
	await app.waitFor(/Rename api/);
	assert.match(app.frame(), /New name +api/);
	await app.press(...erase(3));
	await app.type('bad name');
	await app.press(keys.enter);
	await app.waitFor(/"bad name" is not a valid container name/);
	assert.equal(engine.container('api')?.name, 'api');
	await app.press(...erase(8));
	await app.type('gateway');
	await app.press(keys.enter);
	await app.waitFor(/Renamed api to gateway\./);
	await app.waitFor(/● gateway /);
	assert.equal(engine.container('gateway')?.name, 'gateway');
	assert.ok(engine.events.some(event => event.Action === 'rename'));
});

test('U shows the current limits and restart policy, sends only what changed, and refuses lifting a limit', async t => {
	const {engine, app} = await openApp(t, engine => engine.addContainer({name: 'api', memoryLimit: 64 * 1024 ** 2, cpus: 1}));
	await app.waitFor(/● api /);
	await app.press('U');
	const form = await app.waitFor(/Limits and restart policy of api/);
	assert.match(form, /CPUs +1/);
	assert.match(form, /Memory +64MiB/);
	assert.match(form, /Memory\+swap +128MiB/);
	assert.match(form, /Restart policy +‹ no ›/);
	// Memory: 64MiB → 256m; restart: no → always (→ three times), the rest left alone.
	await app.press(keys.down);
	await app.press(...erase(5));
	await app.type('256m');
	await app.press(keys.down);
	await app.press(...erase(6));
	await app.type('-1');
	await app.press(keys.down, keys.down, keys.right);
	await app.waitFor(/Restart policy +‹ always ›/);
	await app.press(keys.enter);
	await app.waitFor(/Updated api: memory 256MiB, memory\+swap unlimited, restart always\./);
	const api = engine.container('api');
	assert.equal(api?.limits.memory, 256 * 1024 ** 2);
	assert.equal(api?.limits.memorySwap, -1);
	assert.equal(api?.limits.nanoCpus, 1e9);
	assert.equal(api?.restartPolicy.name, 'always');
	const update = engine.requests.filter(request => request.startsWith('POST /containers/') && request.includes('/update'));
	assert.equal(update.length, 1);

	await app.press('U');
	await app.waitFor(/Memory +256MiB/);
	await app.press(keys.down);
	await app.press(...erase(6));
	await app.press(keys.enter);
	await app.waitFor(/The engine cannot lift a memory limit once set/);
	assert.match(app.frame(), /Limits and restart policy of api/);
	await app.press(keys.escape);
	await app.waitFor(frame => !/Limits and restart policy/.test(frame));
});

test('K asks which signal: Enter sends SIGKILL, another choice sends that signal', async t => {
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.addContainer({name: 'web'});
	});
	await app.waitFor(/● web /);
	await app.press('/');
	await app.type('web\r');
	await app.waitFor(/Containers 1\//);
	await app.press('K');
	await app.waitFor(/Kill web: which signal\?/);
	assert.match(app.frame(), /Signal +‹ SIGKILL ›/);
	await app.press(keys.right);
	await app.waitFor(/‹ SIGTERM ›/);
	await app.press(keys.enter);
	await app.waitFor(/Sent SIGTERM to web\./);
	assert.equal(engine.container('web')?.exitCode, 143);
	assert.ok(engine.requests.some(request => /POST \/containers\/[^/]+\/kill\?signal=SIGTERM/.test(request)));
	await app.press(keys.escape);
	await app.waitFor(/Containers 2\//);
	await app.press('/');
	await app.type('api\r');
	await app.waitFor(/Containers 1\//);
	await app.press('K');
	await app.waitFor(/Kill api: which signal\?/);
	await app.press(keys.enter);
	await app.waitFor(/Sent SIGKILL to api\./);
	assert.equal(engine.container('api')?.exitCode, 137);
});

test('s says how long a stop may take: the container\'s own stop timeout, and sends it with the stop', async t => {
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'db', stopTimeout: 45});
		engine.addContainer({name: 'web'});
	});
	await app.waitFor(/● web /);
	// The engine holds the stop as a process would that takes its time over SIGTERM.
	const slow = engine.fail({method: 'POST', path: /\/stop$/, answer: 'hang'});
	await app.press('/');
	await app.type('db\r');
	await app.waitFor(/Containers 1\//);
	await app.press('s');
	await app.waitFor(/Stopping db… \(it may take up to 45 s: its own stop timeout\)/);
	await app.until(() => engine.requests.some(request => /POST \/containers\/[^/]+\/stop\?t=45/.test(request)), 'a stop that waits 45 s');
	slow.clear();
	await app.press(keys.escape);
	await app.waitFor(/Containers 2\//);
	await app.press('/');
	await app.type('web\r');
	await app.waitFor(/Containers 1\//);
	await app.press('s');
	await app.waitFor(/Stopped web\./);
	assert.ok(engine.requests.some(request => /POST \/containers\/[^/]+\/stop\?t=10/.test(request)));
	assert.equal(engine.container('web')?.state, 'exited');
});

test('r restarts with the container\'s own stop timeout too, and says how long it may take', async t => {
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'db', stopTimeout: 45});
	});
	await app.waitFor(/● db /);
	const slow = engine.fail({method: 'POST', path: /\/restart$/, answer: 'hang'});
	await app.press('r');
	await app.waitFor(/Restarting db… \(it may take up to 45 s: its own stop timeout\)/);
	await app.until(() => engine.requests.some(request => /POST \/containers\/[^/]+\/restart\?t=45/.test(request)), 'a restart that waits 45 s');
	slow.clear();
});

test('c copies a file out and in, byte for byte, and refuses a path that is not there', async t => {
	const here = mkdtempSync(join(tmpdir(), 'berth-copy-view-'));
	t.after(() => rmSync(here, {recursive: true, force: true}));
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.putFile('api', '/etc/app.conf', 'port=8080\n');
	});
	await app.waitFor(/● api /);
	await app.press('c');
	await app.waitFor(/Copy files to or from api/);
	await app.press(keys.down);
	await app.type('/etc/app.conf');
	await app.press(keys.down, keys.backspace);
	await app.type(join(here, 'copied.conf'));
	await app.press(keys.enter);
	await app.waitFor(/Copied api:\/etc\/app\.conf to .*copied\.conf/);
	assert.equal(readFileSync(join(here, 'copied.conf'), 'utf8'), 'port=8080\n');

	writeFileSync(join(here, 'new.conf'), 'port=9090\n');
	await app.press('c');
	await app.waitFor(/Copy files to or from api/);
	await app.press(keys.right, keys.down);
	await app.type('/etc');
	await app.press(keys.down, keys.backspace);
	await app.type(join(here, 'new.conf'));
	await app.press(keys.enter);
	await app.waitFor(/Copied .*new\.conf into api:\/etc\/new\.conf/);
	assert.equal(engine.readFile('api', '/etc/new.conf')?.toString(), 'port=9090\n');

	await app.press('c');
	await app.waitFor(/Copy files to or from api/);
	await app.press(keys.down);
	await app.type('/nowhere/file');
	await app.press(keys.enter);
	await app.waitFor(/No such file or folder in the container: \/nowhere\/file\./);
});

test('a large copy shows a progress bar in the status line while it goes', async t => {
	const here = mkdtempSync(join(tmpdir(), 'berth-copy-bar-'));
	t.after(() => rmSync(here, {recursive: true, force: true}));
	const big = Buffer.alloc(24 * 1024 * 1024, 7);
	writeFileSync(join(here, 'big.bin'), big);
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.putFile('api', '/srv/.keep', '');
	}, {columns: 140});
	await app.waitFor(/● api /);
	await app.press('c');
	await app.waitFor(/Copy files to or from api/);
	await app.press(keys.right, keys.down);
	await app.type('/srv');
	await app.press(keys.down, keys.backspace);
	await app.type(join(here, 'big.bin'));
	await app.press(keys.enter);
	await app.waitFor(/Copied .*big\.bin into api:\/srv\/big\.bin \(24\.0MiB\)\./, {timeoutMs: 20_000});
	assert.ok(app.frames().some(frame => /Copying .*big\.bin into api:\/srv {2}[█░]+ [\d.]+(KiB|MiB) \/ 24\.0MiB/.test(frame)), 'a frame with the bar');
	assert.ok(engine.readFile('api', '/srv/big.bin')?.equals(big));
});

test('I commits to a new image named as asked; O exports the filesystem to a tar file', async t => {
	const here = mkdtempSync(join(tmpdir(), 'berth-export-view-'));
	t.after(() => rmSync(here, {recursive: true, force: true}));
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.putFile('api', '/srv/index.html', '<h1>hi</h1>');
	});
	await app.waitFor(/● api /);
	await app.press('I');
	await app.waitFor(/Commit api to a new image/);
	await app.type('shop/api:snapshot');
	await app.press(keys.down);
	await app.type('before the upgrade');
	await app.press(keys.enter);
	await app.waitFor(/Committed api as shop\/api:snapshot/);
	assert.ok(engine.image('shop/api:snapshot'));

	await app.press('O');
	await app.waitFor(/Export api's filesystem/);
	await app.press(...erase('./api.tar'.length));
	await app.type(join(here, 'api.tar'));
	await app.press(keys.enter);
	await app.waitFor(/Exported api to .*api\.tar/);
	assert.ok(readFileSync(join(here, 'api.tar')).includes('<h1>hi</h1>'));
});

test('X lists the stopped containers first, then prunes them on yes', async t => {
	const {engine, app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.addContainer({name: 'old', state: 'exited', exitCode: 1});
		engine.addContainer({name: 'fresh', state: 'created'});
	});
	await app.waitFor(/fresh/);
	await app.press('X');
	const question = await app.waitFor(/Remove 2 stopped containers\?/);
	assert.match(question, /old +Exited \(1\)/);
	assert.match(question, /fresh +Created/);
	assert.doesNotMatch(question, / api /);
	assert.equal(engine.requests.filter(request => request.startsWith('POST /containers/prune')).length, 0);
	await app.press('y');
	await app.waitFor(/Pruned 2 stopped containers/);
	assert.deepEqual(engine.containers.map(c => c.name), ['api']);
});

test('read-only: rename, update, copy, commit and prune are refused; export, which changes nothing in the engine, opens', async t => {
	const {resetKeySettings, setReadOnly} = await import('../../source/keys/key-settings.js');
	setReadOnly(true);
	t.after(resetKeySettings);
	const {engine, app} = await openApp(t, engine => engine.addContainer({name: 'api'}), {props: {isReadOnly: true}});
	await app.waitFor(/● api /);
	for (const [key, words] of [['R', 'Rename'], ['U', 'Update limits and restart policy'], ['c', 'Copy files in or out'], ['I', 'Commit to an image'], ['X', 'Prune stopped ones']] as const) {
		await app.press(key);
		await app.waitFor(new RegExp(`read-only: ${words} is not allowed`));
	}
	await app.press('O');
	await app.waitFor(/Export api's filesystem/);
	await app.press(keys.escape);
	assert.deepEqual(engine.requests.filter(request => !/^(GET|HEAD) /.test(request)), []);
});

// Several engines at once, against in-memory engines: the HOST column (only
// with more than one engine), the header's state per engine, actions and logs
// sent to the container's own engine, an engine that goes away folded out while
// the other keeps updating, and coming back; `:ctx` marking two to watch together.
import assert from 'node:assert/strict';
import {test, type TestContext} from 'node:test';
import {setConfiguredHosts} from '../../source/config/configured-hosts.js';
import {startInMemoryEngine, type InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, renderApp, renderFleet, type RenderedApp} from '../support/render-app.js';

async function engineWith(t: TestContext, names: readonly string[]): Promise<InMemoryEngine> {
	const engine = await startInMemoryEngine();
	t.after(() => engine.close());
	for (const name of names) engine.addContainer({name});
	return engine;
}

async function fleet(t: TestContext, engines: ReadonlyArray<{readonly host: string; readonly name: string}>): Promise<RenderedApp> {
	const app = await renderFleet(engines, {columns: 150, rows: 20});
	t.after(() => app.close());
	return app;
}

const writes = (engine: InMemoryEngine) => engine.requests.filter(request => !/^(GET|HEAD) /.test(request));

test('two engines: one merged list with a HOST column, each engine named in the header, totals over both', async t => {
	const left = await engineWith(t, ['web', 'db']);
	const right = await engineWith(t, ['api']);
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	const frame = await app.waitFor(/right +api/);
	assert.match(frame, /HOST +NAME +IMAGE/);
	assert.match(frame, /left +db/);
	assert.match(frame, /left +web/);
	assert.match(frame, /Containers 3\/3/);
	await app.waitFor(next => /^berth left ● · right ● .*● 3 running/.test(next.split('\n')[0] ?? ''));

	// One engine: no HOST column, the header as it always was.
	const alone = await renderApp(left, {columns: 150, rows: 20});
	t.after(() => alone.close());
	const single = await alone.waitFor(/● web/);
	assert.doesNotMatch(single, /HOST/);
	assert.match(single.split('\n')[0] ?? '', /^berth unix:\/\/\S+ · Docker/);
});

test('actions, logs and inspect go to the engine of the selected row, and only there', async t => {
	const left = await engineWith(t, ['web']);
	const right = await engineWith(t, ['api']);
	right.log('api', 'hello from the right engine');
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	await app.waitFor(/right +api/);
	// Sorted by name: api (right) first.
	assert.match(app.selected() ?? '', /right +api/);
	await app.press('r');
	await app.waitFor(/Restarted api\./);
	assert.ok(writes(right).some(request => /^POST \S*\/containers\/\w+\/restart/.test(request)), writes(right).join('\n'));
	assert.deepEqual(writes(left), []);

	await app.press('l');
	await app.waitFor(/hello from the right engine/);
	await app.press(keys.escape);
	await app.press('i');
	await app.waitFor(/api  \[1 Inspect\][^]*Id: [0-9a-f]{64}/);
	await app.press(keys.escape);
	await app.press('j');
	assert.match(app.selected() ?? '', /left +web/);
	await app.press('p');
	await app.waitFor(/Paused web\./);
	assert.ok(writes(left).some(request => /\/containers\/\w+\/pause/.test(request)), writes(left).join('\n'));
	assert.equal(right.container('web'), undefined);
	assert.equal(left.container('web')?.state, 'paused');
	assert.equal(right.container('api')?.state, 'running');
});

test('an engine that goes away is named in the header and folded out; the other keeps updating; it comes back', async t => {
	const left = await engineWith(t, ['web']);
	const right = await engineWith(t, ['api', 'worker']);
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	await app.waitFor(/right +worker/);
	await app.waitFor(next => /left ● · right ● /.test(next.split('\n')[0] ?? ''));
	await right.goAway();
	const gone = await app.waitFor(/2 containers on right unreachable/, {timeoutMs: 15_000});
	assert.match(gone.split('\n')[0] ?? '', /left ● · right ✕ unreachable/);
	assert.doesNotMatch(gone, /worker/);
	// The engine still there keeps updating: a pause there shows (its event triggers the re-list).
	left.act('web', 'pause');
	await app.waitFor(/‖ left +web +\S+ +Paused/);
	await right.comeBack();
	await app.waitFor(/right +worker/, {timeoutMs: 15_000});
	await app.waitFor(frame => /left ● · right ● /.test(frame.split('\n')[0] ?? ''), {timeoutMs: 15_000});
	assert.doesNotMatch(app.frame(), /unreachable/);
});

test(':ctx: space marks two engines, Enter watches both; :ctx NAME goes back to one', async t => {
	const left = await engineWith(t, ['web']);
	const right = await engineWith(t, ['api']);
	setConfiguredHosts([{name: 'left', host: left.host, readOnly: false, line: 1}, {name: 'right', host: right.host, readOnly: false, line: 2}]);
	t.after(() => setConfiguredHosts([]));
	const app = await renderApp(left, {columns: 150, rows: 20, engineName: 'left'});
	t.after(() => app.close());
	await app.waitFor(/● web/);
	await app.type(':ctx\r');
	await app.waitFor(/Contexts 3/);
	await app.press(' ', ' ');
	await app.waitFor(/marked: 2/);
	await app.press(keys.enter);
	await app.waitFor(/right +api/);
	assert.match(app.frame(), /left +web/);
	await app.waitFor(next => /^berth left ● · right ●/.test(next.split('\n')[0] ?? ''));
	await app.type(':ctx right\r');
	await app.waitFor(frame => /● api/.test(frame) && !/web/.test(frame));
	assert.doesNotMatch(app.frame(), /HOST/);
});

test('volumes (as every resource list) of every engine in one list with HOST; a remove goes to the row\'s own engine', async t => {
	const left = await engineWith(t, []);
	const right = await engineWith(t, []);
	left.addVolume({name: 'left-data', size: 1000});
	right.addVolume({name: 'right-data', size: 2000});
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	await app.type(':volumes\r');
	const listed = await app.waitFor(/right +right-data/);
	assert.match(listed, /HOST +NAME/);
	assert.match(listed, /left +left-data/);
	await app.press('/');
	await app.type('right-data\r');
	await app.waitFor(frame => !/left-data/.test(frame));
	await app.press('d');
	await app.waitFor(/Remove volume right-data\?/);
	await app.press('y');
	await app.until(() => right.volume('right-data') === undefined, 'the volume gone from the right engine');
	assert.ok(left.volume('left-data'), 'the left engine keeps its volume');
	assert.ok(writes(right).some(request => /^DELETE \S*\/volumes\/right-data/.test(request)), writes(right).join('\n'));
	assert.deepEqual(writes(left), []);
});

test('events and alerts of every engine: each event and alert says its engine', async t => {
	const left = await engineWith(t, ['web']);
	const right = await engineWith(t, ['api']);
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	await app.waitFor(/right +api/);
	await app.type(':events\r');
	await app.waitFor(/Events 0 +live/);
	right.act('api', 'stop');
	left.act('web', 'pause');
	const events = await app.waitFor(frame => /right +\S+ +container +die +api/.test(frame) && /left +\S+ +container +pause +web/.test(frame));
	assert.match(events, /HOST +TIME +TYPE/);
	right.act('api', 'start');
	right.crash('api', 3);
	await app.type(':alerts\r');
	await app.waitFor(/right: .*api/);
	assert.doesNotMatch(app.frame(), /left: .*api/);
});

test('in a fleet, the containers issue\'s changes and the plugins view reach the row\'s own engine', async t => {
	const left = await engineWith(t, ['web']);
	const right = await engineWith(t, ['api']);
	left.addPlugin({name: 'left/logger', description: 'on the left'});
	right.addPlugin({name: 'right/volumes', description: 'on the right', enabled: true});
	const app = await fleet(t, [{host: left.host, name: 'left'}, {host: right.host, name: 'right'}]);
	await app.waitFor(/right +api/);
	assert.match(app.selected() ?? '', /right +api/);
	// R renames on the right engine only.
	await app.press('R');
	await app.waitFor(/Rename api/);
	await app.press(keys.backspace, keys.backspace, keys.backspace);
	await app.type('gateway');
	await app.press(keys.enter);
	await app.waitFor(/Renamed api to gateway\./);
	assert.equal(right.container('gateway')?.name, 'gateway');
	assert.deepEqual(writes(left), []);
	// :plugins lists both engines' plugins with their HOST, and e acts on the row's engine.
	await app.type(':plugins\r');
	const frame = await app.waitFor(/right +right\/volumes/);
	assert.match(frame, /left +left\/logger/);
	await app.press('/');
	await app.type('logger\r');
	await app.waitFor(/Plugins 1\/2/);
	await app.press('e');
	await app.waitFor(/Enable plugin left\/logger:latest\?/);
	await app.press('y');
	await app.until(() => left.plugin('left/logger')?.enabled === true, 'the left engine\'s plugin enabled');
	assert.equal(right.plugin('right/volumes')?.enabled, true);
	assert.ok(writes(right).every(request => !/plugins/.test(request)), writes(right).join('\n'));
});

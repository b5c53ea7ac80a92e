// `:ctx` against in-memory engines: the docker contexts (a store written the way
// the docker CLI writes it) and the configured hosts listed, Enter and `:ctx NAME`
// switching the whole app, Tab completing, `:ctx -` going back, and the bad
// cases (unknown name, a name used twice, missing TLS files) said, not crashed on.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test, type TestContext} from 'node:test';
import {setConfiguredHosts} from '../../source/config/configured-hosts.js';
import {startInMemoryEngine, type InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, renderApp, type RenderedApp} from '../support/render-app.js';

/** A docker config folder holding the given contexts, as `docker context create` lays them out. */
function contextStore(t: TestContext, contexts: ReadonlyArray<{readonly name: string; readonly host: string; readonly tls?: readonly string[]}>, current?: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'berth-contexts-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	for (const context of contexts) {
		const digest = createHash('sha256').update(context.name).digest('hex');
		mkdirSync(join(dir, 'contexts', 'meta', digest), {recursive: true});
		writeFileSync(join(dir, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({Name: context.name, Metadata: {Description: `the ${context.name} engine`}, Endpoints: {docker: {Host: context.host, SkipTLSVerify: false}}}));
		if (context.tls) {
			mkdirSync(join(dir, 'contexts', 'tls', digest, 'docker'), {recursive: true});
			for (const file of context.tls) writeFileSync(join(dir, 'contexts', 'tls', digest, 'docker', file), 'not a real certificate');
		}
	}
	if (current) writeFileSync(join(dir, 'config.json'), JSON.stringify({currentContext: current}));
	return dir;
}

async function engineWith(t: TestContext, names: readonly string[]): Promise<InMemoryEngine> {
	const engine = await startInMemoryEngine();
	t.after(() => engine.close());
	for (const name of names) engine.addContainer({name});
	return engine;
}

async function openWith(t: TestContext, first: InMemoryEngine, configDir: string): Promise<RenderedApp> {
	const app = await renderApp(first, {columns: 140, rows: 24, engineName: 'first', store: {env: {DOCKER_CONFIG: configDir}, homeDir: '/nonexistent'}});
	// Before the engines close (t.after runs last-registered first).
	t.after(() => app.close());
	return app;
}

test(':ctx lists the contexts and configured hosts; Enter switches the whole app to the chosen engine, `:ctx -` comes back', async t => {
	const first = await engineWith(t, ['alpha']);
	const second = await engineWith(t, ['bravo', 'charlie']);
	const dir = contextStore(t, [{name: 'second', host: second.host}], 'second');
	setConfiguredHosts([{name: 'first', host: first.host, readOnly: false, line: 1}]);
	t.after(() => setConfiguredHosts([]));
	const app = await openWith(t, first, dir);
	await app.waitFor(/● alpha/);

	await app.type(':ctx\r');
	const listed = await app.waitFor(/Contexts 3/);
	assert.match(listed, /in use: first/);
	assert.match(listed, /first +host +unix:\/\/.*berth configuration/);
	assert.match(listed, /second \* +context +unix:\/\/.*the second engine/, 'the CLI\'s current context carries its *');
	assert.match(listed, /default +context +unix:\/\/\/var\/run\/docker\.sock/);
	// The engine in use is selected as the view opens; down to `second` and switch.
	assert.match(app.selected() ?? '', /first/);
	await app.press('j', 'j');
	assert.match(app.selected() ?? '', /second/);
	await app.press(keys.enter);
	const switched = await app.waitFor(/● bravo/);
	assert.match(switched, /Switched to second/);
	assert.doesNotMatch(switched, /alpha/);
	assert.match(switched.split('\n')[0] ?? '', new RegExp(`berth ${second.host.replace(/[/.]/g, '\\$&')} \\(context second\\)`));
	// The old engine's list no longer reaches the screen: a container made there stays unseen.
	first.addContainer({name: 'delta'});
	await app.type(':ctx -\r');
	await app.waitFor(/● delta/);
	await app.waitFor(/● alpha/);
	assert.doesNotMatch(app.frame(), /bravo/);
});

test('`:ctx NAME` switches directly, Tab completes names, and Esc leaves the list without switching', async t => {
	const first = await engineWith(t, ['alpha']);
	const second = await engineWith(t, ['bravo']);
	const dir = contextStore(t, [{name: 'staging-eu', host: second.host}]);
	const app = await openWith(t, first, dir);
	await app.waitFor(/● alpha/);
	await app.type(':ctx stag');
	await app.press(keys.tab);
	await app.waitFor(/:ctx staging-eu/);
	await app.press(keys.enter);
	await app.waitFor(/● bravo/);
	await app.type(':ctx\r');
	await app.waitFor(/Contexts 2/);
	assert.match(app.selected() ?? '', /staging-eu/);
	await app.press('k', keys.escape);
	await app.waitFor(/● bravo/);
	assert.doesNotMatch(app.frame(), /alpha/);
});

test('an unknown name, a name both a host and a context, and a context missing its TLS files: a message each, the app stays on its engine', async t => {
	const first = await engineWith(t, ['alpha']);
	const dir = contextStore(t, [
		{name: 'twice', host: first.host},
		{name: 'no-keys', host: 'tcp://127.0.0.1:1', tls: ['ca.pem', 'cert.pem']},
	]);
	setConfiguredHosts([{name: 'twice', host: 'unix:///nonexistent/docker.sock', readOnly: false, line: 3}]);
	t.after(() => setConfiguredHosts([]));
	const app = await openWith(t, first, dir);
	await app.waitFor(/● alpha/);

	await app.type(':ctx nowhere\r');
	await app.waitFor(/There is no docker context or configured host named "nowhere"\. Known: twice, default, no-keys, twice/);

	await app.type(':ctx no-keys\r');
	await app.waitFor(/Could not switch to no-keys: The docker context "no-keys" is missing its TLS files key\.pem/);

	await app.type(':ctx\r');
	await app.waitFor(/"twice" names both a configured host and a docker context/);
	const listed = app.frame();
	assert.match(listed, /twice +host +unix:\/\/\/nonexistent/);
	assert.match(listed, /twice +context .*:ctx twice picks the host/);
	// The configured host wins for `:ctx twice`: its socket is not there, so the switch fails and says why.
	await app.type(':ctx twice\r');
	await app.waitFor(/Could not switch to twice: .*nonexistent/);
	await app.press(keys.escape);
	await app.waitFor(/● alpha/);
	assert.match(app.frame().split('\n')[0] ?? '', /berth unix:\/\/.*engine\.sock · /);
});

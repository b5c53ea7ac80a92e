// The plugins view (a ResourceSpec) against the in-memory engine: the list,
// inspect, enable and disable with their questions, set, remove with its
// refusals, and the install that shows the privileges before anything is pulled.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function installed(engine: InMemoryEngine): void {
	engine.addPlugin({
		name: 'vieux/sshfs:1.2', enabled: true, description: 'sshFS plugin for Docker', capabilities: ['volumedriver'],
		env: [{name: 'DEBUG', value: '0', settable: true, description: 'debug log'}], mounts: [{source: '/var/lib/docker/plugins/', destination: '/mnt/state'}],
		linuxCapabilities: ['CAP_SYS_ADMIN'], network: 'host',
	});
	engine.addPlugin({name: 'berth/logger', description: 'Logs to nowhere', capabilities: ['logdriver'], env: [{name: 'LEVEL', value: 'info', settable: true}, {name: 'FIXED', value: '1'}]});
}

async function openPlugins(t: Parameters<typeof openApp>[0], setUp: (engine: InMemoryEngine) => void = installed) {
	const fixture = await openApp(t, setUp, {columns: 130, rows: 30});
	await fixture.app.waitFor(/Containers \d+\/\d+/);
	await fixture.app.type(':plugins\r');
	await fixture.app.waitFor(frame => /Plugins \d+\/\d+/.test(frame) && !/Loading plugins/.test(frame));
	return fixture;
}

async function select(app: Awaited<ReturnType<typeof openPlugins>>['app'], name: string): Promise<void> {
	await app.press('/');
	await app.type(`${name}\r`);
	await app.waitFor(new RegExp(`Plugins 1/\\d+ {2}filter: ${name}`));
}

test(':plugins lists name, tag, enabled, type and description; i shows settings, mounts and privileges', async t => {
	const {app} = await openPlugins(t);
	const frame = app.frame();
	assert.match(frame, /NAME +TAG +ENABLED +TYPE +DESCRIPTION/);
	assert.match(frame, /● vieux\/sshfs +1\.2 +yes +volume +sshFS plugin for Docker/);
	assert.match(frame, /○ berth\/logger +latest +no +log +Logs to nowhere/);
	await select(app, 'sshfs');
	await app.press('i');
	const detail = await app.waitFor(/Plugin vieux\/sshfs:1\.2/);
	assert.match(detail, /DEBUG=0 {2}\[settable\] {2}debug log/);
	assert.match(detail, /\/var\/lib\/docker\/plugins\/ -> \/mnt\/state {2}bind/);
	assert.match(detail, /network: host/);
	assert.match(detail, /capabilities: CAP_SYS_ADMIN/);
	assert.match(detail, /mount: \/var\/lib\/docker\/plugins\//);
});

test('e asks, then disables or enables; a plugin that does not start is reported in the engine\'s words', async t => {
	const {engine, app} = await openPlugins(t, more => {
		installed(more);
		more.addPlugin({name: 'broken/driver', failsToStart: true});
	});
	await select(app, 'sshfs');
	await app.press('e');
	await app.waitFor(/Disable plugin vieux\/sshfs:1\.2\?/);
	await app.press('n');
	await app.waitFor(frame => !/Disable plugin/.test(frame));
	assert.equal(engine.plugin('vieux/sshfs:1.2')?.enabled, true);
	await app.press('e');
	await app.waitFor(/Disable plugin vieux\/sshfs:1\.2\?/);
	await app.press('y');
	await app.waitFor(/Disabled vieux\/sshfs:1\.2\./);
	await app.waitFor(/○ vieux\/sshfs +1\.2 +no/);
	assert.equal(engine.plugin('vieux/sshfs:1.2')?.enabled, false);
	await app.press('e');
	await app.waitFor(/Enable plugin vieux\/sshfs:1\.2\?/);
	await app.press('y');
	await app.waitFor(/● vieux\/sshfs +1\.2 +yes/);
	assert.equal(engine.plugin('vieux/sshfs:1.2')?.enabled, true);

	await app.press(keys.escape);
	await select(app, 'broken');
	await app.press('e', 'y');
	await app.waitFor(/Could not enable broken\/driver:latest: dial unix \/run\/docker\/plugins\//);
	assert.equal(engine.plugin('broken/driver')?.enabled, false);
});

test('s sets key=value on a disabled plugin and refuses an enabled one in words; a setting it does not offer is the engine\'s refusal', async t => {
	const {engine, app} = await openPlugins(t);
	await select(app, 'sshfs');
	await app.press('s');
	await app.waitFor(/vieux\/sshfs:1\.2 is enabled: the engine changes a plugin's settings only while it is disabled\. Disable it first \(e\)\./);
	await app.press(keys.escape);
	await select(app, 'logger');
	await app.press('s');
	await app.waitFor(/Set berth\/logger:latest {2}\(settable now: LEVEL=info\)/);
	await app.type('LEVEL=debug');
	await app.press(keys.enter);
	await app.waitFor(/Set LEVEL=debug on berth\/logger:latest\./);
	assert.ok(engine.plugin('berth/logger')?.settings.includes('LEVEL=debug'));
	await app.press('s');
	await app.waitFor(/Set berth\/logger:latest/);
	await app.type('FIXED=2');
	await app.press(keys.enter);
	await app.waitFor(/Could not set FIXED=2 on berth\/logger:latest: .*"FIXED" is not settable/);
	await app.press(keys.escape);
	await app.press('s');
	await app.type('nonsense');
	await app.press(keys.enter);
	await app.waitFor(/"nonsense" is not key=value\./);
});

test('d refuses an enabled plugin in words, says why when the engine refuses one in use, and removes one on yes', async t => {
	const {engine, app} = await openPlugins(t, more => {
		installed(more);
		more.addPlugin({name: 'busy/volumes', inUse: true});
	});
	await select(app, 'sshfs');
	await app.press('d');
	await app.waitFor(/vieux\/sshfs:1\.2 is enabled: the engine removes only a disabled plugin\. Disable it first \(e\)\./);
	await app.press(keys.escape);
	await select(app, 'busy');
	await app.press('d');
	await app.waitFor(/Remove plugin busy\/volumes:latest\?/);
	await app.press('y');
	await app.waitFor(/Could not remove busy\/volumes:latest: .*plugin busy\/volumes:latest is in use/);
	assert.ok(engine.plugin('busy/volumes'));
	await app.press(keys.escape);
	await select(app, 'logger');
	await app.press('d', 'y');
	await app.waitFor(/Removed plugin berth\/logger:latest\./);
	assert.equal(engine.plugin('berth/logger'), undefined);
	await app.waitFor(/Plugins 0\/2/);
});

test(':plugin-install asks for a reference, shows the privileges asked for, and installs (and enables) only after yes', async t => {
	const {engine, app} = await openApp(t, engine => engine.addRemotePlugin({name: 'vieux/sshfs', description: 'sshFS', mounts: [{source: '/var/lib/docker/plugins/', destination: '/mnt/state'}], linuxCapabilities: ['CAP_SYS_ADMIN'], network: 'host'}), {columns: 130, rows: 30});
	await app.waitFor(/Containers \d+\/\d+/);
	await app.type(':plugin-install\r');
	await app.waitFor(/Install a plugin \(as docker plugin install\)/);
	await app.type('vieux/sshfs');
	await app.press(keys.enter);
	const question = await app.waitFor(/Install plugin vieux\/sshfs\? It asks for these privileges:/);
	assert.match(question, /network: host/);
	assert.match(question, /mount: \/var\/lib\/docker\/plugins\//);
	assert.match(question, /capabilities: CAP_SYS_ADMIN/);
	assert.match(question, /\[x\] e {2}enable it once installed/);
	assert.equal(engine.requests.filter(request => request.startsWith('POST /plugins/pull')).length, 0);
	await app.press('n');
	await app.waitFor(frame => !/Install plugin vieux/.test(frame));
	assert.equal(engine.plugin('vieux/sshfs'), undefined);

	await app.press('p');
	await app.type('vieux/sshfs\r');
	await app.waitFor(/Install plugin vieux\/sshfs\?/);
	await app.press('y');
	await app.waitFor(/Installed vieux\/sshfs and enabled it\./);
	assert.equal(engine.plugin('vieux/sshfs')?.enabled, true);
	await app.waitFor(/● vieux\/sshfs +latest +yes +volume/);

	await app.press('p');
	await app.type('nobody/nothing\r');
	await app.waitFor(/pull access denied for nobody\/nothing/);
});

test('read-only: :plugin-install and the plugin keys that change something are refused', async t => {
	const {setReadOnly, resetKeySettings} = await import('../../source/keys/key-settings.js');
	setReadOnly(true);
	t.after(resetKeySettings);
	const {engine, app} = await openApp(t, installed, {columns: 130, rows: 30, props: {isReadOnly: true}});
	await app.waitFor(/Containers \d+\/\d+/);
	await app.type(':plugin-install\r');
	await app.waitFor(/read-only: Install is not allowed/);
	assert.doesNotMatch(app.frame(), /Install a plugin \(as docker plugin install\)/);
	await app.press('e');
	await app.waitFor(/read-only: Enable or disable is not allowed/);
	assert.deepEqual(engine.requests.filter(request => !/^(GET|HEAD) /.test(request)), []);
});

test('N sorts by name, E puts the enabled ones first, T sorts by type', async t => {
	const {app} = await openPlugins(t, more => {
		more.addPlugin({name: 'zeta/net', enabled: true, capabilities: ['networkdriver']});
		more.addPlugin({name: 'alpha/vol', capabilities: ['volumedriver']});
		more.addPlugin({name: 'mid/auth', enabled: true, capabilities: ['authz']});
	});
	const order = (frame: string) => frame.split('\n').filter(line => /^[●○] /.test(line)).map(line => line.slice(2).split(/\s+/)[0]);
	await app.press('N');
	assert.deepEqual(order(await app.waitFor(/sort: name ↑|NAME ↑|NAME↑/)), ['alpha/vol', 'mid/auth', 'zeta/net']);
	await app.press('E');
	const enabledFirst = order(await app.waitFor(/ENABLED ?↑/));
	assert.deepEqual(enabledFirst.slice(2), ['alpha/vol']);
	await app.press('T');
	assert.deepEqual(order(await app.waitFor(/TYPE ?↑/)), ['mid/auth', 'zeta/net', 'alpha/vol']);
});

test('an engine without the Plugin API (Podman) says so in place of the list', async t => {
	const {engine, app} = await openApp(t, () => undefined, {columns: 130});
	engine.fail({method: 'GET', path: '/plugins', answer: {status: 404, message: 'page not found'}});
	await app.waitFor(/Containers \d+\/\d+/);
	await app.type(':plugins\r');
	await app.waitFor(/This engine has no managed plugins/);
});

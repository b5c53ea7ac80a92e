// The plugins view against the real engine, with a real plugin made by
// `docker plugin create` from busybox (test/helpers/busybox-plugin.ts): list,
// inspect, set, enable and disable, remove with its refusals, and install
// from a local registry showing the privileges first; each checked on the engine.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {createBusyboxPlugin, dockerCli, removePlugins} from '../helpers/busybox-plugin.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startRegistry, type Registry} from '../helpers/registry.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, docker, cleanup} = engineFixture();
const prefix = `berth-test-${process.pid}`;
let registry: Registry | undefined;
let term: Term | undefined;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	await removePlugins(host, [prefix]);
});
after(async () => {
	await removePlugins(host, [prefix, ...(registry ? [registry.address] : [])]);
	await registry?.stop();
});

interface RawPlugin {
	readonly Name: string;
	readonly Enabled: boolean;
	readonly Settings: {readonly Env: readonly string[]};
}
const inspect = async (name: string) => docker.getPlugin(name, undefined).inspect() as Promise<RawPlugin>;

async function openPlugins(): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: 160, rows: 34});
	await term.waitForText('Containers');
	term.press(':plugins\r');
	await term.waitForText(/Plugins \d+\/\d+/);
	return term;
}

test('a plugin made with docker plugin create: listed, inspected, set, enabled and disabled, refused while enabled, removed', async () => {
	const name = `${prefix}/volumes`;
	await createBusyboxPlugin(host, name);
	const t = await openPlugins();
	await t.waitForText(new RegExp(`○ ${name} +latest +no +volume +berth test plugin`));
	await filterTo(t, name, /Plugins 1\//);

	t.press('i');
	await t.waitForText(`Plugin ${name}:latest`);
	const detail = t.screen();
	assert.match(detail, /DEBUG=0 {2}\[settable\] {2}debug level/);
	assert.match(detail, /FIXED=1 {2}not settable/);
	assert.match(detail, /network: host/);
	assert.match(detail, /capabilities: CAP_SYS_ADMIN/);
	t.press('escape');
	await t.waitForNoText(`Plugin ${name}:latest`);

	t.press('s');
	await t.waitForText(`Set ${name}:latest  (settable now: DEBUG=0)`);
	t.press('DEBUG=1\r');
	await t.waitForText(`Set DEBUG=1 on ${name}:latest.`);
	assert.ok((await inspect(name)).Settings.Env.includes('DEBUG=1'));
	t.press('s');
	await t.waitForText(`Set ${name}:latest`);
	t.press('FIXED=2\r');
	await t.waitForText(`Could not set FIXED=2 on ${name}:latest: "FIXED" is not settable`);
	t.press('escape');
	// A key sent right behind Esc would read as Alt+key.
	await t.waitForNoText('key=value');

	t.press('e');
	await t.waitForText(`Enable plugin ${name}:latest?`);
	t.press('y');
	await t.waitForText(`Enabled ${name}:latest.`, {timeoutMs: 30_000});
	assert.equal((await inspect(name)).Enabled, true);
	await t.waitForText(new RegExp(`● ${name} +latest +yes`));

	t.press('s');
	await t.waitForText(`${name}:latest is enabled: the engine changes a plugin's settings only while it is disabled. Disable it first (e).`);
	t.press('d');
	await t.waitForText(`${name}:latest is enabled: the engine removes only a disabled plugin. Disable it first (e).`);
	assert.equal((await inspect(name)).Enabled, true);

	t.press('e');
	await t.waitForText(`Disable plugin ${name}:latest?`);
	t.press('y');
	await t.waitForText(`Disabled ${name}:latest.`, {timeoutMs: 30_000});
	assert.equal((await inspect(name)).Enabled, false);
	await t.waitForText(new RegExp(`○ ${name} +latest +no`));

	t.press('d');
	await t.waitForText(`Remove plugin ${name}:latest?`);
	t.press('y');
	await t.waitForText(`Removed plugin ${name}:latest.`);
	await assert.rejects(inspect(name), /not found/i);
	await t.waitForText(/Plugins 0\//);
});

test(':plugin-install shows the privileges a plugin asks for and installs (and enables) it from a registry only after yes', async () => {
	registry = await startRegistry();
	const reference = `${registry.address}/${prefix}/installed:1`;
	// Made here, pushed to the registry, and removed, so the install really pulls it.
	await createBusyboxPlugin(host, reference);
	await dockerCli(host, ['plugin', 'push', reference]);
	await dockerCli(host, ['plugin', 'rm', reference]);

	term = startTerm({args: ['--host', host], cols: 160, rows: 34});
	const t = term;
	await t.waitForText('Containers');
	t.press(':plugin-install\r');
	await t.waitForText('Install a plugin (as docker plugin install)');
	t.press(`${reference}\r`);
	await t.waitForText(`Install plugin ${reference}? It asks for these privileges:`);
	assert.match(t.screen(), /network: host/);
	assert.match(t.screen(), /capabilities: CAP_SYS_ADMIN/);
	t.press('n');
	await t.waitForNoText(`Install plugin ${reference}?`);
	await assert.rejects(inspect(reference), /not found/i);

	t.press('p');
	await t.waitForText('Install a plugin');
	t.press(`${reference}\r`);
	await t.waitForText(`Install plugin ${reference}?`);
	t.press('y');
	await t.waitForText(`Installed ${reference} and enabled it.`, {timeoutMs: 60_000});
	const installed = await waitFor(async () => {
		const plugin = await inspect(reference).catch(() => undefined);
		return plugin?.Enabled ? plugin : undefined;
	}, {what: 'the plugin enabled on the engine'});
	assert.equal(installed.Name, reference);
	await t.waitForText(new RegExp(`● ${registry.address.replace(/\./g, '\\.')}/${prefix}/installed +1 +yes +volume`));
});

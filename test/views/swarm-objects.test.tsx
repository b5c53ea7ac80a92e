// The secrets and configs panes (one spec twice) against the in-memory engine as
// a Swarm manager: the services using each, create from typed text (masked for
// a secret) or a file, a taken name refused in the engine's words, remove
// refused in plain words while a service uses it, and a config's data on Enter.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function cluster(engine: InMemoryEngine): void {
	engine.setSwarm('manager');
	engine.addSwarmObject('secret', {name: 'db-password', data: 'hunter2'});
	engine.addSwarmObject('secret', {name: 'spare'});
	engine.addSwarmObject('config', {name: 'nginx-conf', data: 'server {\n  listen 80;\n}\n'});
	engine.addService({name: 'web', configs: ['nginx-conf'], secrets: ['db-password']});
	engine.addService({name: 'api', secrets: ['db-password']});
}

test(':secrets lists each secret with the services using it; d refuses one in use, naming them, and removes one that is not', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':secrets\r');
	const frame = await app.waitFor(/Secrets 2\/2/);
	assert.match(frame, /NAME +CREATED +UPDATED +LABELS +USED BY/);
	assert.match(frame, /● db-password +1d ago +1d ago +- +api, web/);
	assert.match(frame, /○ spare +1d ago/);
	await app.press('d');
	await app.waitFor(/The secret db-password is used by the services api, web\. Take it out of those services \(or remove them\) first\./);
	assert.ok(engine.swarmObject('secret', 'db-password'));
	await app.press('G', 'd');
	await app.waitFor(/Remove secret spare\?/);
	await app.press('y');
	await app.waitFor(/Removed secret spare\./);
	assert.equal(engine.swarmObject('secret', 'spare'), undefined);
});

test('c creates a secret from typed text without showing it; a taken name is the engine\'s refusal in plain words', async t => {
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':secrets\r');
	await app.waitFor(/Secrets 2\/2/);
	await app.press('c');
	await app.waitFor(/Create a secret/);
	await app.type('api-token');
	await app.press(keys.tab, keys.tab);
	await app.type('s3cr3t-value');
	const frame = await app.waitFor(/••••••••••••/);
	assert.doesNotMatch(frame, /s3cr3t/);
	await app.press(keys.enter);
	await app.waitFor(/Created secret api-token\./);
	assert.equal(engine.swarmObject('secret', 'api-token')?.data.toString(), 's3cr3t-value');
	await app.press('c');
	await app.type('spare');
	await app.press(keys.tab, keys.tab);
	await app.type('x');
	await app.press(keys.enter);
	const refused = await app.waitFor(/Secret spare already exists/);
	assert.doesNotMatch(refused, /rpc error/);
});

test(':configs: c creates one from a file, Enter shows a config\'s data, d refuses one in use', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'berth-config-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const file = join(directory, 'app.ini');
	writeFileSync(file, 'mode=fast\n');
	const {engine, app} = await openApp(t, cluster, {columns: 140});
	await app.type(':configs\r');
	await app.waitFor(/Configs 1\/1/);
	await app.press(keys.enter);
	const data = await app.waitFor(/Config nginx-conf/);
	assert.match(data, /server \{\n {2}listen 80;\n\}/);
	await app.press(keys.escape, 'd');
	await app.waitFor(/The config nginx-conf is used by the service web\. Take it out of that service \(or remove it\) first\./);
	await app.press('c');
	await app.type('app-ini');
	await app.press(keys.tab);
	await app.type(join(directory, 'missing.ini'));
	await app.press(keys.enter);
	await app.waitFor(/Cannot read .*missing\.ini: no such file\./);
	for (let i = 0; i < 'missing.ini'.length; i++) await app.press(keys.backspace);
	await app.type('app.ini');
	await app.press(keys.enter);
	await app.waitFor(/Created config app-ini\./);
	assert.equal(engine.swarmObject('config', 'app-ini')?.data.toString(), 'mode=fast\n');
	await app.waitFor(/Configs 2\/2/);
});

// What the configuration file changes in the views, against the in-memory
// engine: read-only refusals (said in the status line, marked in help, the
// header says so, nothing but reads reach the engine), remapped keys in help
// and in the handlers, an alias opening a filtered view, a custom command's key in help.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {resetKeySettings, setReadOnly} from '../../source/keys/key-settings.js';
import {remapKeys} from '../../source/shell/key-actions.js';
import {setCommandAliases} from '../../source/shell/command-line.js';
import {setCustomCommands} from '../../source/hooks/custom-commands.js';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

function store(engine: InMemoryEngine): void {
	engine.addContainer({name: 'web'});
	engine.addContainer({name: 'db'});
	engine.addVolume({name: 'cache', size: 1000});
}

test('read-only: keys that change something are refused in the status line, marked in help, and only reads reach the engine', async t => {
	setReadOnly(true);
	t.after(resetKeySettings);
	const {app, engine} = await openApp(t, store, {columns: 140, rows: 30, props: {isReadOnly: true}});
	await app.waitFor(/● web/);
	assert.match(app.frame().split('\n')[0] ?? '', /^berth read-only /);
	await app.press('K');
	await app.waitFor(/read-only: Kill is not allowed/);
	await app.press('d');
	await app.waitFor(/read-only: Remove is not allowed/);
	assert.doesNotMatch(app.frame(), /Remove web\?/);
	await app.type(':volumes\r');
	await app.waitFor(/Volumes 1\/1/);
	await app.press('c');
	await app.waitFor(/read-only: Create a volume is not allowed/);
	await app.press('i');
	await app.waitFor(/driver/i);
	await app.press(keys.escape);
	await app.press('?');
	await app.waitFor(/X +\[read-only\] Prune unused volumes/);
	assert.deepEqual(engine.requests.filter(request => !/^(GET|HEAD) /.test(request)), []);
});

test('remapped keys: help shows them and the handler answers to them; an alias opens a view filtered', async t => {
	remapKeys(new Map([['containers.logs', ['o']], ['global.help', ['H']]]));
	setCommandAliases([{name: 'dbs', pane: 'containers', filter: 'db'}]);
	setCustomCommands([{view: 'containers', key: 'b', label: 'backup', command: ['echo', '{{.Name}}'], shell: false, mode: 'background', safe: true, line: 1}]);
	t.after(() => {
		resetKeySettings();
		setCommandAliases([]);
		setCustomCommands([]);
	});
	const {app} = await openApp(t, store, {columns: 140, rows: 40});
	await app.waitFor(/● web/);
	await app.press('H');
	await app.waitFor(/Keys: Containers/);
	assert.match(app.frame(), / o +Logs of the marked containers/);
	assert.match(app.frame(), / b +backup: echo \{\{\.Name\}\}/);
	assert.match(app.frame(), / H +Show or hide the keys/);
	await app.press(keys.escape);
	await app.type(':dbs\r');
	await app.waitFor(/filter: db/);
	assert.doesNotMatch(app.frame(), /● web/);
	await app.press('o');
	await app.waitFor(/Logs/);
});

test('a custom command in a spec view (volumes) runs with the row\'s values in the background; its output and exit code are shown', async t => {
	setCustomCommands([{view: 'volumes', key: 'b', label: 'show', command: ['echo', 'volume={{.Name}}', '{{.Host}}'], shell: false, mode: 'background', safe: true, line: 1}], 'unix:///engine.sock');
	t.after(() => setCustomCommands([]));
	const {app} = await openApp(t, store, {columns: 140, rows: 30});
	await app.waitFor(/● web/);
	await app.type(':volumes\r');
	await app.waitFor(/Volumes 1\/1/);
	await app.press('b');
	await app.waitFor(/volume=cache unix:\/\/\/engine\.sock/);
	assert.match(app.frame(), /show on cache: exited with code 0/);
	await app.press(keys.escape);
	await app.waitFor(/Volumes 1\/1/);
});

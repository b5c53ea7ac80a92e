// The configuration file's schema (every error names line and key), key
// remapping and conflicts, settings' sources, and themes.
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {checkConfig, normalizeKey} from '../../source/config/config-schema.js';
import {parseConfigText} from '../../source/config/config-tree.js';
import type {ConfigError} from '../../source/config/read-config.js';
import { loadConfig} from '../../source/config/read-config.js';
import {applyConfig, schemaContext} from '../../source/config/apply-config.js';
import {hostInUse, resolveSettings} from '../../source/config/settings.js';
import {applyTheme, color, colorOpen, isColorEnabled, selectedStyle} from '../../source/components/theme.js';
import {commandFor, globalKeys} from '../../source/keys/keymap.js';
import {effectiveHints} from '../../source/shell/hints.js';
import {isRefused, keysOf, onKeyRefused, resetKeySettings, setReadOnly} from '../../source/keys/key-settings.js';
import {keyActions, keyConflicts, remapKeys} from '../../source/shell/key-actions.js';
import {containersKeys} from '../../source/features/containers/keys.js';
import {listKeys} from '../../source/keys/list-keys.js';
import {logSettings} from '../../source/features/logs/log-settings.js';
import {chartSettings, chartWindows} from '../../source/features/detail/detail-model.js';
import {commandArgv} from '../../source/terminal/custom-command-process.js';
import {setCustomCommands} from '../../source/hooks/custom-commands.js';
import {tempDir} from '../helpers/temp-dir.js';

afterEach(() => {
	resetKeySettings();
	setCustomCommands([]);
	applyTheme('dark', {}, {});
});

async function check(text: string) {
	const parsed = await parseConfigText(text);
	assert.ok('tree' in parsed, 'parses');
	return checkConfig(parsed.tree, schemaContext());
}

test('every schema error names its line and its key', async () => {
	const {errors, warnings} = await check([
		'tail: -1', // 1
		'logBuffer: 10', // 2
		'bell: yes please', // 3
		'theme: purple', // 4
		'colors:', // 5
		'  header: "#12"', // 6
		'  running: green', // 7
		'keys:', // 8
		'  containers.nothing: x', // 9
		'  containers.logs: [o, "<hyper>"]', // 10
		'aliases:', // 11
		'  web: nowhere /x', // 12
		'hosts:', // 13
		'  - name: prod', // 14
		'    host: http://x', // 15
		'customCommands:', // 16
		'  containers:', // 17
		'    - key: b', // 18
		'      label: go', // 19
		'      command: [echo, "{{.Nope}}"]', // 20
		'chartWindow: 7m', // 21
		'colour: red', // 22
	].join('\n'));
	assert.deepEqual(errors.map(problem => [problem.line, problem.key]), [
		[1, 'tail'], [2, 'logBuffer'], [3, 'bell'], [4, 'theme'], [6, 'colors.header'], [9, 'keys.containers.nothing'],
		[10, 'keys.containers.logs'], [12, 'aliases.web'], [15, 'hosts[0].host'], [20, 'customCommands.containers[0].command'], [21, 'chartWindow'],
	]);
	assert.deepEqual(warnings.map(problem => [problem.line, problem.key, problem.message]), [[22, 'colour', 'unknown key, ignored']]);
});

test('a file read from disk: errors carry its path; a missing default file means defaults; a missing --config file is an error', async () => {
	const dir = tempDir('berth-config-unit-');
	const path = join(dir, 'config.yaml');
	writeFileSync(path, 'theme: dark\nkeys:\n  containers.logs: [o\n');
	await assert.rejects(loadConfig({path, env: {}, context: schemaContext()}), (error: ConfigError) => /config\.yaml:\d: (keys|containers\.logs): not valid YAML/.test(error.lines[0] ?? ''));
	assert.deepEqual(await loadConfig({env: {XDG_CONFIG_HOME: dir + '/none'}, context: schemaContext()}), {warnings: []});
	await assert.rejects(loadConfig({path: join(dir, 'missing.yaml'), env: {}, context: schemaContext()}), /there is no such file/);
	writeFileSync(path, 'readOnly: true\nfoo: 1\n');
	const loaded = await loadConfig({path, env: {}, context: schemaContext()});
	assert.equal(loaded.config?.values.readOnly, true);
	assert.deepEqual(loaded.warnings, [`${path}:2: foo: unknown key, ignored`]);
});

test('keys are written as people write them', () => {
	assert.equal(normalizeKey('enter'), '<enter>');
	assert.equal(normalizeKey('Ctrl+B'), 'ctrl+b');
	assert.equal(normalizeKey('<pgdn>'), '<pgdn>');
	assert.equal(normalizeKey('x'), 'x');
	assert.equal(normalizeKey('xy'), undefined);
	assert.equal(normalizeKey('<hyper>'), undefined);
});

test('remapping moves an action to its new keys in handlers and help; the old key means nothing', () => {
	assert.deepEqual(remapKeys(new Map([['containers.logs', ['o']], ['list.down', ['J']], ['nothing.here', ['x']]])), ['nothing.here']);
	const logs = containersKeys.find(binding => binding.command === 'logs');
	assert.ok(logs);
	assert.deepEqual(keysOf(logs), ['o']);
	assert.equal(commandFor({input: 'o'}, containersKeys), 'logs');
	assert.equal(commandFor({input: 'l'}, containersKeys), undefined);
	// List movement is shared: remapped once, for every list.
	assert.equal(commandFor({input: 'J'}, listKeys), 'down');
	assert.equal(commandFor({input: 'j'}, containersKeys), undefined);
	assert.deepEqual(keyConflicts(), []);
});

test('two actions of one view on one key are a conflict naming both; the same key in two views is not', () => {
	remapKeys(new Map([['containers.pause', ['s']], ['images.pull', ['l']]]));
	assert.deepEqual(keyConflicts().map(conflict => [conflict.pane, conflict.key, [...conflict.ids].sort()]), [['containers', 's', ['containers.pause', 'containers.startStop']]]);
});

test('applyConfig sets the flags\' defaults and the chart window a detail view opens on', async () => {
	const {config} = await check('tail: all\nlogBuffer: 200\nchartWindow: 10m\n');
	const {settings} = resolveSettings({flags: {}, file: config, env: {}});
	assert.deepEqual(applyConfig(settings, config, '/c.yaml', ''), []);
	assert.equal(logSettings.tail, 'all');
	assert.equal(logSettings.capacity, 200);
	assert.equal(chartWindows[chartSettings.windowIndex], 600);
	applyConfig(resolveSettings({flags: {}, env: {}}).settings, undefined, undefined, '');
	assert.deepEqual([logSettings.tail, chartWindows[chartSettings.windowIndex]], [1000, 120]);
});

test('applyConfig reports a conflict with the file line and both ids', async () => {
	const {config} = await check('keys:\n  containers.pause: s\n');
	const problems = applyConfig(resolveSettings({flags: {}, env: {}}).settings, config, '/x/config.yaml', 'unix:///s');
	assert.deepEqual(problems, ['/x/config.yaml:2: keys.containers.pause: s would be both containers.pause and containers.startStop in the containers view; give one of them another key']);
});

test('every action id is unique, and read-only refuses exactly the ones marked as changing something', () => {
	const ids = keyActions().map(action => action.id);
	assert.equal(new Set(ids).size, ids.length);
	const refused: string[] = [];
	setReadOnly(true);
	onKeyRefused(binding => refused.push(binding.command));
	assert.equal(commandFor({input: 'K'}, containersKeys), undefined);
	assert.equal(commandFor({input: 'l'}, containersKeys), 'logs');
	assert.deepEqual(refused, ['kill']);
	const changing = keyActions().filter(action => isRefused(action.binding)).map(action => action.id);
	for (const id of ['containers.kill', 'containers.exec', 'images.pull', 'images.prune', 'volumes.create', 'networks.connect', 'system.prune']) assert.ok(changing.includes(id), id);
	for (const id of ['containers.logs', 'images.inspect', 'images.history', 'alerts.toggleBell', 'global.quit']) assert.ok(!changing.includes(id), id);
});

test('settings: flag over environment over file over default, each with its source; a host entry makes the run read-only', async () => {
	const {config} = await check('tail: 300\nbell: false\ntheme: light\nhosts:\n  - name: prod\n    context: prod-ctx\n    readOnly: true\n');
	const host = hostInUse(config.hosts, {url: 'ssh://x', contextName: 'prod-ctx'});
	assert.equal(host?.name, 'prod');
	const {settings, origins} = resolveSettings({flags: {tail: 50}, file: config, path: '/c.yaml', env: {NO_COLOR: '1'}, ...(host ? {host} : {})});
	assert.deepEqual([settings.tail, origins.tail.source], [50, 'flag']);
	assert.deepEqual([settings.bell, origins.bell], [false, {source: 'file', detail: '/c.yaml:2'}]);
	assert.deepEqual([settings.theme, origins.theme.source], ['none', 'environment']);
	assert.deepEqual([settings.readOnly, origins.readOnly.detail], [true, '/c.yaml:5 (host prod)']);
	assert.deepEqual([settings.logBuffer, origins.logBuffer.source], [50_000, 'default']);
	assert.equal(hostInUse(config.hosts, {url: 'unix:///s'}, 'prod')?.name, 'prod');
	assert.equal(hostInUse(config.hosts, {url: 'unix:///s'}), undefined);
});

test('themes: roles follow the theme and colors: overrides; none and NO_COLOR give no colour at all', () => {
	applyTheme('dark', {}, {});
	assert.equal(color('running'), 'green');
	assert.equal(color('header'), 'cyan');
	assert.deepEqual(selectedStyle(true), {inverse: true});
	applyTheme('light', {header: '#0000aa', selected: 'blue'}, {});
	assert.equal(color('header'), '#0000aa');
	assert.equal(color('paused'), '#8a6100');
	assert.equal(color('cyan'), 'blue');
	assert.deepEqual(selectedStyle(true), {backgroundColor: 'blue'});
	applyTheme('high-contrast', {}, {});
	assert.equal(color('unhealthy'), 'redBright');
	applyTheme('none', {header: 'red'}, {});
	assert.equal(isColorEnabled(), false);
	assert.equal(color('header'), undefined);
	assert.equal(colorOpen('chart1'), '');
	applyTheme('dark', {header: 'red'}, {NO_COLOR: '1'});
	assert.equal(color('header'), undefined);
});

test('status-line hints follow remapped keys and leave out what read-only refuses', () => {
	const hints = '? help  / filter  l logs  space mark  e shell  K kill  q quit';
	const bindings = [...containersKeys, ...globalKeys];
	assert.equal(effectiveHints(hints, bindings), hints);
	remapKeys(new Map([['containers.logs', ['o']], ['containers.mark', ['m']]]));
	assert.equal(effectiveHints(hints, bindings), '? help  / filter  o logs  m mark  e shell  K kill  q quit');
	setReadOnly(true);
	assert.equal(effectiveHints(hints, bindings), '? help  / filter  o logs  m mark  q quit');
});

test('custom command templates become arguments, never shell text, unless shell: true quotes them', () => {
	const base = {view: 'containers', key: 'b', label: 'x', mode: 'terminal' as const, safe: false, line: 1};
	const values = {ID: 'abc', Name: 'web; rm -rf /', Image: 'img', Host: 'unix:///s', Project: ''};
	assert.deepEqual(commandArgv({...base, shell: false, command: ['echo', 'name={{ .Name }}', '{{.ID}}']}, values), ['echo', 'name=web; rm -rf /', 'abc']);
	assert.deepEqual(commandArgv({...base, shell: true, command: ['echo {{.Name}} it\'s']}, {...values, Name: 'it\'s'}), ['sh', '-c', 'echo \'it\'\\\'\'s\' it\'s']);
});

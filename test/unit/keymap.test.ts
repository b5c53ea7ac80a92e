import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {completeCommand, runCommandLine} from '../../source/shell/command-line.js';
import {readmeKeyTables} from '../../source/keys/key-docs.js';
import {commandFor, globalKeys} from '../../source/keys/keymap.js';
import {containersKeys} from '../../source/features/containers/keys.js';
import {paneDefinitions} from '../../source/shell/registry.js';
import {splitTyped} from '../../source/text/typed-text.js';

test('the README key tables are the ones generated from the keymap', () => {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	const tables = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
	assert.equal(tables, readmeKeyTables(), 'README.md is out of date: run `npm run docs:keys`');
	for (const pane of paneDefinitions) assert.match(tables ?? '', new RegExp(`### ${pane.title}`));
});

test('within a pane, no key means two commands, and no pane key shadows a global one', () => {
	for (const pane of paneDefinitions) {
		const seen = new Map<string, string>();
		for (const binding of [...pane.keys, ...globalKeys]) {
			for (const key of binding.keys) {
				assert.equal(seen.get(key), undefined, `${pane.name}: ${key} is bound to ${seen.get(key)} and ${binding.command}`);
				seen.set(key, binding.command);
			}
		}
	}
});

test('keys map to commands', () => {
	assert.equal(commandFor({input: 'j'}, containersKeys), 'down');
	assert.equal(commandFor({input: '', downArrow: true}, containersKeys), 'down');
	assert.equal(commandFor({input: 'G'}, containersKeys), 'bottom');
	assert.equal(commandFor({input: 'f', ctrl: true}, containersKeys), 'pageDown');
	assert.equal(commandFor({input: 'f'}, containersKeys), undefined);
	assert.equal(commandFor({input: 'K'}, containersKeys), 'kill');
	assert.equal(commandFor({input: 'c', ctrl: true}, globalKeys), 'quit');
	assert.equal(commandFor({input: '', escape: true}, globalKeys), 'back');
	assert.equal(commandFor({input: ':'}, globalKeys), 'commandLine');
});

test('the command line switches panes, quits, completes and explains unknown commands', () => {
	assert.deepEqual(runCommandLine('containers'), {kind: 'pane', pane: 'containers'});
	assert.deepEqual(runCommandLine(':q'), {kind: 'quit'});
	const unknown = runCommandLine('frobnicate');
	assert.equal(unknown.kind, 'unknown');
	assert.match(unknown.kind === 'unknown' ? unknown.message : '', /Unknown command ":frobnicate".*:containers/);
	// Towards the name the hint shows, not the alias on the way (container, vol).
	assert.equal(completeCommand('cont'), 'containers');
	assert.equal(completeCommand('vol'), 'volumes');
	assert.equal(completeCommand('ps'), 'containers');
	assert.equal(completeCommand('e'), 'events');
	assert.equal(completeCommand('qu'), 'quit');
	assert.equal(completeCommand('zz'), 'zz');
});

test('text typed with Enter in one chunk submits, without the Enter or controls in the text', () => {
	assert.deepEqual(splitTyped('web'), {text: 'web', submitted: false});
	assert.deepEqual(splitTyped('web\rd'), {text: 'web', submitted: true});
	assert.deepEqual(splitTyped('a\u001B[2Jb\n'), {text: 'ab', submitted: true});
});

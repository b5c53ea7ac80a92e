import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {completeCommand, runCommandLine} from '../../source/command-line.js';
import {commandFor, keyTableMarkdown, keymap} from '../../source/keymap.js';

test('the README key table is the one generated from the keymap', () => {
	const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
	const table = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme)?.[1];
	assert.equal(table, keyTableMarkdown(), 'README.md is out of date: run `npm run docs:keys`');
});

test('no key means two commands', () => {
	const seen = new Map<string, string>();
	for (const binding of keymap) {
		for (const key of binding.keys) {
			assert.equal(seen.get(key), undefined, `${key} is bound to ${seen.get(key)} and ${binding.command}`);
			seen.set(key, binding.command);
		}
	}
});

test('keys map to commands', () => {
	assert.equal(commandFor({input: 'j'}), 'down');
	assert.equal(commandFor({input: '', downArrow: true}), 'down');
	assert.equal(commandFor({input: 'G'}), 'bottom');
	assert.equal(commandFor({input: 'c', ctrl: true}), 'quit');
	assert.equal(commandFor({input: 'f', ctrl: true}), 'pageDown');
	assert.equal(commandFor({input: 'f'}), undefined);
	assert.equal(commandFor({input: 'K'}), 'kill');
});

test('the command line switches panes, quits, completes and explains unknown commands', () => {
	assert.deepEqual(runCommandLine('containers'), {kind: 'pane', pane: 'containers'});
	assert.deepEqual(runCommandLine(':q'), {kind: 'quit'});
	const unknown = runCommandLine('frobnicate');
	assert.equal(unknown.kind, 'unknown');
	assert.match(unknown.kind === 'unknown' ? unknown.message : '', /Unknown command ":frobnicate".*:containers/);
	assert.equal(completeCommand('cont'), 'container');
	assert.equal(completeCommand('containe'), 'container');
	assert.equal(completeCommand('qu'), 'quit');
	assert.equal(completeCommand('zz'), 'zz');
});

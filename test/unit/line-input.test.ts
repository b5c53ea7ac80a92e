import assert from 'node:assert/strict';
import {test} from 'node:test';
import {lineInput} from '../../source/keys/line-input.js';

test('typing to a container without a TTY: echoed, edited, sent a line at a time; control keys pass straight on', () => {
	const sent: string[] = [];
	let screen = '';
	let detached = 0;
	const type = lineInput({send: text => sent.push(text), echo: text => {
		screen += text;
	}, detach() {
		detached++;
	}});
	type('ech');
	type(Buffer.from('o hi😀\u007F\u007Fi\r'));
	assert.deepEqual(sent, ['echo hi\n']);
	assert.equal(screen, 'echo hi😀\b \b\b \bi\r\n');
	type('\u007F');
	// ctrl+p alone, or before another key, still reaches the container; ctrl+p ctrl+q detaches (even across chunks).
	type('\u0010\u0003\u0011');
	assert.deepEqual(sent, ['echo hi\n', '\u0010', '\u0003', '\u0011']);
	assert.equal(detached, 0);
	type('\u0010');
	type('\u0011');
	assert.equal(detached, 1);
	assert.equal(sent.length, 4);
});

test('a character split across two reads is typed whole', () => {
	const sent: string[] = [];
	let screen = '';
	const type = lineInput({send: text => sent.push(text), echo: text => {
		screen += text;
	}, detach() {}});
	const whale = Buffer.from('🐳\r');
	type(whale.subarray(0, 2));
	type(whale.subarray(2));
	assert.equal(screen, '🐳\r\n');
	assert.deepEqual(sent, ['🐳\n']);
});

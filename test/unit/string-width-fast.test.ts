import assert from 'node:assert/strict';
import {test} from 'node:test';
import realStringWidth from 'string-width';
import stringWidth from '../../source/text/string-width-fast.js';

test('the fast path agrees with string-width for every code point it claims', () => {
	const ranges: Array<[number, number]> = [[0x20, 0x7E], [0xA0, 0xAC], [0xAE, 0xFF], [0x2010, 0x2027], [0x2190, 0x21FF], [0x2500, 0x25FC]];
	for (const [from, to] of ranges) {
		for (let code = from; code <= to; code++) {
			const char = String.fromCodePoint(code);
			assert.equal(stringWidth(char), realStringWidth(char), `U+${code.toString(16)}`);
			assert.equal(realStringWidth(char), 1, `U+${code.toString(16)} is one column`);
		}
	}
});

test('anything else, escapes and options go to string-width', () => {
	for (const text of ['数据库', '🚀 ok', 'a\u0301', '\u001B[31mred\u001B[39m', '', 'soft\u00ADhyphen', '⌚', '◽']) {
		assert.equal(stringWidth(text), realStringWidth(text), JSON.stringify(text));
	}
	assert.equal(stringWidth('●  web  ▁▂▃ · …'), 15);
	assert.equal(stringWidth('\u001B[32m●\u001B[39m web \u001B[1;7mx\u001B[22;27m'), 7);
	for (const text of ['\u001B]8;;http://x\u0007link\u001B]8;;\u0007', '\u001B[31m数据\u001B[39m', '\u001B[2Kabc']) {
		assert.equal(stringWidth(text), realStringWidth(text), JSON.stringify(text));
	}
	assert.equal(stringWidth('\u001B[31m●\u001B[39m', {countAnsiEscapeCodes: true}), realStringWidth('\u001B[31m●\u001B[39m', {countAnsiEscapeCodes: true}));
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {fitCell} from '../../source/text/cells.js';
import {sanitizeInline} from '../../source/text/sanitize.js';
import {formatBytes, formatDuration, formatPercent} from '../../source/text/units.js';

test('bytes read like docker stats', () => {
	assert.equal(formatBytes(0), '0B');
	assert.equal(formatBytes(620 * 1024), '620KiB');
	assert.equal(formatBytes(1.5 * 1024 * 1024), '1.50MiB');
	assert.equal(formatBytes(23.54 * 1024 ** 3), '23.5GiB');
	assert.equal(formatBytes(Number.NaN), '-');
});

test('percent and durations', () => {
	assert.equal(formatPercent(100.38), '100%');
	assert.equal(formatPercent(0.1), '0.1%');
	assert.equal(formatPercent(99.94), '99.9%');
	assert.equal(formatPercent(99.96), '100%');
	assert.equal(formatPercent(undefined), '-');
	assert.equal(formatDuration(59), '59s');
	assert.equal(formatDuration(3600 * 5), '5h');
});

test('cells are exactly as wide as asked, counting wide characters as two columns', () => {
	for (const text of ['web', 'a-very-long-container-name-indeed', '数据库服务器-主要', '🚀rocket🚀launcher', '']) {
		for (const width of [1, 5, 10, 20]) {
			assert.equal(stringWidth(fitCell(text, width)), width, `${text} in ${width}`);
			assert.equal(stringWidth(fitCell(text, width, 'right')), width, `${text} in ${width} right`);
		}
	}
	assert.equal(fitCell('web', 6), 'web   ');
	assert.equal(fitCell('web', 6, 'right'), '   web');
	assert.equal(fitCell('abcdefghij', 5), 'abcd…');
	// Cut by length when every character is one column, grapheme by grapheme otherwise.
	assert.equal(fitCell('café ● up · ▁▂▃', 8), 'café ● …');
	assert.equal(fitCell('cafe\u0301-web', 6), 'cafe\u0301-…');
	assert.equal(fitCell('数据库服务器', 5), '数据…');
});

test('untrusted text loses every escape and control sequence', () => {
	const hostile = [
		'\u001B[2J\u001B[Hcleared', // clear screen, home
		'\u001B]0;pwned\u0007title', // OSC title
		'\u001B]52;c;aGVsbG8=\u0007clip', // OSC 52 clipboard
		'\u001B]8;;http://x\u001B\\link\u001B]8;;\u001B\\', // hyperlink
		'\u001BPdcs\u001B\\text', // DCS
		'\u001B_apc\u001B\\text', // APC
		'\u009B31mred', // 8-bit CSI
		'bell\u0007back\bspace\rreturn',
		'\u001B[31mred\u001B[0m',
		'\u001B7save\u001B8',
		'bidi\u202Eevil',
	];
	for (const text of hostile) {
		const clean = sanitizeInline(text);
		assert.doesNotMatch(clean, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/, JSON.stringify(text));
	}
	assert.equal(sanitizeInline('\u001B]0;pwned\u0007title'), 'title');
	assert.equal(sanitizeInline('\u001B[31mred\u001B[0m'), 'red');
	assert.equal(sanitizeInline('tab\there'), 'tab here');
	assert.equal(sanitizeInline('数据库 🚀'), '数据库 🚀');
});

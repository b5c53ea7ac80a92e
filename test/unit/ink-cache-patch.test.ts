// patches/ink+6.8.0.patch bounds Ink's text caches: under a log flood every frame
// measures new rows, and Ink 6.8.0 kept every one of them forever. It also lets
// text that holds no control characters but colour codes through Ink's sanitiser
// untokenised, which must give what Ink's own sanitiser gives.
import assert from 'node:assert/strict';
import {resolve} from 'node:path';
import {after, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {importUnpatched, removeUnpatched} from './unpatched.js';

// The bound written in the patch.
const maxEntries = 2000;
after(removeUnpatched);

async function patched<T>(name: string): Promise<T> {
	return ((await import(pathToFileURL(resolve('node_modules/ink/build', name)).href)) as {default: T}).default;
}

test('measured sizes are remembered, but only up to the bound', async () => {
	const measureText = await patched<(text: string) => {width: number; height: number}>('measure-text.js');
	const first = measureText('line 0');
	assert.deepEqual(first, {width: 6, height: 1});
	assert.equal(measureText('line 0'), first, 'a repeat is served from the cache');
	for (let i = 1; i <= maxEntries; i++) measureText(`line ${i}`);
	const again = measureText('line 0');
	assert.deepEqual(again, first);
	assert.notEqual(again, first, 'the cache was emptied when it filled, not grown');
});

test('wrapping and truncation read as Ink\'s own do, with the bounded cache', async () => {
	type Wrap = (text: string, width: number, type: string) => string;
	const wrapText = await patched<Wrap>('wrap-text.js');
	const inkWrapText = (await importUnpatched<{default: Wrap}>('node_modules/ink/build/wrap-text.js')).default;
	for (let i = 0; i < maxEntries * 2; i++) assert.equal(wrapText(`${'x'.repeat(20)}${i}`, 10, 'truncate-end'), `${'x'.repeat(9)}…`);
	for (const [text, width, type] of [['abcdef', 3, 'wrap'], ['名前 コンテナ and more', 7, 'wrap'], ['\u001B[31mred text here\u001B[39m', 5, 'truncate-middle']] as const) {
		assert.equal(wrapText(text, width, type), inkWrapText(text, width, type));
	}
});

type Sanitize = (text: string) => string;
const berthSanitize = await patched<Sanitize>('sanitize-ansi.js');
const inkSanitize = (await importUnpatched<{default: Sanitize}>('node_modules/ink/build/sanitize-ansi.js')).default;
const samples = [
	'plain row text',
	'',
	'\u001B[32m●\u001B[39m web-1   \u001B[1mhealthy\u001B[22m',
	'\u001B[38;5;208mcolour\u001B[0m and \u001B[38:2::10:20:30mcolon form\u001B[m',
	'move \u001B[2Aup and \u001B[2Jclear',
	'title \u001B]0;pwned\u0007 done',
	'hyperlink \u001B]8;;https://example.com\u001B\\link\u001B]8;;\u001B\\',
	'C1 CSI \u009B31m and NEL \u0085 here',
	'bare ESC \u001B at the end \u001B',
	'\u001B[31mred \u001B[?25l hidden cursor',
	'private \u001B[>4;2m modifier',
	'名前 ✓ wide and emoji 🐳',
];

test('the sanitiser fast path returns what Ink\'s own sanitiser does for every kind of text', () => {
	for (const sample of samples) assert.equal(berthSanitize(sample), inkSanitize(sample), JSON.stringify(sample));
});

test('a long line of colour codes is handled in one pass (no regex backtracking blow-up)', () => {
	const line = '\u001B[32mx\u001B[39m'.repeat(200_000);
	assert.equal(berthSanitize(line), line);
	const hostile = `${line}\u001B[2J`;
	assert.equal(berthSanitize(hostile), inkSanitize(hostile));
});

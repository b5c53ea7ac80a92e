// patches/ink+6.8.0.patch bounds Ink's text caches: under a log flood every frame
// measures new rows, and Ink 6.8.0 kept every one of them forever.
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

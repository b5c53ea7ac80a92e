// berth's build bounds Ink's text caches (scripts/dependency-patches.mjs): under a
// log flood every frame measures new rows, and Ink kept every one of them forever.
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {after, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {maxInkCacheEntries as maxEntries, patchedSource} from '../../scripts/dependency-patches.mjs';

const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
// The patched modules import their packages by name, so they sit beside Ink's own.
const patchedPaths: string[] = [];
async function patched<T>(name: string): Promise<T> {
	const original = join(inkBuild, name);
	const path = join(inkBuild, `berth-patched-${process.pid}-${name}`);
	writeFileSync(path, patchedSource(original, readFileSync(original, 'utf8')));
	patchedPaths.push(path);
	return ((await import(pathToFileURL(path).href)) as {default: T}).default;
}
after(() => {
	for (const path of patchedPaths) rmSync(path, {force: true});
});

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

test('wrapping and truncation still read the same with the bounded cache', async () => {
	const wrapText = await patched<(text: string, width: number, type: string) => string>('wrap-text.js');
	for (let i = 0; i < maxEntries * 2; i++) assert.equal(wrapText(`${'x'.repeat(20)}${i}`, 10, 'truncate-end'), `${'x'.repeat(9)}…`);
	assert.equal(wrapText('abcdef', 3, 'wrap'), 'abc\ndef');
});

test('the build fails when Ink no longer has the lines the patch replaces', () => {
	assert.throws(() => patchedSource('/x/ink/build/measure-text.js', 'const cache = new Map();'), /dependency-patches/);
	assert.equal(patchedSource('/x/ink/build/output.js', 'anything'), 'anything');
});

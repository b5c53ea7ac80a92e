// scripts/dependency-patches.mjs edits dependencies at build time. The one that
// changes behaviour on a hot path, Ink's sanitiser fast path, must give back
// exactly what Ink's own sanitiser gives for every kind of text.
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {after, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {patchedSource} from '../../scripts/dependency-patches.mjs';

const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const original = join(inkBuild, 'sanitize-ansi.js');
const patched = join(inkBuild, `berth-patched-sanitize-${process.pid}.js`);
writeFileSync(patched, patchedSource(original, readFileSync(original, 'utf8')));
after(() => rmSync(patched, {force: true}));

type Sanitize = (text: string) => string;
const inkSanitize = (await import(pathToFileURL(original).href)).default as Sanitize;
const berthSanitize = (await import(pathToFileURL(patched).href)).default as Sanitize;

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

test('the sanitiser fast path returns what Ink would for every kind of text', () => {
	for (const sample of samples) assert.equal(berthSanitize(sample), inkSanitize(sample), JSON.stringify(sample));
});

test('a long line of colour codes is handled in one pass (no regex backtracking blow-up)', () => {
	const line = '\u001B[32mx\u001B[39m'.repeat(200_000);
	assert.equal(berthSanitize(line), line);
	const hostile = `${line}\u001B[2J`;
	assert.equal(berthSanitize(hostile), inkSanitize(hostile));
});

test('yoga compiles its WebAssembly only when first needed, and then lays out as before', async () => {
	const yogaDist = join(dirname(createRequire(import.meta.url).resolve('yoga-layout')), '..');
	const binaries = join(yogaDist, 'binaries', 'yoga-wasm-base64-esm.js');
	const index = join(yogaDist, 'src', 'index.js');
	const patchedBinaries = join(yogaDist, 'binaries', `berth-patched-yoga-${process.pid}.js`);
	const patchedIndex = join(yogaDist, 'src', `berth-patched-yoga-${process.pid}.js`);
	writeFileSync(patchedBinaries, patchedSource(binaries, readFileSync(binaries, 'utf8')));
	writeFileSync(patchedIndex, patchedSource(index, readFileSync(index, 'utf8')).replace('../binaries/yoga-wasm-base64-esm.js', `../binaries/berth-patched-yoga-${process.pid}.js`));
	after(() => {
		rmSync(patchedBinaries, {force: true});
		rmSync(patchedIndex, {force: true});
	});
	type Node = {setWidth(width: number): void; setHeight(height: number): void; calculateLayout(): void; getComputedWidth(): number; getComputedHeight(): number; free(): void};
	const yoga = (await import(pathToFileURL(patchedIndex).href)).default as {DIRECTION_LTR: number; start: () => void; Node: {create(): Node}};
	assert.equal(typeof yoga.DIRECTION_LTR, 'number', 'the enums are there at once');
	assert.equal(typeof Object.getOwnPropertyDescriptor(yoga, 'Node')?.get, 'function', 'not compiled as the module loads');
	const node = yoga.Node.create();
	assert.equal(Object.getOwnPropertyDescriptor(yoga, 'Node')?.get, undefined, 'compiled on first use');
	node.setWidth(12);
	node.setHeight(3);
	node.calculateLayout();
	assert.deepEqual([node.getComputedWidth(), node.getComputedHeight()], [12, 3]);
	node.free();
	yoga.start();
	assert.equal(typeof yoga.Node.create, 'function', 'starting again changes nothing');
});

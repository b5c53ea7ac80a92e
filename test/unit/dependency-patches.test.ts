// What the patches in patches/ are for, tested on the dependencies as installed
// (npm install applies the patches; the build bundles these very files).
// Ink's are in ink-output-patch.test.ts and ink-cache-patch.test.ts.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {build} from 'esbuild';

const scratch = mkdtempSync(join(tmpdir(), 'berth-patches-'));
after(() => rmSync(scratch, {recursive: true, force: true}));

test('yoga compiles its WebAssembly only when first needed, synchronously, and then lays out', async () => {
	type Node = {setWidth(width: number): void; setHeight(height: number): void; calculateLayout(): void; getComputedWidth(): number; getComputedHeight(): number; free(): void};
	const yoga = (await import('yoga-layout')).default as unknown as {DIRECTION_LTR: number; Config: {create(): unknown}; Node: {create(): Node}};
	assert.equal(typeof yoga.DIRECTION_LTR, 'number', 'the enums are there at once');
	assert.equal(typeof Object.getOwnPropertyDescriptor(yoga, 'Node')?.get, 'function', 'not compiled as the module loads');
	const node = yoga.Node.create();
	assert.equal(Object.getOwnPropertyDescriptor(yoga, 'Node')?.get, undefined, 'compiled on first use');
	node.setWidth(12);
	node.setHeight(3);
	node.calculateLayout();
	assert.deepEqual([node.getComputedWidth(), node.getComputedHeight()], [12, 3]);
	node.free();
	assert.equal(typeof yoga.Config.create, 'function', 'Config came with it');
});

test('chalk\'s colour level and is-in-ci are measured again in each run that starts from a snapshot', async () => {
	const entry = join(scratch, 'entry.cjs');
	const blob = join(scratch, 'entry.blob');
	const {outputFiles} = await build({
		stdin: {contents: "import chalk from 'chalk'; import isInCi from 'is-in-ci'; import {startupSnapshot} from 'node:v8'; startupSnapshot.setDeserializeMainFunction(() => process.stdout.write(JSON.stringify({level: chalk.level, isInCi})));", resolveDir: process.cwd(), loader: 'js'},
		bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent',
	});
	writeFileSync(entry, outputFiles[0]?.text ?? '');
	const path = process.env['PATH'] ?? '';
	const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], {env: {PATH: path}, encoding: 'utf8'});
	assert.equal(made.status, 0, made.stderr);
	const run = (env: Record<string, string>) => JSON.parse(spawnSync(process.execPath, ['--snapshot-blob', blob], {env: {PATH: path, ...env}, encoding: 'utf8'}).stdout) as unknown;
	assert.deepEqual(run({FORCE_COLOR: '3', CI: 'true'}), {level: 3, isInCi: true});
	assert.deepEqual(run({}), {level: 0, isInCi: false});
});

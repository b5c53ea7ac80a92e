// dist/cli.js runs the bundle through V8's code cache (scripts/launcher.mjs).
// The cache is a speed-up only: whatever state it is in, berth starts the same.
// Needs the build (npm test builds before the unit tests).
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, resolve} from 'node:path';
import {after, test} from 'node:test';
import packageJson from '../../package.json' with {type: 'json'};

const home = mkdtempSync(join(tmpdir(), 'berth-launcher-'));
after(() => rmSync(home, {recursive: true, force: true}));

function berth(env: Record<string, string>): string {
	assert.ok(existsSync('dist/cli.js'), 'dist/cli.js is missing: npm run build first');
	return execFileSync('node', ['dist/cli.js', '--version'], {env: {...process.env, ...env}, encoding: 'utf8', timeout: 20_000}).trim();
}

const caches = (folder: string) => (existsSync(folder) ? readdirSync(folder).filter(name => name.endsWith('.v8cache')) : []);

test('the first run writes the code cache, later runs use it, a damaged one is replaced', () => {
	const cacheHome = join(home, 'cache');
	const folder = join(cacheHome, 'berth');
	assert.equal(berth({XDG_CACHE_HOME: cacheHome}), packageJson.version);
	const [written] = caches(folder);
	assert.ok(written, 'a cache file is written on exit');
	assert.equal(berth({XDG_CACHE_HOME: cacheHome}), packageJson.version);
	writeFileSync(join(folder, written), 'not a V8 code cache');
	assert.equal(berth({XDG_CACHE_HOME: cacheHome}), packageJson.version);
	assert.deepEqual(caches(folder), [written]);
	assert.ok(readdirSync(folder).every(name => !name.includes('.v8cache.')), 'no temporary files left');
});

test('caches of other builds are removed when a new one is written', () => {
	const cacheHome = join(home, 'stale');
	const folder = join(cacheHome, 'berth');
	berth({XDG_CACHE_HOME: cacheHome});
	const [current] = caches(folder);
	rmSync(join(folder, current ?? 'none'), {force: true});
	writeFileSync(join(folder, 'bundle-1-2-v0.0.0-x64.v8cache'), 'old');
	berth({XDG_CACHE_HOME: cacheHome});
	assert.deepEqual(caches(folder), [current]);
});

test('a cache folder that cannot be made (read-only, /proc) changes nothing', () => {
	// A recursive mkdir under /proc used to spin forever at exit.
	assert.equal(berth({XDG_CACHE_HOME: '/proc/berth-no-such-folder'}), packageJson.version);
	assert.equal(berth({BERTH_NO_CODE_CACHE: '1', XDG_CACHE_HOME: join(home, 'off')}), packageJson.version);
	assert.deepEqual(caches(join(home, 'off', 'berth')), []);
});

// dist/berth (scripts/launcher.sh) starts Node from the start-up snapshot made at
// install (scripts/snapshot.mjs) when it was made by this node for this folder,
// and otherwise runs dist/cli.js. `sh -x` shows which command it ran.
function launch(command: string, env: Record<string, string> = {}): {version: string; ran: string} {
	const result = spawnSync('sh', ['-x', command, '--version'], {env: {...process.env, ...env}, encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 0, result.stderr);
	return {version: result.stdout.trim(), ran: result.stderr.split('\n').find(line => line.startsWith('+ exec ')) ?? ''};
}

test('dist/berth starts from the snapshot, also through a link like the one npm makes', () => {
	assert.ok(existsSync('dist/berth.blob'), 'dist/berth.blob is missing: npm run build makes it');
	const direct = launch('dist/berth');
	assert.equal(direct.version, packageJson.version);
	assert.match(direct.ran, /--snapshot-blob \S+\/dist\/berth\.blob -- --version$/);
	const bin = join(home, 'bin');
	mkdirSync(bin, {recursive: true});
	symlinkSync(relative(bin, resolve('dist/berth')), join(bin, 'berth'));
	const linked = launch(join(bin, 'berth'));
	assert.equal(linked.version, packageJson.version);
	assert.match(linked.ran, /--snapshot-blob/);
});

test('a snapshot made for another folder, node binary or node version, or turned off, is not used: dist/cli.js runs', () => {
	const copy = join(home, 'copy');
	cpSync('dist', copy, {recursive: true});
	const moved = launch(join(copy, 'berth'));
	assert.equal(moved.version, packageJson.version);
	assert.match(moved.ran, /\/copy\/cli\.js --version$/);
	const [inode, version, folder] = readFileSync('dist/berth.blob.made-by', 'utf8').trim().split(' ');
	assert.equal(version, process.version);
	assert.notEqual(folder, realpathSync(copy));
	writeFileSync(join(copy, 'berth.blob.made-by'), `${inode} ${version} ${realpathSync(copy)}\n`);
	assert.match(launch(join(copy, 'berth')).ran, /--snapshot-blob \S+\/copy\/berth\.blob/, 'made here by this node: used');
	writeFileSync(join(copy, 'berth.blob.made-by'), `1 ${version} ${realpathSync(copy)}\n`);
	assert.match(launch(join(copy, 'berth')).ran, /\/copy\/cli\.js --version$/, 'another node binary');
	// A version manager's shim keeps its inode when it runs another node.
	writeFileSync(join(copy, 'berth.blob.made-by'), `${inode} v0.0.1 ${realpathSync(copy)}\n`);
	assert.match(launch(join(copy, 'berth')).ran, /\/copy\/cli\.js --version$/, 'another node version');
	const off = launch('dist/berth', {BERTH_NO_SNAPSHOT: '1'});
	assert.equal(off.version, packageJson.version);
	assert.match(off.ran, /dist\/cli\.js --version$/);
});

test('without node on PATH dist/berth says so', () => {
	const result = spawnSync('/bin/sh', ['dist/berth'], {env: {PATH: '/nonexistent'}, encoding: 'utf8'});
	assert.equal(result.status, 127);
	assert.equal(result.stderr, 'berth: Node.js 20 or newer is needed, and no node is on PATH.\n');
});

test('dist/berth hands every argument to node unchanged and keeps to one malloc arena unless told otherwise', () => {
	// A stand-in node that prints what it was given.
	const fakeBin = join(home, 'fake-node');
	mkdirSync(fakeBin, {recursive: true});
	writeFileSync(join(fakeBin, 'node'), '#!/bin/sh\necho "arenas=$MALLOC_ARENA_MAX"\nfor argument in "$@"; do echo "[$argument]"; done\n', {mode: 0o755});
	const run = (env: Record<string, string>) => execFileSync('dist/berth', ['--host', 'ssh://me@a b', '', '*'], {env: {PATH: `${fakeBin}:/usr/bin:/bin`, ...env}, encoding: 'utf8'});
	const printed = run({});
	assert.match(printed, /^arenas=1\n/);
	assert.match(printed, /\n\[--host\]\n\[ssh:\/\/me@a b\]\n\[\]\n\[\*\]\n$/);
	assert.match(run({MALLOC_ARENA_MAX: '4'}), /^arenas=4\n/);
});

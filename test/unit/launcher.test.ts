// dist/cli.js runs the bundle through V8's code cache (scripts/launcher.mjs).
// The cache is a speed-up only: whatever state it is in, berth starts the same.
// Needs the build (npm test builds before the unit tests).
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
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

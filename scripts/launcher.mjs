// dist/cli.js: runs the bundle (dist/berth.cjs) through V8's code cache.
// Parsing and compiling the ~1 MB bundle is a large part of berth's start-up;
// with the cache V8 reuses the compiled code of the last run instead. The cache
// lives in $XDG_CACHE_HOME/berth (or ~/.cache/berth), keyed by the bundle's size
// and time and by Node's version; V8 itself checks the source and flags and
// rejects a stale cache, in which case it is written again. A cache that cannot
// be read or written changes nothing but speed.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Script, constants} from 'node:vm';

const bundlePath = fileURLToPath(new URL('berth.cjs', import.meta.url));
const source = readFileSync(bundlePath, 'utf8');
const {size, mtimeMs} = statSync(bundlePath);
const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'berth');
const cachePath = join(cacheDir, `bundle-${size}-${Math.round(mtimeMs)}-${process.version}-${process.arch}.v8cache`);

let cachedData;
try {
	cachedData = process.env.BERTH_NO_CODE_CACHE === '1' ? undefined : readFileSync(cachePath);
} catch {
	// First run, or no cache folder: compile from source.
}

const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
// import() inside the bundle (none today) resolves as it would in a module.
const script = new Script(wrapped, {filename: bundlePath, importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER, ...(cachedData ? {cachedData} : {})});

if (process.env.BERTH_NO_CODE_CACHE !== '1') {
	// Written as berth exits, so the cache also holds every function the run
	// compiled (V8 compiles most of them lazily, on first call). A cache left by
	// a short run (--version, --help) holds little of the app; one that a longer
	// run would make noticeably bigger is replaced.
	process.once('exit', () => {
		try {
			const data = script.createCachedData();
			if (cachedData && !script.cachedDataRejected && data.length <= cachedData.length * 1.1) return;
			// One level at a time: a recursive mkdir spins forever under /proc.
			for (const folder of [dirname(cacheDir), cacheDir]) {
				try {
					mkdirSync(folder);
				} catch {
					// Already there, or not allowed: the write below tells.
				}
			}
			const temporary = `${cachePath}.${process.pid}`;
			writeFileSync(temporary, data);
			renameSync(temporary, cachePath);
			// Caches of earlier builds or Node versions are never read again.
			for (const name of readdirSync(cacheDir)) if (name.startsWith('bundle-') && join(cacheDir, name) !== cachePath && !name.includes('.v8cache.')) rmSync(join(cacheDir, name), {force: true});
		} catch {
			// Read-only home, full disk: berth runs the same without a cache.
		}
	});
}

const module = {exports: {}};
script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));

// `npm run package`: berth as one executable, dist/berth-linux-<arch>, for
// machines with no Node: Node's single executable application support, with the
// bundle (dist/berth.cjs, made by the build) started from a V8 start-up snapshot
// taken inside the executable. Made from the node binary running this script,
// with its symbol tables stripped when `strip` is there (they are for debuggers;
// about 13 MB of Node 20's 99).
import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';

// The fuse Node looks for to know a blob was put in (Node's documentation names it).
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

function run(command, args, options = {}) {
	const result = spawnSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options});
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr.trim()}`);
	return result.stdout;
}

/** Builds the executable from dist/berth.cjs; returns its path. */
export function packageExecutable({out = `dist/berth-linux-${process.arch}`} = {}) {
	const work = mkdtempSync(join(tmpdir(), 'berth-sea-'));
	try {
		const blob = join(work, 'sea.blob');
		const config = join(work, 'sea-config.json');
		writeFileSync(config, JSON.stringify({main: resolve('dist/berth.cjs'), output: blob, disableExperimentalSEAWarning: true, useSnapshot: true}));
		// No V8 flags: the executable starts without any (it sets berth's as it runs,
		// source/startup/sea-flags.ts), and V8 takes a snapshot only under the flags
		// it was made with. A bare environment, as for dist/berth.blob
		// (scripts/snapshot.mjs): nothing of this machine's in the heap.
		run(process.execPath, ['--no-warnings', '--experimental-sea-config', config], {env: {PATH: process.env.PATH ?? ''}});
		const binary = join(work, 'berth');
		copyFileSync(process.execPath, binary);
		if (spawnSync('strip', ['--version']).status === 0) run('strip', [binary]);
		run(process.execPath, [resolve('node_modules/postject/dist/cli.js'), binary, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', fuse]);
		copyFileSync(binary, out);
		return out;
	} finally {
		rmSync(work, {recursive: true, force: true});
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = packageExecutable();
	const version = run(out, ['--version'], {env: {PATH: ''}}).trim();
	process.stdout.write(`${out}: berth ${version}, ${(statSync(out).size / 1e6).toFixed(1)} MB\n`);
}

// Makes berth's start-up snapshot: Node loads the bundle (dist/berth.cjs) once,
// here, and saves the heap to dist/berth.blob; each run then starts from that
// heap instead of loading the modules again (scripts/launcher.sh picks it).
// A snapshot works only with the node binary that made it, so it is made on the
// machine, at install (npm install runs the build), and stamped with that binary.
//
// The bundle is loaded with no terminal and a bare environment, so nothing a
// module measures as it loads can leak from this machine's build into a run:
// what depends on the run's terminal or environment is measured as each run
// starts (source/startup/, and the patches to chalk and is-in-ci in patches/;
// test/unit/load-time.test.ts checks it).
import {spawnSync} from 'node:child_process';
import {realpathSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {dirname, resolve} from 'node:path';

/** Removes `blob` and its `blob.made-by` stamp: berth then starts without a snapshot. */
export function removeSnapshot(blob) {
	rmSync(`${blob}.made-by`, {force: true});
	rmSync(blob, {force: true});
}

/** Writes `blob` and `blob.made-by`; returns why not when Node cannot make it (berth then starts without it). */
export function buildSnapshot({bundle, blob, nodeFlags}) {
	removeSnapshot(blob);
	const result = spawnSync(process.execPath, ['--no-warnings', ...nodeFlags, '--snapshot-blob', resolve(blob), '--build-snapshot', resolve(bundle)], {
		env: {PATH: process.env.PATH ?? ''},
		stdio: ['ignore', 'ignore', 'pipe'],
		encoding: 'utf8',
		timeout: 120_000,
	});
	if (result.status !== 0) {
		removeSnapshot(blob);
		// The line naming the error, not the (minified) source line Node prints above it.
		const stderr = result.stderr ?? '';
		return /^\w*Error\b.*$/m.exec(stderr)?.[0] ?? (result.error?.message || stderr.trim().split('\n').at(-1) || `exit ${result.status}`);
	}
	const node = statSync(realpathSync(process.execPath)).ino;
	writeFileSync(`${blob}.made-by`, `${node} ${process.version} ${realpathSync(dirname(resolve(blob)))}\n`);
	return undefined;
}

// Bundles the app into one file so start-up does not pay for resolving and
// loading hundreds of ESM modules (an unbundled Ink app spends ~1 s there).
import {chmod, readFile, writeFile} from 'node:fs/promises';
import {bundle} from './bundle.mjs';
import {buildSnapshot, removeSnapshot} from './snapshot.mjs';

// BERTH_NO_MINIFY=1 keeps names readable in --cpu-prof profiles.
await bundle({outfile: 'dist/berth.cjs', minify: process.env.BERTH_NO_MINIFY !== '1'});
// A 1 MB young generation instead of 16 MB: measured with npm run bench, peak RSS
// 141 -> 111 MB with 20 containers for a few percent more CPU; --optimize-for-size
// saved little more and doubled CPU, so it is not used.
// A 4x interrupt budget: V8 waits four times as long before it hands a function to
// TurboFan. The monitor runs its frame code once a second, and the compiles on
// V8's helper threads cost more than they saved: about 0.4 s of the 1.2 s a
// 30 s run with 20 containers took, down to about 0.15 s, for about 15% less CPU
// in all. Hot paths (a log flood) still get compiled in time: lines per second
// and CPU per line stayed the same. --max-opt=1 (no TurboFan at all) saved as much
// on the monitor but halved the flood's throughput.
// The snapshot, the code cache and both launchers share these flags (V8 refuses
// a snapshot or cache made under others).
const nodeFlags = ['--max-semi-space-size=1', '--interrupt-budget=270336'];
// `env -S` passes every word to node.
await writeFile('dist/cli.js', `#!/usr/bin/env -S node ${nodeFlags.join(' ')}\n${await readFile('scripts/launcher.mjs', 'utf8')}`);
await chmod('dist/cli.js', 0o755);
await writeFile('dist/berth', (await readFile('scripts/launcher.sh', 'utf8')).replace('@NODE_FLAGS@', nodeFlags.join(' ')));
await chmod('dist/berth', 0o755);

if (process.env.BERTH_NO_SNAPSHOT === '1') {
	removeSnapshot('dist/berth.blob');
} else {
	const problem = buildSnapshot({bundle: 'dist/berth.cjs', blob: 'dist/berth.blob', nodeFlags});
	if (problem) process.stderr.write(`berth: no start-up snapshot (${problem}); berth works without it, starting a little slower.\n`);
}

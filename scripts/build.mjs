// Bundles the app into one file so start-up does not pay for resolving and
// loading hundreds of ESM modules (an unbundled Ink app spends ~1 s there).
import {chmod, readFile, writeFile} from 'node:fs/promises';
import {bundle} from './bundle.mjs';
import {nodeFlags} from './node-flags.mjs';
import {writeNotices} from './notices.mjs';
import {buildSnapshot, removeSnapshot} from './snapshot.mjs';

// BERTH_NO_MINIFY=1 keeps names readable in --cpu-prof profiles.
const metafile = await bundle({outfile: 'dist/berth.cjs', minify: process.env.BERTH_NO_MINIFY !== '1', nodeFlags});
writeNotices(metafile, 'dist/THIRD-PARTY-NOTICES.txt');
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

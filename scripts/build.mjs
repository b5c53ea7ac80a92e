// Bundles the app into one file so start-up does not pay for resolving and
// loading hundreds of ESM modules (an unbundled Ink app spends ~1 s there).
import {build} from 'esbuild';
import {chmod, readFile, writeFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {patchInkOutput} from './ink-output-patch.mjs';
import {dependencyPatches} from './dependency-patches.mjs';
import {buildSnapshot, removeSnapshot} from './snapshot.mjs';

const fastStringWidth = fileURLToPath(new URL('../source/text/string-width-fast.ts', import.meta.url));

// Ink rebuilds every row of every frame; see scripts/ink-output-patch.mjs.
const inkRowReuse = {
	name: 'ink-row-reuse',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]output\.js$/}, async args => ({contents: patchInkOutput(await readFile(args.path, 'utf8')), loader: 'js'}));
	},
};

// Code berth never runs, kept out of the bundle so start-up does not parse it:
// dockerode's BuildKit session (gRPC + protobuf, ~900 KB, only for image
// builds with version 2) and Ink's devtools (with ws), loaded only with DEV=true.
const neverRun = {
	name: 'never-run',
	setup(builder) {
		builder.onResolve({filter: /^\.\/session$/}, args => (/dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? {path: 'session', namespace: 'never-run'} : undefined));
		builder.onResolve({filter: /^\.\/devtools\.js$/}, args => (/ink[\\/]build[\\/]reconciler\.js$/.test(args.importer) ? {path: 'devtools', namespace: 'never-run'} : undefined));
		// ssh2 (with its crypto setup) is needed only for ssh:// engines: loaded on first use, not at start-up.
		builder.onResolve({filter: /^\.\/ssh$/}, args => (/docker-modem[\\/]lib[\\/]modem\.js$/.test(args.importer) ? {path: 'ssh', namespace: 'lazy-ssh'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'lazy-ssh'}, () => ({
			contents: "module.exports = function lazySshAgent(options) { return require('docker-modem/lib/ssh.js')(options); };",
			loader: 'js',
			resolveDir: fileURLToPath(new URL('..', import.meta.url)),
		}));
		builder.onLoad({filter: /.*/, namespace: 'never-run'}, args => ({
			contents: args.path === 'session'
				? "module.exports = function withSession(_docker, _auth, callback) { callback(new Error('BuildKit sessions are not part of berth')); };"
				: 'export {};',
			loader: 'js',
		}));
	},
};

// Node modules that cannot be loaded while a start-up snapshot is made (http,
// https) or are needed only now and then (assert, by signal-exit): a require()
// of one gives an object that loads it on first use. Loading them at start-up
// also cost every run a few milliseconds. An import statement of one would copy
// its exports as the module loads, so imports get the real module, and a build
// that snapshots one fails loudly (berth's own code requires them where used).
const lazyBuiltins = {
	name: 'lazy-builtins',
	setup(builder) {
		builder.onResolve({filter: /^(node:)?(https?|assert)$/}, args => (args.namespace === 'lazy-builtins' || args.kind !== 'require-call' ? undefined : {path: args.path.replace('node:', ''), namespace: 'lazy-builtins'}));
		builder.onLoad({filter: /.*/, namespace: 'lazy-builtins'}, args => ({
			contents: `let loaded; const load = () => (loaded ??= require('node:${args.path}')); module.exports = new Proxy({}, {get: (_, key) => load()[key], has: (_, key) => key in load()});`,
			loader: 'js',
		}));
	},
};

// docker-modem's debug log (DEBUG=modem) would write over berth's screen, and
// the debug package reads the environment and stderr as it loads: berth's copy
// is a log that is always off.
const noDebugLog = {
	name: 'no-debug-log',
	setup(builder) {
		builder.onResolve({filter: /^debug$/}, () => ({path: 'debug', namespace: 'no-debug-log'}));
		builder.onLoad({filter: /.*/, namespace: 'no-debug-log'}, () => ({
			contents: 'module.exports = function createDebug() { const log = () => {}; log.enabled = false; return log; };',
			loader: 'js',
		}));
	},
};

// Every string-width in the bundle (Ink's, its helpers', berth's) goes through
// a fast path for text known to be one column per character.
const stringWidthFastPath = {
	name: 'string-width-fast-path',
	setup(builder) {
		builder.onResolve({filter: /^string-width$/}, args => (args.importer === fastStringWidth ? undefined : {path: fastStringWidth}));
	},
};

await build({
	entryPoints: ['source/main.ts'],
	outfile: 'dist/berth.cjs',
	bundle: true,
	platform: 'node',
	target: 'node20',
	// A CommonJS script, so scripts/launcher.mjs can run it through V8's code cache.
	format: 'cjs',
	// BERTH_NO_MINIFY=1 keeps names readable in --cpu-prof profiles.
	minify: process.env.BERTH_NO_MINIFY !== '1',
	sourcemap: false,
	legalComments: 'none',
	// Native addons and their loaders stay in node_modules: ssh2 (optional ssh://
	// transport) and cpu-features carry .node binaries that cannot be bundled.
	external: ['ssh2', 'cpu-features'],
	// Ink imports React DevTools only when DEV is set; berth ships without it.
	plugins: [lazyBuiltins, noDebugLog, neverRun, inkRowReuse, stringWidthFastPath, dependencyPatches(readFile), {
		name: 'no-devtools',
		setup(builder) {
			builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'devtools', namespace: 'stub'}));
			builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
		},
	}],
	define: {'process.env.NODE_ENV': '"production"', 'import.meta': '__berthImportMeta'},
	// The bundle is a CommonJS script: import.meta (meow wants it; createRequire and
	// fileURLToPath read its url) is made from its own file name.
	banner: {js: "const __berthImportMeta = {url: require('node:url').pathToFileURL(__filename).href};"},
	logLevel: 'warning',
});
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

// berth's bundle: the app in one CommonJS file (scripts/build.mjs writes it to
// dist/berth.cjs; test/unit/load-time.test.ts makes one of its own).
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const fastStringWidth = fileURLToPath(new URL('../source/text/string-width-fast.ts', import.meta.url));

// Code berth never runs, kept out of the bundle: dockerode's BuildKit session
// (gRPC + protobuf, ~900 KB, only for image builds with version 2), which the
// start-up snapshot could not load either.
// Dependencies' own text is changed only by the diffs in patches/ (applied on install).
const neverRun = {
	name: 'never-run',
	setup(builder) {
		builder.onResolve({filter: /^\.\/session$/}, args => (/dockerode[\\/]lib[\\/]docker\.js$/.test(args.importer) ? {path: 'session', namespace: 'never-run'} : undefined));
		// ssh2 (with its crypto setup) is needed only for ssh:// engines: loaded on first use, not at start-up.
		builder.onResolve({filter: /^\.\/ssh$/}, args => (/docker-modem[\\/]lib[\\/]modem\.js$/.test(args.importer) ? {path: 'ssh', namespace: 'lazy-ssh'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'lazy-ssh'}, () => ({
			contents: "module.exports = function lazySshAgent(options) { return require('docker-modem/lib/ssh.js')(options); };",
			loader: 'js',
			resolveDir: fileURLToPath(new URL('..', import.meta.url)),
		}));
		// ssh2's optional native parts: cpu-features (only orders ciphers by the CPU's
		// AES support) and its crypto binding (faster chacha20 and AES-GCM; ssh2 falls
		// back to node:crypto and its own WebAssembly Poly1305). ssh2 loads each in a
		// try and works without them, so the bundle needs no native addon and
		// installs need no build step.
		builder.onResolve({filter: /^cpu-features$|sshcrypto\.node$/}, () => ({path: 'native', namespace: 'no-native'}));
		builder.onLoad({filter: /.*/, namespace: 'no-native'}, () => ({
			contents: "throw new Error('not part of berth');",
			loader: 'js',
		}));
		builder.onLoad({filter: /.*/, namespace: 'never-run'}, () => ({
			contents: "module.exports = function withSession(_docker, _auth, callback) { callback(new Error('BuildKit sessions are not part of berth')); };",
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

/** Bundles source/main.ts into `outfile`; `nodeFlags` are the flags the single executable applies to itself. Returns esbuild's metafile. */
export async function bundle({outfile, minify, nodeFlags = []}) {
	const result = await build({
		entryPoints: [fileURLToPath(new URL('../source/main.ts', import.meta.url))],
		outfile,
		bundle: true,
		platform: 'node',
		target: 'node20',
		// A CommonJS script, so scripts/launcher.mjs can run it through V8's code cache.
		format: 'cjs',
		minify,
		sourcemap: false,
		legalComments: 'none',
		plugins: [lazyBuiltins, noDebugLog, neverRun, stringWidthFastPath],
		define: {'process.env.NODE_ENV': '"production"', 'process.env.BERTH_NODE_FLAGS': JSON.stringify(nodeFlags.join(' ')), 'import.meta': '__berthImportMeta'},
		// The bundle is a CommonJS script: import.meta (meow wants it; createRequire and
		// fileURLToPath read its url) is made from its own file name.
		banner: {js: "const __berthImportMeta = {url: require('node:url').pathToFileURL(__filename).href};"},
		logLevel: 'warning',
		metafile: true,
	});
	return result.metafile;
}

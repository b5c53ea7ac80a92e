// Bundles the app into one file so start-up does not pay for resolving and
// loading hundreds of ESM modules (an unbundled Ink app spends ~1 s there).
import {build} from 'esbuild';
import {chmod} from 'node:fs/promises';

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'esm',
	minify: false,
	sourcemap: false,
	legalComments: 'none',
	// Native addons and their loaders stay in node_modules: ssh2 (optional ssh://
	// transport) and cpu-features carry .node binaries that cannot be bundled.
	external: ['ssh2', 'cpu-features'],
	// Ink imports React DevTools only when DEV is set; berth ships without it.
	plugins: [{
		name: 'no-devtools',
		setup(builder) {
			builder.onResolve({filter: /^react-devtools-core$/}, () => ({path: 'devtools', namespace: 'stub'}));
			builder.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export default {connectToDevTools() {}};', loader: 'js'}));
		},
	}],
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for builtins.
		js: "#!/usr/bin/env node\nimport {createRequire as __berthCreateRequire} from 'node:module';\nconst require = __berthCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
await chmod('dist/cli.js', 0o755);

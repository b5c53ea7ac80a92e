// Build-time source edits to dependencies, for berth's bundle only: work kept off
// start-up and the per-frame path, and caches that must not grow forever. Each one
// checks that the text it replaces is still there and fails the build otherwise,
// so a dependency upgrade cannot silently undo (or break) it.
// (Ink's Output has its own, larger patch: scripts/ink-output-patch.mjs.)

/** Entries Ink's text caches may hold before they are emptied. */
export const maxInkCacheEntries = 2000;

// berth's start-up snapshot (scripts/snapshot.mjs) loads every module once, at
// install, with no terminal and a bare environment. What a module measures as it
// loads is measured again as each run starts, in that run's environment.
const snapshotImport = "import {startupSnapshot} from 'node:v8';\n";
const onEachStart = code => `if (startupSnapshot.isBuildingSnapshot()) startupSnapshot.addDeserializeCallback(() => {\n\t${code}\n});`;

/**
 * `const name = new Intl.Segmenter(options);` as an object that makes it on first
 * use. Each registers how to drop it again under Symbol.for('berth.forgetIntl'),
 * for a render made while the snapshot is made (source/startup/warm-render.tsx).
 */
function lazySegmenter(declaration) {
	const [, name, options] = /^const (\w+) = new Intl\.Segmenter\((.*)\);$/.exec(declaration);
	return `let ${name}Made;\nconst ${name} = {segment: text => (${name}Made ??= new Intl.Segmenter(${options})).segment(text)};\n(globalThis[Symbol.for('berth.forgetIntl')] ??= []).push(() => { ${name}Made = undefined; });`;
}

const edits = [
	...['stdin', 'stdout', 'stderr'].map(stream => ({
		// Ink's contexts default to the process's streams, read when Ink is loaded.
		// Read on use instead: a start-up snapshot must not hold open streams, and
		// berth always provides its own.
		file: new RegExp(`[\\\\/]ink[\\\\/]build[\\\\/]components[\\\\/]${stream[0].toUpperCase()}${stream.slice(1)}Context\\.js$`),
		replacements: [[`    ${stream}: process.${stream},`, `    get ${stream}() {\n        return process.${stream};\n    },`]],
	})),
	...[
		[/[\\/]string-width[\\/]index\.js$/, 'const segmenter = new Intl.Segmenter();'],
		[/[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});"],
		[/[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, 'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });'],
	].map(([file, declaration]) => ({
		// An Intl object made as a module loads cannot go into a start-up snapshot:
		// the segmenter is made on first use instead.
		file,
		replacements: [[declaration, lazySegmenter(declaration)]],
	})),
	{
		// Whether berth runs in CI (Ink then draws only the last frame).
		file: /[\\/]is-in-ci[\\/]index\.js$/,
		replacements: [
			["import {env} from 'node:process';", `${snapshotImport}import {env} from 'node:process';`],
			["const isInCi = check('CI') || check('CONTINUOUS_INTEGRATION');\n\nexport default isInCi;", `const measure = () => check('CI') || check('CONTINUOUS_INTEGRATION');\nlet isInCi = measure();\n${onEachStart('isInCi = measure();')}\nexport {isInCi as default};`],
		],
	},
	{
		// The colours the terminal takes (a terminal or not, TERM, COLORTERM, FORCE_COLOR).
		file: /[\\/]chalk[\\/]source[\\/]index\.js$/,
		replacements: [
			["import supportsColor from '#supports-color';", `${snapshotImport}import tty from 'node:tty';\nimport supportsColor, {createSupportsColor} from '#supports-color';`],
			['export const chalkStderr = createChalk({level: stderrColor ? stderrColor.level : 0});', `export const chalkStderr = createChalk({level: stderrColor ? stderrColor.level : 0});\n${onEachStart('chalk.level = createSupportsColor({isTTY: tty.isatty(1)}).level ?? 0;\n\tchalkStderr.level = createSupportsColor({isTTY: tty.isatty(2)}).level ?? 0;')}`],
		],
	},
	{
		// meow evaluates @babel/code-frame and normalize-package-data (semver, spdx
		// licence tables sorted at load) when it is imported, though berth hands it
		// `pkg` and never has a package.json read or normalised: load them on first use.
		file: /[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		replacements: [
			['var libExports = requireLib$1();', 'const libExports = {codeFrameColumns: (...args) => requireLib$1().codeFrameColumns(...args)};'],
			['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);'],
		],
	},
	{
		// yoga's loader fetches its inlined WebAssembly from a data: URL when fetch
		// exists, which loads Node's whole fetch stack (undici) just to decode base64.
		// Without fetch it decodes the same bytes itself.
		file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
		replacements: [
			['"function"!=typeof fetch?Promise', 'true?Promise'],
			['"function"!=typeof fetch?c(b)', 'true?c(b)'],
			['export default loadYoga;', `export default loadYoga;
export function loadYogaSync() {
    const yoga = {instantiateWasm(imports, receiveInstance) {
        // yogaWasmUrl is set by loadYoga itself, before it asks for the instance.
        const base64 = yogaWasmUrl.slice(yogaWasmUrl.indexOf(',') + 1);
        receiveInstance(new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(base64, 'base64')), imports));
        return {};
    }};
    loadYoga(yoga);
    if (!yoga.calledRun) throw new Error('yoga did not start synchronously');
    return yoga;
}`],
			['H="data:application/octet-stream;base64,', 'H=yogaWasmUrl="data:application/octet-stream;base64,'],
			['var loadYoga = (() => {', 'var yogaWasmUrl;\nvar loadYoga = (() => {'],
		],
	},
	{
		// Ink's reconciler awaits (at the top level) two imports made only with
		// DEV=true: React DevTools and its own package.json. berth ships without
		// DevTools, and top-level await is what keeps the bundle from being a
		// CommonJS script that V8 can cache compiled (see scripts/launcher.mjs).
		file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
		replacements: [
			["await import('./devtools.js');", "void 0;"],
			['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
		],
	},
	{
		// yoga awaits its WebAssembly at the top level. The same bytes can be
		// compiled and instantiated synchronously (Node allows it for any size),
		// after which emscripten's runtime is ready within the same call.
		file: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
		replacements: [
			// Compiled when first needed (Ink's first layout node), or when berth asks
			// (Yoga.start, while it waits for the engine's first answer); never as the
			// module loads: a start-up snapshot has no WebAssembly, and berth's
			// subcommands never lay anything out. The enums need no WebAssembly.
			['const Yoga = wrapAssembly(await loadYoga());', `const Yoga = {...YGEnums};
let isStarted = false;
const start = () => {
	if (isStarted) return;
	isStarted = true;
	const real = wrapAssembly(loadYogaSync());
	for (const key of ['Config', 'Node']) Object.defineProperty(Yoga, key, {value: real[key], writable: true, enumerable: true, configurable: true});
};
// Config and Node start yoga on first use.
const startOnUse = () => {
	for (const key of ['Config', 'Node']) Object.defineProperty(Yoga, key, {get() { start(); return Yoga[key]; }, enumerable: true, configurable: true});
};
startOnUse();
Object.defineProperty(Yoga, 'start', {value: start});
// For the start-up snapshot only (no WebAssembly can run while it is made): runs
// \`use\` with a stand-in yoga whose nodes lay nothing out, so that a render made
// in \`use\` compiles React's and Ink's code into the snapshot; then puts the
// lazy yoga back, untouched.
Object.defineProperty(Yoga, 'withStandIn', {value(use) {
	if (isStarted) throw new Error('yoga is already started');
	const sizes = {getComputedWidth: 1000, getComputedHeight: 1};
	const standIn = () => new Proxy({}, {get: (_, name) => () => sizes[name] ?? 0});
	for (const key of ['Config', 'Node']) Object.defineProperty(Yoga, key, {value: {create: standIn}, writable: true, enumerable: true, configurable: true});
	try {
		use();
	} finally {
		startOnUse();
	}
}});`],
			['import wrapAssembly from "./wrapAssembly.js";', 'import wrapAssembly from "./wrapAssembly.js";\nimport YGEnums from "./generated/YGEnums.js";'],
			["import loadYoga from '../binaries/yoga-wasm-base64-esm.js';", "import {loadYogaSync} from '../binaries/yoga-wasm-base64-esm.js';"],
		],
	},
	{
		// Ink sanitises every text node of every frame, and a row with a coloured
		// glyph carries colour codes, so each such row was tokenised character by
		// character, every second, for nothing. Text with no controls, or none but
		// colour (SGR) sequences, is exactly what the tokeniser would give back.
		file: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/,
		replacements: [
			['const sanitizeAnsi = (text) => {\n    if (!hasAnsiControlCharacters(text)) {\n        return text;\n    }', `const controlCharacters = /[\\u001B\\u0080-\\u009F]/;
const sgrSequences = /\\u001B\\[[\\d:;]*m/g;
const sanitizeAnsi = (text) => {
    if (!controlCharacters.test(text) || !controlCharacters.test(text.replace(sgrSequences, ''))) {
        return text;
    }`],
		],
	},
	{
		// Ink remembers the size of every text it has measured (measure-text.js) and
		// the cut form of every text it has wrapped or truncated (wrap-text.js),
		// keyed by the text, and never forgets any. A log view under a flood shows
		// new lines every frame, so both grew for as long as berth ran. Each is
		// emptied when full; a text measured again after that costs one measurement.
		file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
		replacements: [
			['    cache.set(text, dimensions);', `    if (cache.size >= ${maxInkCacheEntries}) cache.clear();\n    cache.set(text, dimensions);`],
		],
	},
	{
		file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
		replacements: [
			['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
			['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${maxInkCacheEntries}) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;`],
		],
	},
	{
		// docker-modem formats every request's options with util.inspect (hidden
		// properties, unlimited depth) for its debug log even when that log is off:
		// ~1 ms of CPU per request, 20 of them when berth opens 20 stats streams.
		file: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/,
		replacements: [
			["debug('Sending: %s', util.inspect(options, {", "if (debug.enabled) debug('Sending: %s', util.inspect(options, {"],
		],
	},
];

function apply(source, path, replacements) {
	let result = source;
	for (const [from, to] of replacements) {
		if (!result.includes(from)) throw new Error(`${path} changed (no "${from.slice(0, 60)}"): review scripts/dependency-patches.mjs`);
		result = result.replace(from, to);
	}
	return result;
}

/** A dependency file's source with the edits for it applied (unchanged when none apply). */
export function patchedSource(path, source) {
	const edit = edits.find(({file}) => file.test(path));
	return edit ? apply(source, path, edit.replacements) : source;
}

/** An esbuild plugin applying the edits above. */
export function dependencyPatches(readFile) {
	return {
		name: 'dependency-patches',
		setup(builder) {
			for (const {file, replacements} of edits) {
				builder.onLoad({filter: file}, async args => ({contents: apply(await readFile(args.path, 'utf8'), args.path, replacements), loader: 'js'}));
			}
		},
	};
}

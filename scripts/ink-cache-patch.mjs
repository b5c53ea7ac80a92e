// A build-time change to Ink's text caches, for berth's bundle only.
//
// Ink remembers the size of every text it has measured (measure-text.js) and
// the wrapped or truncated form of every text it has cut (wrap-text.js), keyed
// by the text, and never forgets any. A log view under a flood shows new lines
// on every frame, so both grew for as long as berth ran: memory without bound.
// Each cache is emptied when it reaches maxEntries; a text measured again after
// that costs one more measurement, nothing else.
//
// The patch checks that Ink's source still has the lines it replaces and fails
// the build otherwise, so an Ink upgrade cannot silently undo it.

export const maxEntries = 2000;

const edits = [
	{
		file: /[\\/]ink[\\/]build[\\/]measure-text\.js$/,
		replacements: [
			['    cache.set(text, dimensions);', `    if (cache.size >= ${maxEntries}) cache.clear();\n    cache.set(text, dimensions);`],
		],
	},
	{
		file: /[\\/]ink[\\/]build[\\/]wrap-text\.js$/,
		replacements: [
			['const cache = {};', 'let cache = {};\nlet cacheSize = 0;'],
			['    cache[cacheKey] = wrappedText;', `    if (++cacheSize > ${maxEntries}) {\n        cache = {};\n        cacheSize = 1;\n    }\n    cache[cacheKey] = wrappedText;`],
		],
	},
];

/** Ink's source with the edit for this file applied, or undefined when the file is not one of them. */
export function patchInkCaches(source, path) {
	const edit = edits.find(candidate => candidate.file.test(path));
	if (!edit) return undefined;
	let result = source;
	for (const [from, to] of edit.replacements) {
		if (!result.includes(from)) throw new Error(`${path} changed (no "${from.trim()}"): review scripts/ink-cache-patch.mjs`);
		result = result.replace(from, to);
	}
	return result;
}

/** An esbuild plugin applying the edits above. */
export function inkCachePatch(readFile) {
	return {
		name: 'ink-cache-patch',
		setup(builder) {
			builder.onLoad({filter: /[\\/]ink[\\/]build[\\/](?:measure|wrap)-text\.js$/}, async args => ({contents: patchInkCaches(await readFile(args.path, 'utf8'), args.path), loader: 'js'}));
		},
	};
}

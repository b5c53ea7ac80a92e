// The configuration file as a small tree that keeps each value's line, so every
// problem can name file, line and key. The YAML library is loaded only when a
// file exists: a run without one never pays for it.
export type ConfigNode =
	| {readonly kind: 'map'; readonly line: number; readonly entries: readonly ConfigEntry[]}
	| {readonly kind: 'list'; readonly line: number; readonly items: readonly ConfigNode[]}
	| {readonly kind: 'scalar'; readonly line: number; readonly value: string | number | boolean | null};

export interface ConfigEntry {
	readonly key: string;
	readonly line: number;
	readonly value: ConfigNode;
}

export interface ParseProblem {
	readonly line: number;
	readonly message: string;
}

/** The tree, or the first syntax problem; an empty file is an empty map. */
export async function parseConfigText(text: string): Promise<{readonly tree: ConfigNode} | {readonly problem: ParseProblem}> {
	const yaml = await import('yaml');
	const lineCounter = new yaml.LineCounter();
	const doc = yaml.parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true});
	const error = doc.errors[0];
	if (error) {
		const line = error.linePos?.[0]?.line ?? lineCounter.linePos(error.pos[0]).line;
		return {problem: {line, message: error.message.split('\n')[0] ?? error.message}};
	}
	const lineOf = (node: {range?: readonly number[] | null} | null | undefined): number => lineCounter.linePos(node?.range?.[0] ?? 0).line;
	const convert = (node: unknown): ConfigNode => {
		if (yaml.isAlias(node)) return convert(node.resolve(doc));
		if (yaml.isMap(node)) {
			return {
				kind: 'map',
				line: lineOf(node),
				entries: node.items.map(pair => {
					const keyNode = pair.key as {range?: readonly number[] | null; value?: unknown} | null;
					const key = yaml.isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
					return {key, line: lineOf(keyNode), value: pair.value === null ? {kind: 'scalar', line: lineOf(keyNode), value: null} : convert(pair.value)};
				}),
			};
		}
		if (yaml.isSeq(node)) return {kind: 'list', line: lineOf(node), items: node.items.map(convert)};
		if (yaml.isScalar(node)) {
			const value = node.value;
			const plain = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null ? null : String(value);
			return {kind: 'scalar', line: lineOf(node), value: plain};
		}
		return {kind: 'scalar', line: 1, value: null};
	};
	const contents = doc.contents;
	if (contents === null || (yaml.isScalar(contents) && contents.value === null)) return {tree: {kind: 'map', line: 1, entries: []}};
	return {tree: convert(contents)};
}

// Pure helpers for a scrollable, searchable block of text (inspect output,
// image history, build output).

/** Indices of lines containing the needle, case-insensitive. */
export function matchingLines(lines: readonly string[], needle: string): readonly number[] {
	const wanted = needle.trim().toLowerCase();
	if (!wanted) return [];
	const out: number[] = [];
	lines.forEach((line, index) => {
		if (line.toLowerCase().includes(wanted)) out.push(index);
	});
	return out;
}

/** The next (or previous) match from a line, wrapping around; undefined when nothing matches. */
export function nextMatch(matches: readonly number[], from: number, direction: 1 | -1): number | undefined {
	if (matches.length === 0) return undefined;
	if (direction === 1) return matches.find(index => index > from) ?? matches[0];
	return [...matches].reverse().find(index => index < from) ?? matches.at(-1);
}

export function clampTop(top: number, count: number, height: number): number {
	return Math.max(0, Math.min(top, count - Math.max(1, height)));
}

/** Pretty lines for any JSON value, YAML-like: "key: value", nested keys indented. */
export function prettyLines(value: unknown, indent = ''): string[] {
	if (value === null || value === undefined) return [`${indent}-`];
	if (Array.isArray(value)) {
		if (value.length === 0) return [`${indent}[]`];
		return value.flatMap(item => {
			if (item !== null && typeof item === 'object') {
				const [first = '', ...rest] = prettyLines(item, `${indent}  `);
				return [`${indent}- ${first.trimStart()}`, ...rest];
			}
			return [`${indent}- ${scalar(item)}`];
		});
	}
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		if (entries.length === 0) return [`${indent}{}`];
		return entries.flatMap(([key, item]) => {
			if (item !== null && typeof item === 'object' && (Array.isArray(item) ? item.length > 0 : Object.keys(item).length > 0)) {
				return [`${indent}${key}:`, ...prettyLines(item, `${indent}  `)];
			}
			return [`${indent}${key}: ${item !== null && typeof item === 'object' ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}`];
		});
	}
	return [`${indent}${scalar(value)}`];
}

function scalar(value: unknown): string {
	if (typeof value === 'string') return value === '' ? '""' : value;
	return String(value);
}

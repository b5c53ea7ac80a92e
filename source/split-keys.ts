import type {Key} from 'ink';

/**
 * Keys typed quickly (or written by a test through a pty) can reach Ink as one
 * chunk: "kvjy" is four commands, not one unknown key. When a chunk of plain
 * characters arrives, hands each to the handler on its own; returns undefined
 * when the input is a single key and the caller should handle it as usual.
 */
export function splitKeys(input: string, key: Key, handle: (input: string, key: Key) => boolean): boolean | undefined {
	if ([...input].length <= 1 || key.ctrl || key.meta || input.startsWith('\u001B')) return undefined;
	let used = false;
	for (const char of input) used = handle(...asKey(char, key)) || used;
	return used;
}

/** One character of a chunk as Ink would have reported it alone (Enter, Tab, Backspace, ctrl+letter). */
function asKey(char: string, key: Key): [string, Key] {
	const code = char.codePointAt(0) ?? 0;
	if (char === '\r' || char === '\n') return ['', {...key, return: true}];
	if (char === '\t') return ['', {...key, tab: true}];
	if (char === '\u007F' || char === '\b') return ['', {...key, backspace: true}];
	if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...key, ctrl: true}];
	return [char, key];
}

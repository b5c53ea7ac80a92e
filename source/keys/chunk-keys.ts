import type {Key} from 'ink';

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false,
	capsLock: false, numLock: false,
};

/**
 * The key presses in one input event from Ink. Ink hands over each escape
 * sequence (an arrow, a function key, Alt+letter) on its own, but a run of
 * other characters typed fast, pasted or sent over a slow link arrives whole:
 * "jl" is two commands, "web\r" a filter and its Enter, "\u007F\u007F" two
 * deletions. Each character becomes the press Ink reports for it typed alone,
 * except that a line feed inside a run is an Enter (pasted lines).
 * Control characters that are no key berth knows are dropped.
 */
export function chunkKeys(input: string, key: Key): ReadonlyArray<readonly [string, Key]> {
	const chars = [...input];
	if (chars.length <= 1 || key.ctrl || key.meta || input.startsWith('\u001B')) return [[input, key]];
	const keys: Array<readonly [string, Key]> = [];
	for (const char of chars) {
		const press = pressOf(char);
		if (press) keys.push(press);
	}
	return keys;
}

function pressOf(char: string): readonly [string, Key] | undefined {
	const code = char.codePointAt(0) ?? 0;
	if (char === '\r' || char === '\n') return ['\r', {...noKey, return: true}];
	if (char === '\t') return ['', {...noKey, tab: true}];
	if (char === '\b') return ['', {...noKey, backspace: true}];
	// What Ink calls the key that sends DEL (most terminals' Backspace).
	if (char === '\u007F') return ['', {...noKey, delete: true}];
	if (code >= 1 && code <= 26) return [String.fromCodePoint(code + 96), {...noKey, ctrl: true}];
	if (code < 32 || (code >= 0x80 && code < 0xA0)) return undefined;
	return [char, {...noKey, shift: /^[A-Z]$/.test(char)}];
}

// Pure pieces of the log view: search matching, filter with context, and which
// lines fit on the screen around a cursor.
import wrapAnsi from 'wrap-ansi';
import type {LogLine} from '../../engine/streams/log-lines.js';
import {stripSgr} from '../../text/sanitize.js';

export interface SearchSpec {
	readonly query: string;
	readonly isRegex: boolean;
}

/**
 * A global regex for the query, or an error message. Case-insensitive unless
 * the query has a capital letter (smart case, as in less -i and vim).
 */
export function buildMatcher(spec: SearchSpec): {regex?: RegExp; error?: string} {
	if (!spec.query) return {};
	const flags = /\p{Lu}/u.test(spec.query) ? 'gu' : 'giu';
	const source = spec.isRegex ? spec.query : spec.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	try {
		return {regex: new RegExp(source, flags)};
	} catch (error) {
		return {error: `Bad regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`};
	}
}

const plainCache = new WeakMap<LogLine, string>();

/** The line's text without colours (what search, copy and save see). */
export function plainText(line: LogLine): string {
	let plain = plainCache.get(line);
	if (plain === undefined) {
		plain = line.text.includes('\u001B') ? stripSgr(line.text) : line.text;
		plainCache.set(line, plain);
	}
	return plain;
}

export function lineMatches(line: LogLine, regex: RegExp): boolean {
	regex.lastIndex = 0;
	return regex.test(plainText(line));
}

/** [start, end) of every match; empty matches are skipped. */
export function matchRanges(text: string, regex: RegExp): Array<readonly [number, number]> {
	const ranges: Array<readonly [number, number]> = [];
	regex.lastIndex = 0;
	for (const match of text.matchAll(regex)) {
		if (match[0].length === 0) continue;
		ranges.push([match.index, match.index + match[0].length]);
		if (ranges.length > 200) break;
	}
	return ranges;
}

// A filter is applied to the whole buffer on every frame while lines arrive: each
// line is tested against a given regex once, and the answer kept with the line.
const filterAnswers = new WeakMap<RegExp, WeakMap<LogLine, boolean>>();

function matchesOnce(line: LogLine, regex: RegExp, answers: WeakMap<LogLine, boolean>): boolean {
	let answer = answers.get(line);
	if (answer === undefined) {
		answer = lineMatches(line, regex);
		answers.set(line, answer);
	}
	return answer;
}

/** Indexes of lines that match, with `context` lines either side, in order and without repeats. */
export function filterIndexes(lines: readonly LogLine[], regex: RegExp, context: number): number[] {
	let answers = filterAnswers.get(regex);
	if (!answers) {
		answers = new WeakMap();
		filterAnswers.set(regex, answers);
	}
	const out: number[] = [];
	let nextFree = 0;
	for (let i = 0; i < lines.length; i++) {
		if (!matchesOnce(lines[i]!, regex, answers)) continue;
		for (let j = Math.max(nextFree, i - context); j <= Math.min(lines.length - 1, i + context); j++) out.push(j);
		nextFree = Math.min(lines.length, i + context + 1);
	}
	return out;
}

/** Nearest matching position at or before (direction -1) / at or after (+1) `from`, in the shown order. */
export function findMatch(lines: readonly LogLine[], shown: readonly number[] | undefined, regex: RegExp, from: number, direction: 1 | -1): number | undefined {
	const count = shown ? shown.length : lines.length;
	for (let position = from; position >= 0 && position < count; position += direction) {
		const line = lines[shown ? shown[position]! : position];
		if (line && lineMatches(line, regex)) return position;
	}
	return undefined;
}

/** Display rows of one line's text at a width (wrapping keeps colours). */
export function wrapRows(text: string, width: number): string[] {
	if (width < 1) return [text];
	return wrapAnsi(text, width, {hard: true, trim: false, wordWrap: false}).split('\n');
}

/**
 * The first position shown so that the cursor is visible, moving the previous
 * top as little as possible. Positions index the shown lines; rowsOf gives how
 * many screen rows a position takes (1 unless wrapping).
 */
export function windowTop(count: number, height: number, cursor: number, previousTop: number, rowsOf: (position: number) => number): number {
	if (count === 0) return 0;
	let top = Math.min(Math.max(0, previousTop), count - 1);
	if (cursor < top) return cursor;
	// Walk back from the cursor: the furthest top that still shows the cursor's last row.
	let rows = 0;
	let lowest = cursor;
	for (let position = cursor; position >= 0; position--) {
		rows += rowsOf(position);
		if (rows > height) break;
		lowest = position;
	}
	if (top < lowest) top = lowest;
	return top;
}

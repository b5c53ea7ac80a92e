// What to send a terminal that shows `shown` so that it shows `next`: for each
// changed row, a cursor move and the changed run of cells (with their colours),
// an erase for a row's blank tail, nothing for rows that did not change. With
// nothing shown (start, resize, after a shell), the whole screen.
import type {DirtyRow} from './interpreter.js';
import {blank, type Screen} from './screen.js';

/** Unchanged cells between two changed runs that are cheaper to draw again than to jump over. */
const jumpCost = 8;

export interface ScreenUpdate {
	readonly output: string;
}

/** dirtyRows: the only cells that may differ from shown ('all' when any may). */
export function screenUpdate(shown: Screen | undefined, next: Screen, dirtyRows: readonly DirtyRow[] | 'all' = 'all'): ScreenUpdate {
	const isFull = !shown || shown.cols !== next.cols || shown.rows !== next.rows;
	const writer = new RunWriter();
	if (isFull) writer.raw('\u001B[0m\u001B[H\u001B[2J');
	const rows = isFull || dirtyRows === 'all' ? Array.from({length: next.rows}, (_, row) => ({row, from: 0, to: next.cols})) : dirtyRows;
	for (const {row, from, to} of rows) {
		if (row >= next.rows) continue;
		const runs = isFull ? contentRuns(next, row) : changedRuns(shown, next, row, from, Math.min(to, next.cols));
		if (runs.length === 0) continue;
		for (const [from, to] of runs) writer.run(next, row, from, to);
	}
	return {output: writer.finish()};
}

/** Changed cells of a row as [from, to) runs, near runs merged; only cells [start, end) may have changed. */
function changedRuns(shown: Screen, next: Screen, row: number, start: number, end: number): Array<[number, number]> {
	const oldChars = shown.chars[row]!;
	const oldStyles = shown.styles[row]!;
	const chars = next.chars[row]!;
	const styles = next.styles[row]!;
	const runs: Array<[number, number]> = [];
	let col = start;
	while (col < end) {
		if (chars[col] === oldChars[col] && styles[col] === oldStyles[col]) {
			col++;
			continue;
		}
		// A run starts on a whole character, never on the second half of a wide one.
		let from = col;
		if (chars[from] === '' && from > 0) from--;
		let to = col + 1;
		let same = 0;
		while (to < end && same < jumpCost) {
			same = chars[to] === oldChars[to] && styles[to] === oldStyles[to] ? same + 1 : 0;
			to++;
		}
		to -= same;
		const previous = runs.at(-1);
		if (previous && from - previous[1] < jumpCost) previous[1] = to;
		else runs.push([from, to]);
		col = to;
	}
	// A row whose characters a terminal may lay out wider or narrower than string-width
	// (emoji sequences) is drawn whole, so the terminal places every cell as a full frame would.
	if (runs.length > 0 && (hasRiskyCell(chars) || hasRiskyCell(oldChars))) return [[0, next.cols]];
	return runs;
}

/** The non-blank cells of a row, for a full redraw. */
function contentRuns(next: Screen, row: number): Array<[number, number]> {
	const chars = next.chars[row]!;
	const styles = next.styles[row]!;
	let to = next.cols;
	while (to > 0 && chars[to - 1] === blank && styles[to - 1] === '') to--;
	return to === 0 ? [] : [[0, to]];
}

function hasRiskyCell(chars: readonly string[]): boolean {
	for (let col = 0; col < chars.length; col++) {
		const text = chars[col]!;
		if (text.length > 1 && isRisky(text)) return true;
	}
	return false;
}

/** More than one code point in a cell (a joined emoji, a flag, a combining mark), or an emoji on its own. */
function isRisky(text: string): boolean {
	const codePoint = text.codePointAt(0)!;
	const isSingle = text.length === (codePoint > 0xFF_FF ? 2 : 1);
	return !isSingle || (codePoint >= 0x1_F0_00 && codePoint <= 0x1_FA_FF);
}

class RunWriter {
	// Pieces joined once at the end: adding to a string a cell at a time made a new string per cell.
	private readonly output: string[] = [];
	private key = '';
	/** The row whose tail was erased last: later runs past its content have nothing to draw. */
	private erasedRow = -1;

	raw(text: string): void {
		this.output.push(text);
	}

	/** Draws cells [from, to) of a row; a blank tail to the row's end is erased, never written as spaces. */
	run(screen: Screen, row: number, from: number, to: number): void {
		const chars = screen.chars[row]!;
		const styles = screen.styles[row]!;
		// Where the row's content ends: a terminal keeps what follows empty (Ink writes no
		// trailing spaces, and a selection there copies none).
		let tail = screen.cols;
		while (tail > 0 && chars[tail - 1] === blank && styles[tail - 1] === '') tail--;
		if (this.erasedRow === row && from >= tail) return;
		// An erase starts where the content ends: spaces written there earlier go too.
		if (from > tail && to > tail) from = tail;
		const end = Math.min(to, Math.max(from, tail));
		this.output.push(`\u001B[${row + 1};${from + 1}H`);
		for (let col = from; col < end; col++) {
			const text = chars[col]!;
			if (text === '') continue;
			this.setStyle(styles[col]!);
			this.output.push(text);
		}
		if (to > end) {
			this.setStyle('');
			this.output.push('\u001B[K');
			this.erasedRow = row;
		}
	}

	finish(): string {
		this.setStyle('');
		return this.output.join('');
	}

	private setStyle(key: string): void {
		if (key === this.key) return;
		this.output.push(key === '' ? '\u001B[0m' : `\u001B[0;${key}m`);
		this.key = key;
	}
}

// Reads what Ink writes to a terminal (text, colours, cursor moves, erases) into
// a Screen, the way a terminal would, so berth can send the terminal only what
// changed. Widths come from string-width, as Ink's own layout does. A sequence it
// does not model marks the copy unsure (the writer then redraws everything);
// modes it need not model (cursor shown, mouse, title) are handed through.
import stringWidth from 'string-width';
import {blank, blankRow, createScreen, resizeScreen, type Screen} from './screen.js';
import {InkFrameReader} from './ink-frame-reader.js';
import {applySgr, eraseKey, plainStyle, styleKey, type Style} from './sgr.js';

const escape = '\u001B';
const beginSync = '\u001B[?2026h';
const endSync = '\u001B[?2026l';
const zeroWidthJoiner = 0x20_0D;
const widths = new Map<number, number>();
/** Each style seen, by its key: a checkpoint keeps only the key. Bounded like sgrChanges. */
const stylesByKey = new Map<string, Style>([['', plainStyle()]]);

function styleOfKey(key: string): Style | undefined {
	return stylesByKey.get(key);
}

/** The style an SGR sequence leads to, by the key of the style before it and the sequence's parameters. */
const sgrChanges = new Map<string, Map<string, {readonly style: Style; readonly key: string}>>();

function widthOf(codePoint: number): number {
	let width = widths.get(codePoint);
	if (width === undefined) {
		width = stringWidth(String.fromCodePoint(codePoint));
		// Bounded: one entry per distinct character ever seen.
		if (widths.size > 4096) widths.clear();
		widths.set(codePoint, width);
	}
	return width;
}

const isRegionalIndicator = (codePoint: number) => codePoint >= 0x1_F1_E6 && codePoint <= 0x1_F1_FF;

/** Columns [from, to) of a row whose cells may have changed. */
export interface DirtyRow {
	readonly row: number;
	readonly from: number;
	readonly to: number;
}

/**
 * The state at an index of a line read on its own (relative to the line's
 * start): before an escape sequence ('item'), or where the text after one
 * begins ('run'), or where the line begins. A changed line is read again from
 * the last such point before its first changed character (or from a point
 * worked out inside a run's printable ASCII), so the unchanged start of a row
 * is not read twice.
 */
export interface Checkpoint {
	readonly at: number;
	readonly isRun: boolean;
	/** A run's printable ASCII, a column each, ends here (line-relative; the next item's start, or a character that is not). */
	readonly asciiEnd: number;
	readonly col: number;
	readonly isWrapPending: boolean;
	readonly key: string;
	readonly lastCol: number;
	readonly hasLast: boolean;
}

/** Where the cursor is and how it draws, after a line: what a line skipped unread must leave behind. */
export interface LineEnd {
	readonly col: number;
	readonly isWrapPending: boolean;
	readonly style: Style;
	readonly key: string;
	readonly lastCol: number;
	readonly hasLast: boolean;
}

export class ScreenInterpreter {
	screen: Screen;
	/** Something was written that this copy does not model: redraw everything. */
	isUnsure = false;
	/** Inside a synchronized-output bracket (DEC 2026): a frame is still being written. */
	isInFrame = false;
	/** Sequences for the terminal itself (cursor shown, bell, title), in order, since last taken. */
	private passThrough = '';
	private row = 0;
	private col = 0;
	private isWrapPending = false;
	private saved = {row: 0, col: 0};
	private readonly style: Style = plainStyle();
	private key = '';
	/** An escape sequence cut between two writes. */
	private partial = '';
	/** The cell last written, which a combining mark or a joiner joins; -1 for none. */
	private lastRow = -1;
	private lastCol = 0;
	/** Per row, the columns [from, to) whose cells may have changed since takeDirtyRows (from > to: none). */
	private dirtyFrom: number[] = [];
	private dirtyTo: number[] = [];
	private isAllDirty = true;
	/** Set while a line is read on its own: a wrap stops it instead of moving to the next row. */
	private isStoppedAtWrap = false;
	private stopAtWrap = false;
	private readonly frames = new InkFrameReader();

	constructor(cols: number, rows: number) {
		this.screen = createScreen(cols, rows);
	}

	/** The rows whose cells may differ from when this was last called, with the columns that may ('all' after a resize or a scroll). */
	takeDirtyRows(): readonly DirtyRow[] | 'all' {
		const taken: DirtyRow[] | 'all' = this.isAllDirty ? 'all' : [];
		if (taken !== 'all') {
			for (let row = 0; row < this.dirtyTo.length; row++) {
				const to = this.dirtyTo[row];
				if (to !== undefined && to > this.dirtyFrom[row]!) taken.push({row, from: this.dirtyFrom[row]!, to});
			}
		}
		this.isAllDirty = false;
		this.dirtyFrom = [];
		this.dirtyTo = [];
		return taken;
	}

	/** Columns [from, to) of row may have changed (clamped to the screen). */
	private touch(row: number, from: number, to: number): void {
		const start = Math.max(0, from);
		const end = Math.min(this.screen.cols, to);
		if (end <= start) return;
		const knownTo = this.dirtyTo[row];
		if (knownTo === undefined) {
			this.dirtyFrom[row] = start;
			this.dirtyTo[row] = end;
			return;
		}
		if (start < this.dirtyFrom[row]!) this.dirtyFrom[row] = start;
		if (end > knownTo) this.dirtyTo[row] = end;
	}

	resize(cols: number, rows: number): void {
		this.frames.forget();
		this.isAllDirty = true;
		this.screen = resizeScreen(this.screen, cols, rows);
		this.row = Math.min(this.row, rows - 1);
		this.col = Math.min(this.col, cols - 1);
		this.isWrapPending = false;
		this.lastRow = -1;
	}

	takePassThrough(): string {
		const taken = this.passThrough;
		this.passThrough = '';
		return taken;
	}

	write(data: string): void {
		if (this.partial === '' && this.frames.read(this, data)) return;
		// Ink brackets each frame with these, in writes of their own: they move nothing.
		if (data !== beginSync && data !== endSync) this.frames.forget();
		this.writeText(data);
	}

	/** The cursor's row and column, and whether a character would wrap first. */
	get cursor(): {readonly row: number; readonly col: number; readonly isWrapPending: boolean} {
		return {row: this.row, col: this.col, isWrapPending: this.isWrapPending};
	}

	/** The key an erase would paint with now. */
	get eraseKeyNow(): string {
		return eraseKey(this.style);
	}

	get styleKeyNow(): string {
		return this.key;
	}

	/** Puts the cursor where Ink's erase of a frame leaves it: the frame's top row, column 0. */
	moveToLineStart(row: number): void {
		this.moveTo(row, 0);
	}

	/** Erases a row as an erase would have when the colours in force had erase key `key`. */
	eraseRow(row: number, key: string): void {
		this.erase(row, 0, this.screen.cols, key);
	}

	/**
	 * Reads text[from, to), one line with no line feed in it, and stops where a
	 * character would wrap to the next row. Returns where it stopped (to when it
	 * did not).
	 */
	readLine(text: string, from: number, to: number, checkpoints?: Checkpoint[], lineStart = from): number {
		this.checkpoints = checkpoints;
		this.lineStart = lineStart;
		// Where this read starts; printable ASCII or the next item follows.
		if (checkpoints) this.checkpoint(from, true);
		this.stopAtWrap = true;
		this.isStoppedAtWrap = false;
		let index = from;
		try {
			while (index < to && !this.isStoppedAtWrap) {
				const next = this.step(text, index, to);
				// A frame read by lines holds only whole sequences (InkFrameReader checks); a cut one ends the line.
				index = next < 0 ? to : next;
			}
		} finally {
			this.stopAtWrap = false;
			this.checkpoints = undefined;
			this.run = undefined;
		}
		if (this.isStoppedAtWrap) {
			this.isStoppedAtWrap = false;
			// The character that would wrap was not written; the caller reads on from it.
			return this.stoppedAt;
		}
		return index;
	}

	lineEnd(): LineEnd {
		return {col: this.col, isWrapPending: this.isWrapPending, style: {...this.style}, key: this.key, lastCol: this.lastCol, hasLast: this.lastRow === this.row};
	}

	/** The state at a checkpoint of a line read earlier, on row; false when the colours it names are no longer known. */
	restoreCheckpoint(row: number, point: Checkpoint): boolean {
		const style = styleOfKey(point.key);
		if (!style) return false;
		this.row = row;
		this.col = point.col;
		this.isWrapPending = point.isWrapPending;
		Object.assign(this.style, style);
		this.key = point.key;
		this.lastRow = point.hasLast ? row : -1;
		this.lastCol = point.lastCol;
		return true;
	}

	/** Blanks cells [from, to) of row as an erase with erase key `key` would, leaving the cursor and colours alone. */
	eraseCells(row: number, from: number, to: number, key: string): void {
		const {isWrapPending, lastRow} = this;
		this.erase(row, from, to, key);
		this.isWrapPending = isWrapPending;
		this.lastRow = lastRow;
	}

	/** The state a line read earlier left, as if it had been read again on row. */
	restoreLineEnd(row: number, end: LineEnd): void {
		this.row = row;
		this.col = end.col;
		this.isWrapPending = end.isWrapPending;
		Object.assign(this.style, end.style);
		this.key = end.key;
		this.lastRow = end.hasLast ? row : -1;
		this.lastCol = end.lastCol;
	}

	lineFeedFromFrame(): void {
		this.control(0x0A);
	}

	/** Everything not read as an Ink frame: text, controls and escape sequences, one by one. */
	writeText(data: string): void {
		const text = this.partial + data;
		this.partial = '';
		let index = 0;
		while (index < text.length) {
			const next = this.step(text, index, text.length);
			if (next < 0) {
				// An escape sequence cut between two writes: read with the next.
				this.partial = text.slice(index);
				return;
			}
			index = next;
		}
	}

	private stoppedAt = 0;
	/** Set while a line is read on its own: where to note its checkpoints, and the index its positions count from. */
	private checkpoints: Checkpoint[] | undefined;
	private lineStart = 0;
	/** The run being read, whose asciiEnd is not known yet. */
	private run: {asciiEnd: number} | undefined;

	private checkpoint(index: number, isRun: boolean): void {
		const point = {at: index - this.lineStart, isRun, asciiEnd: Number.MAX_SAFE_INTEGER, col: this.col, isWrapPending: this.isWrapPending, key: this.key, lastCol: this.lastCol, hasLast: this.lastRow === this.row};
		this.checkpoints!.push(point);
		this.run = isRun ? point : undefined;
	}

	/** The run being read has printable ASCII only up to index. */
	private endAscii(index: number): void {
		const at = index - this.lineStart;
		if (this.run && this.run.asciiEnd > at) this.run.asciiEnd = at;
	}

	/** One item of text at index (a sequence, a control, an ASCII run, a character); returns the index after it, -1 for a sequence not all there yet. */
	private step(text: string, index: number, to: number): number {
		const code = text.charCodeAt(index);
		if (this.checkpoints && (code < 0x20 || code >= 0x7F)) {
			this.endAscii(index);
			if (code !== 0x1B) return this.stepItem(text, index, to, code);
			this.checkpoint(index, false);
			const next = this.stepItem(text, index, to, code);
			if (next >= 0 && !this.isStoppedAtWrap) this.checkpoint(next, true);
			return next;
		}
		return this.stepItem(text, index, to, code);
	}

	private stepItem(text: string, index: number, to: number, code: number): number {
		if (code === 0x1B) return this.escapeSequence(text, index);
		if (code < 0x20 || code === 0x7F) {
			this.control(code);
			return index + 1;
		}
		if (code < 0x7F) {
			const end = this.putAscii(text, index, to);
			if (this.isStoppedAtWrap) this.stoppedAt = end;
			return end;
		}
		const codePoint = text.codePointAt(index)!;
		this.printable(codePoint);
		if (this.isStoppedAtWrap) this.stoppedAt = index;
		return index + (codePoint > 0xFF_FF ? 2 : 1);
	}

	private control(code: number): void {
		switch (code) {
			case 0x0D: this.col = 0; this.isWrapPending = false; break;
			// The terminal driver turns a line feed into CR LF (ONLCR, which Node's raw mode keeps).
			case 0x0A: this.col = 0; this.lineFeed(); break;
			case 0x0B: case 0x0C: this.lineFeed(); break;
			case 0x08: this.col = Math.max(0, this.col - 1); this.isWrapPending = false; break;
			case 0x09: this.col = Math.min(this.screen.cols - 1, (Math.floor(this.col / 8) + 1) * 8); break;
			case 0x07: this.passThrough += '\u0007'; break;
			default: break;
		}
	}

	private printable(codePoint: number): void {
		const lastText = this.lastRow < 0 ? undefined : this.screen.chars[this.lastRow]?.[this.lastCol];
		const width = widthOf(codePoint);
		// Part of the grapheme before it: a combining mark, a variation selector,
		// what follows a zero-width joiner, the second half of a flag.
		const joins = lastText && (width === 0
			|| lastText.codePointAt(lastText.length - 1) === zeroWidthJoiner
			|| (isRegionalIndicator(codePoint) && lastText.length === 2 && isRegionalIndicator(lastText.codePointAt(0)!)));
		if (joins) {
			this.join(lastText + String.fromCodePoint(codePoint));
			return;
		}
		if (width === 0) return;
		this.put(String.fromCodePoint(codePoint), width);
	}

	/** The last cell written takes `text`, the grapheme it now holds. */
	private join(text: string): void {
		const {lastRow: row, lastCol: col} = this;
		const chars = this.screen.chars[row]!;
		const wasWide = chars[col + 1] === '';
		this.touch(row, col, col + 2);
		chars[col] = text;
		// An emoji made wide by what follows it (❤ then U+FE0F) takes its second cell.
		if (!wasWide && stringWidth(text) === 2 && col + 1 < this.screen.cols) {
			chars[col + 1] = '';
			this.screen.styles[row]![col + 1] = this.screen.styles[row]![col]!;
			if (this.row === row && this.col === col + 1) this.advance(1);
		}
	}

	private put(text: string, width: number): void {
		const {cols} = this.screen;
		if (this.stopAtWrap && (this.isWrapPending || (width === 2 && this.col === cols - 1))) {
			this.isStoppedAtWrap = true;
			return;
		}
		if (this.isWrapPending) {
			this.col = 0;
			this.lineFeed();
		}
		if (width === 2 && this.col === cols - 1) {
			// A wide character does not fit in the last column: the terminal wraps it,
			// and paints the column it leaves with the colours in force (as xterm does).
			this.clearCell(this.row, this.col);
			this.touch(this.row, this.col - 1, this.col + 1);
			this.screen.chars[this.row]![this.col] = blank;
			this.screen.styles[this.row]![this.col] = this.key;
			this.col = 0;
			this.lineFeed();
		}
		// A wide character's other half on either side is cleared too.
		this.touch(this.row, this.col - 1, this.col + width + 1);
		const chars = this.screen.chars[this.row]!;
		const styles = this.screen.styles[this.row]!;
		this.clearCell(this.row, this.col);
		chars[this.col] = text;
		styles[this.col] = this.key;
		if (width === 2 && this.col + 1 < cols) {
			this.clearCell(this.row, this.col + 1);
			chars[this.col + 1] = '';
			styles[this.col + 1] = this.key;
		}
		this.lastRow = this.row;
		this.lastCol = this.col;
		this.advance(width);
	}

	/** A run of printable ASCII, the bulk of every frame, without a call per character. Returns where the run ends. */
	private putAscii(text: string, start: number, to = text.length): number {
		const {cols} = this.screen;
		let index = start;
		while (index < to) {
			const code = text.charCodeAt(index);
			if (code < 0x20 || code >= 0x7F) break;
			if (this.isWrapPending && this.stopAtWrap) {
				this.isStoppedAtWrap = true;
				return index;
			}
			if (this.isWrapPending) {
				this.col = 0;
				this.lineFeed();
			}
			const chars = this.screen.chars[this.row]!;
			const styles = this.screen.styles[this.row]!;
			let col = this.col;
			const runStart = col;
			while (index < to && col < cols) {
				const next = text.charCodeAt(index);
				if (next < 0x20 || next >= 0x7F) break;
				if (chars[col] === '' || chars[col + 1] === '') this.clearCell(this.row, col);
				chars[col] = text[index]!;
				styles[col] = this.key;
				col++;
				index++;
			}
			// Cells either side: a wide character cut by the run.
			this.touch(this.row, runStart - 1, col + 1);
			this.lastRow = this.row;
			this.lastCol = col - 1;
			this.col = col;
			if (col >= cols) {
				this.col = cols - 1;
				this.isWrapPending = true;
			}
		}
		return index;
	}

	private advance(width: number): void {
		this.col += width;
		if (this.col >= this.screen.cols) {
			this.col = this.screen.cols - 1;
			this.isWrapPending = true;
		}
	}

	/** Before a cell is overwritten: a wide character it is half of loses its other half. */
	private clearCell(row: number, col: number): void {
		const chars = this.screen.chars[row]!;
		if (chars[col] === '' && col > 0) chars[col - 1] = blank;
		if (chars[col + 1] === '') chars[col + 1] = blank;
	}

	private lineFeed(): void {
		this.isWrapPending = false;
		this.lastRow = -1;
		if (this.row < this.screen.rows - 1) {
			this.row++;
			return;
		}
		// At the bottom the screen scrolls up a line.
		this.isAllDirty = true;
		this.screen.chars.shift();
		this.screen.styles.shift();
		// The new row takes the background in force, as a terminal paints it.
		const line = blankRow(this.screen.cols, eraseKey(this.style));
		this.screen.chars.push(line.chars);
		this.screen.styles.push(line.styles);
	}

	/** The index after the sequence that starts at index, or -1 when it is not all there yet. */
	private escapeSequence(text: string, index: number): number {
		const kind = text[index + 1];
		if (kind === undefined) return -1;
		if (kind === '[') {
			let end = index + 2;
			while (end < text.length && !(text.charCodeAt(end) >= 0x40 && text.charCodeAt(end) <= 0x7E)) end++;
			if (end >= text.length) return -1;
			this.csi(text, index, end);
			return end + 1;
		}
		if (kind === ']' || kind === 'P' || kind === '_' || kind === '^') {
			// OSC, DCS and the like run to BEL or ST: handed through (a title, a hyperlink's ends).
			let end = index + 2;
			while (end < text.length && text[end] !== '\u0007' && !(text[end] === escape && text[end + 1] === '\\')) end++;
			if (end >= text.length || (text[end] === escape && end + 1 >= text.length)) return -1;
			const after = text[end] === '\u0007' ? end + 1 : end + 2;
			this.passThrough += text.slice(index, after);
			return after;
		}
		switch (kind) {
			case '7': this.saved = {row: this.row, col: this.col}; break;
			case '8': this.moveTo(this.saved.row, this.saved.col); break;
			case '=': case '>': this.passThrough += text.slice(index, index + 2); break;
			case '(': case ')': return index + 3 <= text.length ? index + 3 : -1;
			default: this.isUnsure = true;
		}
		return index + 2;
	}

	private moveTo(row: number, col: number): void {
		this.row = Math.max(0, Math.min(this.screen.rows - 1, row));
		this.col = Math.max(0, Math.min(this.screen.cols - 1, col));
		this.isWrapPending = false;
		this.lastRow = -1;
	}

	/** The sequence text[index, end]: ESC [ parameters final. */
	private csi(text: string, index: number, end: number): void {
		const final = text[end]!;
		const first = text.charCodeAt(index + 2);
		// ? > = <
		if (first === 0x3F || first === 0x3E || first === 0x3D || first === 0x3C) {
			this.privateMode(text[index + 2]!, text.slice(index + 3, end), final, text.slice(index, end + 1));
			return;
		}
		const parameters = text.slice(index + 2, end);
		if (final === 'm') {
			this.applyColours(parameters);
			return;
		}
		const numbers = parameters.split(';').map(part => Number(part) || 0);
		const count = Math.max(1, numbers[0] ?? 0);
		switch (final) {
			case 'A': this.moveTo(this.row - count, this.col); return;
			case 'B': this.moveTo(this.row + count, this.col); return;
			case 'C': this.moveTo(this.row, this.col + count); return;
			case 'D': this.moveTo(this.row, this.col - count); return;
			case 'E': this.moveTo(this.row + count, 0); return;
			case 'F': this.moveTo(this.row - count, 0); return;
			case 'G': case '`': this.moveTo(this.row, count - 1); return;
			case 'd': this.moveTo(count - 1, this.col); return;
			case 'H': case 'f': this.moveTo(count - 1, Math.max(1, numbers[1] ?? 0) - 1); return;
			case 'K': this.eraseInLine(numbers[0] ?? 0); return;
			case 'J': this.eraseInDisplay(numbers[0] ?? 0); return;
			case 'X': this.erase(this.row, this.col, Math.min(this.screen.cols, this.col + count)); return;
			case 's': this.saved = {row: this.row, col: this.col}; return;
			case 'u': this.moveTo(this.saved.row, this.saved.col); return;
			default: this.isUnsure = true;
		}
	}

	/**
	 * An SGR sequence. The style after it depends only on the style before (which its
	 * key names in full) and the parameters, and a frame repeats the same few changes
	 * on every row: each change is worked out once and remembered.
	 */
	private applyColours(parameters: string): void {
		const before = this.key;
		let fromHere = sgrChanges.get(before);
		const known = fromHere?.get(parameters);
		if (known) {
			Object.assign(this.style, known.style);
			this.key = known.key;
			if (!stylesByKey.has(known.key)) stylesByKey.set(known.key, known.style);
			return;
		}
		const isKnown = applySgr(this.style, parameters);
		this.key = styleKey(this.style);
		if (!isKnown) {
			this.isUnsure = true;
			return;
		}
		// Bounded: a screen uses a few dozen styles; only a flood of distinct colours fills these.
		if (!fromHere || fromHere.size > 256) {
			if (sgrChanges.size > 256) sgrChanges.clear();
			fromHere = new Map();
			sgrChanges.set(before, fromHere);
		}
		const style = {...this.style};
		fromHere.set(parameters, {style, key: this.key});
		if (!stylesByKey.has(this.key)) {
			if (stylesByKey.size > 512) {
				stylesByKey.clear();
				stylesByKey.set('', plainStyle());
			}
			stylesByKey.set(this.key, style);
		}
	}

	private privateMode(prefix: string, parameters: string, final: string, whole: string): void {
		if (prefix === '?' && (final === 'h' || final === 'l')) {
			for (const mode of parameters.split(';')) {
				if (mode === '2026') this.isInFrame = final === 'h';
				else if (mode === '1049' || mode === '1047' || mode === '47') {
					this.passThrough += `\u001B[?${mode}${final}`;
					this.screen = createScreen(this.screen.cols, this.screen.rows);
					this.isAllDirty = true;
					this.isUnsure = true;
				} else if (mode === '7' || mode === '6') this.isUnsure = true;
				else this.passThrough += `\u001B[?${mode}${final}`;
			}
			return;
		}
		// Keyboard protocols, device queries: for the terminal, not the screen.
		this.passThrough += whole;
	}

	private eraseInLine(mode: number): void {
		if (mode === 0) this.erase(this.row, this.col, this.screen.cols);
		else if (mode === 1) this.erase(this.row, 0, this.col + 1);
		else this.erase(this.row, 0, this.screen.cols);
	}

	private eraseInDisplay(mode: number): void {
		const {rows, cols} = this.screen;
		if (mode === 0) {
			this.erase(this.row, this.col, cols);
			for (let row = this.row + 1; row < rows; row++) this.erase(row, 0, cols);
		} else if (mode === 1) {
			for (let row = 0; row < this.row; row++) this.erase(row, 0, cols);
			this.erase(this.row, 0, this.col + 1);
		} else for (let row = 0; row < rows; row++) this.erase(row, 0, cols);
	}

	private erase(row: number, from: number, to: number, key = eraseKey(this.style)): void {
		const chars = this.screen.chars[row]!;
		const styles = this.screen.styles[row]!;
		this.touch(row, from - 1, to + 1);
		// Half a wide character at either end goes too.
		if (chars[from] === '' && from > 0) chars[from - 1] = blank;
		if (chars[to] === '') chars[to] = blank;
		for (let col = from; col < to; col++) {
			chars[col] = blank;
			styles[col] = key;
		}
		this.isWrapPending = false;
		this.lastRow = -1;
	}
}

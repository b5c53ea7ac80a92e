// Ink writes every frame whole: an erase of the last frame's lines, then the
// new frame's lines (its log-update: eraseLines(n) + lines joined by '\n').
// Most lines are the same as last time, and their rows already show them; this
// reads only the lines that changed, and leaves the interpreter exactly as if
// it had read everything. Anything else Ink may write goes the long way.
import type {Checkpoint, LineEnd, ScreenInterpreter} from './interpreter.js';

const eraseAndUp = '\u001B[2K\u001B[1A';
const eraseAndLeft = '\u001B[2K\u001B[G';
/** Only colours and attributes in a frame's lines; any other control or sequence may move the cursor. */
const otherControl = /[\u0000-\u0009\u000B-\u001A\u001C-\u001F\u007F]|\u001B(?!\[[\d;:]*m)/;

interface ReadLine {
	readonly text: string;
	/** The colours in force as the line began. */
	readonly keyBefore: string;
	readonly end: LineEnd;
	readonly checkpoints: readonly Checkpoint[];
}

interface ReadFrame {
	readonly top: number;
	/** What the erase before the frame painted with. */
	readonly eraseKey: string;
	/** Each line as it was read, where it may be skipped next time; its row shows exactly it. */
	readonly lines: ReadonlyArray<ReadLine | undefined>;
}

export class InkFrameReader {
	private last: ReadFrame | undefined;

	/** Something else was written: the rows of the last frame may no longer show its lines. */
	forget(): void {
		this.last = undefined;
	}

	/** Reads data if it is one of Ink's frames after an erase, and says whether it did. */
	read(interpreter: ScreenInterpreter, data: string): boolean {
		let bodyStart = 0;
		let erased = 0;
		while (data.startsWith(eraseAndUp, bodyStart)) {
			bodyStart += eraseAndUp.length;
			erased++;
		}
		if (!data.startsWith(eraseAndLeft, bodyStart)) return false;
		bodyStart += eraseAndLeft.length;
		erased++;
		if (otherControl.test(bodyStart === 0 ? data : data.slice(bodyStart))) return false;
		const {rows} = interpreter.screen;
		const top = interpreter.cursor.row - (erased - 1);
		const starts = [bodyStart];
		for (let index = data.indexOf('\n', bodyStart); index >= 0; index = data.indexOf('\n', index + 1)) starts.push(index + 1);
		// A frame that would scroll the screen, or an erase above it, is read the long way.
		if (top < 0 || top + starts.length > rows) return false;

		const eraseKey = interpreter.eraseKeyNow;
		const last = this.last;
		const previous = last && last.top === top && last.eraseKey === eraseKey && last.lines.length === erased ? last.lines : [];
		const lines: Array<ReadLine | undefined> = [];
		interpreter.moveToLineStart(top);
		for (let index = 0; index < starts.length; index++) {
			const row = top + index;
			const from = starts[index]!;
			const to = index + 1 < starts.length ? starts[index + 1]! - 1 : data.length;
			if (index > 0) interpreter.lineFeedFromFrame();
			const keyBefore = interpreter.styleKeyNow;
			const known = previous[index];
			// Compared where it lies: most lines are unchanged, and need no copy of their own.
			if (known && known.keyBefore === keyBefore && known.text.length === to - from && data.startsWith(known.text, from)) {
				interpreter.restoreLineEnd(row, known.end);
				lines.push(known);
				continue;
			}
			const text = data.slice(from, to);
			let checkpoints: Checkpoint[] = [];
			let stoppedAt: number;
			const restart = known && index < erased && known.keyBefore === keyBefore ? restartPoint(known, text, interpreter.screen.cols) : undefined;
			if (known && restart && interpreter.restoreCheckpoint(row, restart.state)) {
				// The row shows the old line: only what follows the part both lines share is read.
				checkpoints = known.checkpoints.filter(point => point.at < restart.at);
				stoppedAt = interpreter.readLine(data, from + restart.at, to, checkpoints, from);
				const {col, isWrapPending} = interpreter.cursor;
				const newEnd = isWrapPending ? interpreter.screen.cols : col;
				const oldEnd = known.end.isWrapPending ? interpreter.screen.cols : known.end.col;
				// What the old line had past the new one's end is blank, as the erase before it left it.
				if (stoppedAt >= to && newEnd < oldEnd) interpreter.eraseCells(row, newEnd, oldEnd, eraseKey);
			} else {
				if (index < erased) interpreter.eraseRow(row, eraseKey);
				stoppedAt = interpreter.readLine(data, from, to, checkpoints);
			}
			if (stoppedAt < to) {
				// The line is wider than the screen and wraps: the rows below move, so the
				// rest of the erase is done now and the rest of the frame read the long way.
				const atWrap = interpreter.lineEnd();
				for (let below = row + 1; below < top + erased; below++) interpreter.eraseRow(below, eraseKey);
				interpreter.restoreLineEnd(row, atWrap);
				this.last = undefined;
				interpreter.writeText(data.slice(stoppedAt));
				return true;
			}
			// A row only an erase made blank first shows just the line; below the erase it shows what was there too.
			lines.push(index < erased ? {text, keyBefore, end: interpreter.lineEnd(), checkpoints} : undefined);
		}
		for (let index = starts.length; index < erased; index++) interpreter.eraseRow(top + index, eraseKey);
		if (interpreter.isUnsure) {
			this.last = undefined;
			return true;
		}
		this.last = {top, eraseKey, lines};
		return true;
	}
}

/**
 * Where to read a changed line from, its row showing the old line: the first
 * index where the two differ, or the start of the sequence or character it
 * falls in, with the state there. undefined when the line must be read whole.
 */
function restartPoint(known: ReadLine, text: string, cols: number): {readonly at: number; readonly state: Checkpoint} | undefined {
	const old = known.text;
	const limit = Math.min(old.length, text.length);
	let differsAt = 0;
	while (differsAt < limit && old.charCodeAt(differsAt) === text.charCodeAt(differsAt)) differsAt++;
	const points = known.checkpoints;
	let index = points.length - 1;
	while (index >= 0 && points[index]!.at > differsAt) index--;
	const point = points[index];
	if (!point) return undefined;
	let restart: {readonly at: number; readonly state: Checkpoint};
	if (!point.isRun) restart = {at: point.at, state: point};
	else {
		// A run's printable ASCII takes a column a character: the state anywhere in it follows from its start.
		const at = Math.min(differsAt, point.asciiEnd);
		const ahead = at - point.at;
		if (ahead > 0 && (point.isWrapPending || point.col + ahead >= cols)) return undefined;
		const col = point.col + ahead;
		restart = ahead === 0 ? {at, state: point} : {at, state: {...point, at, col, lastCol: col - 1, hasLast: true}};
	}
	// A combining mark or a joiner there joins the cell before it, which holds the old line's
	// character as joined then: read such a line whole.
	if (restart.state.hasLast && (isNonAsciiAt(old, restart.at) || isNonAsciiAt(text, restart.at))) return undefined;
	return restart;
}

/** Whether the first character drawn from index on (after any colour sequences) is not ASCII. */
function isNonAsciiAt(text: string, index: number): boolean {
	let at = index;
	while (text.charCodeAt(at) === 0x1B && text[at + 1] === '[') {
		at += 2;
		while (at < text.length && !(text.charCodeAt(at) >= 0x40 && text.charCodeAt(at) <= 0x7E)) at++;
		at++;
	}
	return at < text.length && text.charCodeAt(at) >= 0x80;
}

// Ink writes every frame whole: an erase of the last frame's lines, then the
// new frame's lines (its log-update: eraseLines(n) + lines joined by '\n').
// Most lines are the same as last time, and their rows already show them; this
// reads only the lines that changed, and leaves the interpreter exactly as if
// it had read everything. Anything else Ink may write goes the long way.
import type {LineEnd, ScreenInterpreter} from './interpreter.js';

const eraseAndUp = '\u001B[2K\u001B[1A';
const eraseAndLeft = '\u001B[2K\u001B[G';
/** Only colours and attributes in a frame's lines; any other control or sequence may move the cursor. */
const otherControl = /[\u0000-\u0009\u000B-\u001A\u001C-\u001F\u007F]|\u001B(?!\[[\d;:]*m)/;

interface ReadLine {
	readonly text: string;
	/** The colours in force as the line began. */
	readonly keyBefore: string;
	readonly end: LineEnd;
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
			const text = data.slice(from, to);
			const keyBefore = interpreter.styleKeyNow;
			const known = previous[index];
			if (known?.text === text && known.keyBefore === keyBefore) {
				interpreter.restoreLineEnd(row, known.end);
				lines.push(known);
				continue;
			}
			if (index < erased) interpreter.eraseRow(row, eraseKey);
			const stoppedAt = interpreter.readLine(data, from, to);
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
			lines.push(index < erased ? {text, keyBefore, end: interpreter.lineEnd()} : undefined);
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

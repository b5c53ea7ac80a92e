// Between Ink and the terminal: Ink erases and rewrites its whole frame each
// time; this keeps a copy of the screen as Ink means it and as it was last sent,
// and sends the terminal only the cells that changed, each frame in one
// synchronized-output bracket. Everything is drawn again after a resize, after
// the terminal was lent to a shell, and whenever the copy cannot be trusted.
import {ScreenInterpreter} from './interpreter.js';
import {cloneScreen, copyCells, type Screen} from './screen.js';
import {screenUpdate} from './screen-diff.js';

const beginFrame = '\u001B[?2026h';
const endFrame = '\u001B[?2026l';

export interface FrameWriterTarget {
	readonly write: (text: string) => unknown;
	readonly isTTY?: boolean;
}

export class FrameWriter {
	private readonly interpreter: ScreenInterpreter;
	private shown: Screen | undefined;
	private isHeld = false;

	constructor(private readonly target: FrameWriterTarget, cols: number, rows: number) {
		this.interpreter = new ScreenInterpreter(cols, rows);
	}

	/** What Ink wrote: applied to the copy, and sent on once a frame is complete. */
	write(text: string): void {
		this.interpreter.write(text);
		if (!this.interpreter.isInFrame) this.flush();
	}

	resize(cols: number, rows: number): void {
		this.interpreter.resize(cols, rows);
		this.shown = undefined;
	}

	/** The terminal no longer shows what was sent (a shell had it): the next frame is drawn whole. */
	invalidate(): void {
		this.shown = undefined;
	}

	/** While held (the terminal is lent), frames change the copy but nothing is sent. */
	hold(isHeld: boolean): void {
		this.isHeld = isHeld;
	}

	flush(): void {
		if (this.isHeld) return;
		const interpreter = this.interpreter;
		if (interpreter.isUnsure) {
			interpreter.isUnsure = false;
			this.shown = undefined;
		}
		const passThrough = interpreter.takePassThrough();
		const next = interpreter.screen;
		const dirtyRows = interpreter.takeDirtyRows();
		const update = screenUpdate(this.shown, next, dirtyRows);
		const shown = this.shown;
		if (!shown || dirtyRows === 'all' || shown.cols !== next.cols || shown.rows !== next.rows) this.shown = cloneScreen(next);
		// Outside its dirty columns a row is as it was sent.
		else for (const {row, from, to} of dirtyRows) copyCells(next, shown, row, from, to);
		const body = passThrough + update.output;
		if (body === '') return;
		this.target.write(this.target.isTTY ? beginFrame + body + endFrame : body);
	}
}

// When a launched monitor first shows as many bench rows as fit: the moment a
// person would see the list, read from a headless terminal fed the monitor's output.
import xterm from '@xterm/headless';
import type {IPty} from 'node-pty';

export interface FirstFrame {
	/** Milliseconds from launchedAt to that frame. */
	readonly shown: Promise<number>;
	/** The screen as the terminal shows it now. */
	readonly screen: () => string;
	readonly dispose: () => void;
}

export function watchFirstFrame(child: IPty, launchedAt: number, expected: number, size: {readonly cols: number; readonly rows: number}): FirstFrame {
	const {cols, rows} = size;
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	// The header, tabs and status line take rows: the list may hold fewer than all.
	const wanted = Math.min(expected, rows - 8);
	let isShown = false;
	const shown = new Promise<number>(resolve => {
		child.onData(data => terminal.write(data, () => {
			if (isShown) return;
			const buffer = terminal.buffer.active;
			let seen = 0;
			for (let row = 0; row < rows; row++) if (buffer.getLine(buffer.viewportY + row)?.translateToString(true).includes('bench-')) seen++;
			if (seen >= wanted) {
				isShown = true;
				resolve(performance.now() - launchedAt);
			}
		}));
	});
	const screen = () => {
		const buffer = terminal.buffer.active;
		return Array.from({length: rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').join('\n');
	};
	return {shown, screen, dispose: () => terminal.dispose()};
}

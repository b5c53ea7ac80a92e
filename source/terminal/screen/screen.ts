// A copy of what the terminal shows, cell by cell: the text of each cell (one
// grapheme; '' where a wide character to the left covers it) and its style key.

export interface Screen {
	readonly cols: number;
	readonly rows: number;
	readonly chars: string[][];
	readonly styles: string[][];
}

export const blank = ' ';

export function blankRow(cols: number, key = ''): {chars: string[]; styles: string[]} {
	return {chars: Array.from({length: cols}, () => blank), styles: Array.from({length: cols}, () => key)};
}

export function createScreen(cols: number, rows: number): Screen {
	const chars: string[][] = [];
	const styles: string[][] = [];
	for (let row = 0; row < rows; row++) {
		const line = blankRow(cols);
		chars.push(line.chars);
		styles.push(line.styles);
	}
	return {cols, rows, chars, styles};
}

/** The same content in a new size: cut or padded with blanks, as far as it fits. */
export function resizeScreen(screen: Screen, cols: number, rows: number): Screen {
	const next = createScreen(cols, rows);
	for (let row = 0; row < Math.min(rows, screen.rows); row++) {
		for (let col = 0; col < Math.min(cols, screen.cols); col++) {
			next.chars[row]![col] = screen.chars[row]![col]!;
			next.styles[row]![col] = screen.styles[row]![col]!;
		}
		// A wide character cut in half at the new edge is no longer whole.
		const last = next.chars[row]!;
		if (cols < screen.cols && screen.chars[row]![cols] === '') last[cols - 1] = blank;
	}
	return next;
}

/** Copies cells [from, to) of a row into the row already there: a frame changes a few cells of a few rows. */
export function copyCells(from: Screen, to: Screen, row: number, start: number, end: number): void {
	const chars = from.chars[row]!;
	const styles = from.styles[row]!;
	const shownChars = to.chars[row]!;
	const shownStyles = to.styles[row]!;
	for (let col = start; col < end; col++) {
		shownChars[col] = chars[col]!;
		shownStyles[col] = styles[col]!;
	}
}

export function cloneScreen(screen: Screen): Screen {
	return {cols: screen.cols, rows: screen.rows, chars: screen.chars.map(row => row.slice()), styles: screen.styles.map(row => row.slice())};
}

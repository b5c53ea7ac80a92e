// Pure layout, filtering and sorting for every resource list (images,
// volumes, networks), so they all fit, filter and sort the same way.
import {fitCell} from '../text/cells.js';
import {compareNatural} from '../text/natural-order.js';

export interface ResourceColumn<T> {
	readonly id: string;
	readonly title: string;
	/** Columns it takes at least; flexible columns share what is left. */
	readonly width: number;
	/** Share of the spare room (0 or absent: fixed width). */
	readonly grow?: number;
	readonly align?: 'left' | 'right';
	/** When the terminal is narrow, columns with the lowest number go first; absent: never dropped. */
	readonly dropOrder?: number;
	/** The key that sorts by this column (again reverses), e.g. 'N'. */
	readonly sortKey?: string;
	readonly text: (row: T) => string;
	/** Defaults to the text; numbers sort numerically. */
	readonly sortValue?: (row: T) => string | number;
}

export interface LaidOutColumn<T> {
	readonly column: ResourceColumn<T>;
	readonly width: number;
}

export interface TableView {
	readonly filter: string;
	/** Column id, or undefined for the loader's order. */
	readonly sortColumn?: string;
	readonly descending: boolean;
}

export const initialTableView: TableView = {filter: '', descending: false};

/** A sortable column keeps room for its title and the sort arrow, whatever width its spec asked for. */
function leastWidth<T>(column: ResourceColumn<T>): number {
	return Math.max(column.width, column.title.length + (column.sortKey ? 1 : 0));
}

/** Widths for a total width (the row glyph and the spaces between cells included). */
export function layoutColumns<T>(columns: readonly ResourceColumn<T>[], totalWidth: number, glyphWidth = 2): readonly LaidOutColumn<T>[] {
	const kept = [...columns];
	const minimum = () => glyphWidth + kept.reduce((sum, column) => sum + leastWidth(column), 0) + Math.max(0, kept.length - 1);
	const droppable = columns.filter(column => column.dropOrder !== undefined).sort((a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0));
	while (minimum() > totalWidth && droppable.length > 0) {
		const drop = droppable.shift();
		kept.splice(kept.indexOf(drop as ResourceColumn<T>), 1);
	}
	const spare = Math.max(0, totalWidth - minimum());
	const shares = kept.reduce((sum, column) => sum + (column.grow ?? 0), 0);
	const widths = kept.map(column => leastWidth(column) + (shares > 0 ? Math.floor((spare * (column.grow ?? 0)) / shares) : 0));
	// Rounding leftovers go to the first flexible column so rows fill the width exactly.
	const leftover = shares > 0 ? spare - widths.reduce((sum, width, i) => sum + width - (kept[i] ? leastWidth(kept[i]) : 0), 0) : 0;
	const firstFlexible = kept.findIndex(column => (column.grow ?? 0) > 0);
	if (firstFlexible !== -1) widths[firstFlexible] = (widths[firstFlexible] ?? 0) + leftover;
	return kept.map((column, i) => ({column, width: widths[i] ?? leastWidth(column)}));
}

/** Rows that contain the filter (case-insensitive, in any column's text), in the view's order. */
export function visibleRows<T>(rows: readonly T[], columns: readonly ResourceColumn<T>[], view: TableView): readonly T[] {
	const needle = view.filter.trim().toLowerCase();
	const matching = needle ? rows.filter(row => columns.some(column => column.text(row).toLowerCase().includes(needle))) : [...rows];
	const column = columns.find(candidate => candidate.id === view.sortColumn);
	if (!column) return view.descending ? matching.reverse() : matching;
	const value = column.sortValue ?? column.text;
	const sorted = matching.sort((a, b) => {
		const left = value(a);
		const right = value(b);
		return typeof left === 'number' && typeof right === 'number' ? left - right : compareNatural(String(left), String(right));
	});
	return view.descending ? sorted.reverse() : sorted;
}

/** The view after pressing a column's sort key: sort by it, or reverse when it already is the sort. */
export function toggleSort(view: TableView, columnId: string): TableView {
	return view.sortColumn === columnId ? {...view, descending: !view.descending} : {...view, sortColumn: columnId, descending: false};
}

export function headerLine<T>(layout: readonly LaidOutColumn<T>[], view: TableView): string {
	return layout.map(({column, width}) => {
		const arrow = view.sortColumn === column.id ? (view.descending ? '↓' : '↑') : '';
		return fitCell(column.title + arrow, width, column.align);
	}).join(' ');
}

export function rowLine<T>(row: T, layout: readonly LaidOutColumn<T>[]): string {
	return layout.map(({column, width}) => fitCell(column.text(row), width, column.align)).join(' ');
}

/** The first visible row so the selection stays on screen, moving as little as possible. */
export function scrollOffset(previous: number, selectedIndex: number, height: number, count: number): number {
	const room = Math.max(1, height);
	const maxOffset = Math.max(0, count - room);
	const offset = Math.min(Math.max(previous, selectedIndex - room + 1), Math.max(0, selectedIndex));
	return Math.max(0, Math.min(offset, maxOffset));
}

// Pure arrangement of a resource list whose rows hold rows (a project's
// services, a service's containers): the rows shown for what is unfolded,
// siblings sorted by the view, the filter keeping a match's family in sight.
import {visibleRows, type ResourceColumn, type TableView} from './resource-table-model.js';

export interface TreeShape<Row> {
	readonly children: (row: Row) => readonly Row[];
	/** 0 for the top rows, 1 under them, … */
	readonly depth: (row: Row) => number;
	readonly rowKey: (row: Row) => string;
}

const matchesFilter = <Row>(row: Row, columns: readonly ResourceColumn<Row>[], needle: string) =>
	columns.some(column => column.text(row).toLowerCase().includes(needle));

/**
 * The rows shown, top to bottom: each row, then (when unfolded) its children.
 * Siblings sort by the view's column. A filter shows a row when it, a row
 * above it or a row below it matches, so a matching service keeps its project
 * and an unfolded matching project keeps its services.
 */
export function arrangeTree<Row>(roots: readonly Row[], shape: TreeShape<Row>, expanded: ReadonlySet<string>, columns: readonly ResourceColumn<Row>[], view: TableView): readonly Row[] {
	const needle = view.filter.trim().toLowerCase();
	const sortOnly: TableView = {...view, filter: ''};
	const descendantMatches = (row: Row): boolean => shape.children(row).some(child => matchesFilter(child, columns, needle) || descendantMatches(child));
	const out: Row[] = [];
	const walk = (rows: readonly Row[], isAncestorMatch: boolean) => {
		for (const row of visibleRows(rows, columns, sortOnly)) {
			const isMatch = !needle || isAncestorMatch || matchesFilter(row, columns, needle);
			if (!isMatch && !descendantMatches(row)) continue;
			out.push(row);
			if (expanded.has(shape.rowKey(row))) walk(shape.children(row), isMatch);
		}
	};
	walk(roots, false);
	return out;
}

/** The row a child belongs to: the nearest row above it that is less deep. */
export function parentOf<Row>(rows: readonly Row[], index: number, depth: (row: Row) => number): Row | undefined {
	const row = rows[index];
	if (row === undefined) return undefined;
	const own = depth(row);
	for (let i = index - 1; i >= 0; i--) if (depth(rows[i] as Row) < own) return rows[i];
	return undefined;
}

/** The first column drawn as a tree: indented by depth, ▸ folded, ▾ unfolded. */
export function treeColumns<Row>(columns: readonly ResourceColumn<Row>[], shape: TreeShape<Row>, expanded: ReadonlySet<string>): readonly ResourceColumn<Row>[] {
	const [first, ...rest] = columns;
	if (!first) return columns;
	const prefix = (row: Row) => {
		const marker = shape.children(row).length === 0 ? '  ' : expanded.has(shape.rowKey(row)) ? '▾ ' : '▸ ';
		return `${'  '.repeat(shape.depth(row))}${marker}`;
	};
	return [{...first, width: first.width + 4, text: row => `${prefix(row)}${first.text(row)}`, sortValue: first.sortValue ?? first.text}, ...rest];
}

// Which engine a resource row came from, when berth watches several: rows are
// the specs' own objects, so the engine is kept beside them rather than in them.
const hosts = new WeakMap<object, string>();

export function tagRow<Row>(row: Row, host: string): Row {
	if (typeof row === 'object' && row !== null) hosts.set(row, host);
	return row;
}

/** The engine a row was listed by; undefined with one engine. */
export function hostOfRow(row: unknown): string | undefined {
	return typeof row === 'object' && row !== null ? hosts.get(row) : undefined;
}

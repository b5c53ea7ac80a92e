import type {ResourceListState} from '../hooks/use-resource-list.js';
import type {ResourceTableState} from '../hooks/use-resource-table.js';
import {ResourceBar} from './resource-bar.js';
import {ResourceTable, type ResourceTableProps} from './resource-table.js';

export interface ResourceListProps<T> {
	/** "Images": the bar's title. */
	readonly title: string;
	/** "image": for "No image matches …". */
	readonly noun: string;
	/** After "No images." when there are none, e.g. "p pulls one." */
	readonly emptyHint?: string;
	/** A yellow note in the bar, e.g. what is hidden. */
	readonly note?: string;
	/** Said in place of the list: the engine has no such list in its mode (not in Swarm mode). */
	readonly unavailable?: string;
	readonly list: ResourceListState<T>;
	readonly table: ResourceTableState<T>;
	readonly rowKey: (row: T) => string;
	/** Data rows shown, as given to useResourceTable. */
	readonly height: number;
	readonly glyph: ResourceTableProps<T>['glyph'];
	/** The top rows shown, when the table shows rows inside them too (a tree); else every row shown counts. */
	readonly shownCount?: number;
}

/** A resource pane's main list: its bar (counts, filter, a list error) over its table. */
export function ResourceList<T>(props: ResourceListProps<T>) {
	const {list, table} = props;
	const plural = props.title.toLowerCase();
	const emptyText = props.unavailable ? `  ${props.unavailable}` : !list.isLoaded
		? `  Loading ${plural}…`
		: table.view.filter ? `  No ${props.noun} matches "${table.view.filter}".` : `  No ${plural}.${props.emptyHint ? ` ${props.emptyHint}` : ''}`;
	return (
		<>
			<ResourceBar title={props.title} shown={props.shownCount ?? table.shown.length} total={list.rows.length} view={table.view} {...(list.error ? {error: list.error} : {})} {...(props.note ? {note: props.note} : {})} />
			<ResourceTable
				rows={table.shown}
				rowKey={props.rowKey}
				layout={table.layout}
				view={table.view}
				selectedIndex={table.selectedIndex}
				offset={table.offset}
				height={props.height}
				emptyText={emptyText}
				{...(props.glyph ? {glyph: props.glyph} : {})}
			/>
		</>
	);
}

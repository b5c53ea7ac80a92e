import {Box, Text} from 'ink';
import {memo} from 'react';
import {headerLine, rowLine, type LaidOutColumn, type TableView} from './resource-table-model.js';
import {color, selectedStyle} from './theme.js';

export interface ResourceTableProps<T> {
	readonly rows: readonly T[];
	readonly rowKey: (row: T) => string;
	readonly layout: readonly LaidOutColumn<T>[];
	readonly view: TableView;
	readonly selectedIndex: number;
	readonly offset: number;
	/** Data rows shown; the header takes one more. */
	readonly height: number;
	readonly emptyText: string;
	/** A one-column marker before each row (e.g. ● in use), with its colour. */
	readonly glyph?: (row: T) => {readonly text: string; readonly color: string};
}

const Row = memo(function Row(props: {readonly glyph: string; readonly glyphColor: string; readonly text: string; readonly isSelected: boolean}) {
	return (
		<Text {...selectedStyle(props.isSelected)} wrap="truncate-end">
			<Text color={color(props.glyphColor)}>{props.glyph}</Text>
			{' '}
			{props.text}
		</Text>
	);
});

export function ResourceTable<T>(props: ResourceTableProps<T>) {
	const visible = props.rows.slice(props.offset, props.offset + Math.max(0, props.height));
	return (
		<Box flexDirection="column" height={props.height + 1}>
			<Text bold wrap="truncate-end">{'  ' + headerLine(props.layout, props.view)}</Text>
			{visible.length === 0 ? <Text dimColor>{props.emptyText}</Text> : null}
			{visible.map((row, index) => {
				const glyph = props.glyph?.(row) ?? {text: ' ', color: 'gray'};
				return (
					<Row
						key={props.rowKey(row)}
						glyph={glyph.text}
						glyphColor={glyph.color}
						text={rowLine(row, props.layout)}
						isSelected={props.offset + index === props.selectedIndex}
					/>
				);
			})}
		</Box>
	);
}

import {Box, Text} from 'ink';
import type {ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {containerCells, headerCells, type Column, type ColumnSpec} from './columns.js';
import {accent, color, healthColor, stateColor, stateGlyph} from '../../components/theme.js';
import {ContainerRow} from './row.js';

export interface ContainerTableProps {
	readonly containers: readonly ContainerSummary[];
	readonly stats: ReadonlyMap<string, StatsSample>;
	readonly layout: readonly ColumnSpec[];
	readonly selectedIndex: number;
	readonly offset: number;
	readonly height: number;
	readonly emptyText: string;
	/** CPU sparkline per container id, when the layout has the column. */
	readonly trends?: ReadonlyMap<string, string>;
	/** Ids marked with space. */
	readonly marked?: ReadonlySet<string>;
	/** The status words to show now; the list's own words without it. */
	readonly statusOf?: (container: ContainerSummary) => string;
	/** A header line to draw above these container ids (grouped by project); `offset` then counts lines, headers too. */
	readonly headers?: ReadonlyMap<string, string>;
}

type Line = {readonly kind: 'header'; readonly text: string; readonly key: string} | {readonly kind: 'row'; readonly container: ContainerSummary; readonly index: number};

/** The lines of the table body: one per container, and each header above its container. */
export function tableLines(containers: readonly ContainerSummary[], headers: ReadonlyMap<string, string> | undefined): readonly Line[] {
	return containers.flatMap((container, index): Line[] => {
		const header = headers?.get(container.id);
		const row: Line = {kind: 'row', container, index};
		return header === undefined ? [row] : [{kind: 'header', text: header, key: `header:${container.id}`}, row];
	});
}

const numberColumns: ReadonlySet<Column> = new Set(['cpu', 'memory', 'net', 'block', 'trend']);

export function ContainerTable(props: ContainerTableProps) {
	const visible = tableLines(props.containers, props.headers).slice(props.offset, props.offset + Math.max(0, props.height));
	return (
		<Box flexDirection="column" height={props.height + 1}>
			<Text bold wrap="truncate-end">{'  ' + headerCells(props.layout)}</Text>
			{visible.length === 0 ? <Text dimColor>{props.emptyText}</Text> : null}
			{visible.map(line => {
				if (line.kind === 'header') return <Text key={line.key} bold color={color(accent)} wrap="truncate-end">{`▾ ${line.text}`}</Text>;
				const {container, index} = line;
				const allCells = containerCells(container, props.stats.get(container.id), props.layout, props.trends?.get(container.id), props.statusOf?.(container));
				const numbersAt = allCells.findIndex(cell => numberColumns.has(cell.column));
				const cells = numbersAt <= 0 ? allCells : allCells.slice(0, numbersAt);
				const numbers = numbersAt <= 0 ? '' : allCells.slice(numbersAt).map(cell => ' ' + cell.text).join('');
				const healthAt = cells.findIndex(cell => cell.column === 'health');
				const before = healthAt === -1 ? cells : cells.slice(0, healthAt);
				const after = healthAt === -1 ? [] : cells.slice(healthAt + 1);
				const lead = before.map(cell => cell.text + ' ').join('');
				const trail = after.map(cell => ' ' + cell.text).join('');
				return (
					<ContainerRow
						key={container.id}
						glyph={stateGlyph[container.state]}
						glyphColor={stateColor[container.state]}
						lead={lead}
						health={healthAt === -1 ? '' : (cells[healthAt]?.text ?? '')}
						healthColor={healthColor[container.health]}
						trail={healthAt === -1 ? trail.trimStart() : trail}
						numbers={numbers}
						isSelected={index === props.selectedIndex}
						isMarked={props.marked?.has(container.id) ?? false}
					/>
				);
			})}
		</Box>
	);
}

import {Box, Text} from 'ink';
import type {ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {containerCells, headerCells, type Column, type ColumnSpec} from './columns.js';
import {healthColor, stateColor, stateGlyph} from '../../components/theme.js';
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
}

const numberColumns: ReadonlySet<Column> = new Set(['cpu', 'memory', 'net', 'block', 'trend']);

export function ContainerTable(props: ContainerTableProps) {
	const visible = props.containers.slice(props.offset, props.offset + Math.max(0, props.height));
	return (
		<Box flexDirection="column" height={props.height + 1}>
			<Text bold wrap="truncate-end">{'  ' + headerCells(props.layout)}</Text>
			{visible.length === 0 ? <Text dimColor>{props.emptyText}</Text> : null}
			{visible.map((container, index) => {
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
						isSelected={props.offset + index === props.selectedIndex}
						isMarked={props.marked?.has(container.id) ?? false}
					/>
				);
			})}
		</Box>
	);
}

import chalk, {type ChalkInstance} from 'chalk';
import {Box, Text} from 'ink';
import {memo} from 'react';
import {color} from '../../components/theme.js';

export interface LogRowPart {
	readonly text: string;
	readonly isMatch: boolean;
}

export interface LogRow {
	readonly key: string;
	/** The cursor (›), a marked range (┃), or nothing. */
	readonly mark: ' ' | '›' | '┃';
	readonly isStderr: boolean;
	/** Container name in a merged view (only on a line's first row). */
	readonly name?: {readonly text: string; readonly color: string};
	readonly timestamp?: string;
	/** The text, split where search matches are highlighted; may carry the log's own colours. */
	readonly parts: readonly LogRowPart[];
	readonly isCursor: boolean;
}

/** Colours for container names in a merged view, picked by position. */
export const namePalette = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'redBright', 'cyanBright', 'magentaBright'] as const;

function paint(name: string): ChalkInstance | undefined {
	const wanted = color(name);
	return wanted ? (chalk as unknown as Record<string, ChalkInstance | undefined>)[wanted] : undefined;
}

/**
 * One row as one styled string. Ink gives every nested <Text> its own styling
 * pass and every row a layout node and a text measure; under a log flood every
 * row is new on every frame, so a row is one text node, styled here with the
 * same chalk Ink uses (and the same NO_COLOR rules, through theme.color).
 */
export function styleRow(row: LogRow): string {
	const cyan = paint('cyan');
	const red = paint('red');
	let out = cyan ? cyan.bold(row.mark) : chalk.bold(row.mark);
	out += row.isStderr ? (red ? red('▌') : '▌') : ' ';
	if (row.name) {
		const named = paint(row.name.color);
		out += `${named ? named(row.name.text) : row.name.text} `;
	}
	if (row.timestamp) out += `${chalk.dim(row.timestamp)} `;
	const black = paint('black');
	const hasYellow = Boolean(color('yellow'));
	for (const part of row.parts) {
		if (part.isMatch) out += black && hasYellow ? black.bgYellow(part.text) : chalk.inverse(part.text);
		else out += row.isCursor ? chalk.bold(part.text) : part.text;
	}
	return out;
}

// Memoised on the row's content: a paused view redraws none of its rows while lines arrive below.
const Row = memo(function Row(props: {readonly row: LogRow}) {
	return <Text wrap="truncate-end">{styleRow(props.row)}</Text>;
}, (before, after) => sameRow(before.row, after.row));

function sameRow(a: LogRow, b: LogRow): boolean {
	if (a.mark !== b.mark || a.isStderr !== b.isStderr || a.isCursor !== b.isCursor || a.timestamp !== b.timestamp) return false;
	if (a.name?.text !== b.name?.text || a.name?.color !== b.name?.color || a.parts.length !== b.parts.length) return false;
	return a.parts.every((part, index) => part.text === b.parts[index]!.text && part.isMatch === b.parts[index]!.isMatch);
}

export function LogRows(props: {readonly rows: readonly LogRow[]; readonly height: number; readonly emptyText: string}) {
	if (props.rows.length === 0) {
		return <Box height={props.height}><Text dimColor>{props.emptyText}</Text></Box>;
	}
	return (
		// No overflow="hidden": rows never outnumber the height and each is truncated to the
		// width, and clipping would slice every row's ANSI text again on every frame.
		<Box flexDirection="column" height={props.height}>
			{props.rows.map(row => <Row key={row.key} row={row} />)}
		</Box>
	);
}

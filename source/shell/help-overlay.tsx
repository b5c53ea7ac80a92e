import {Box, Text} from 'ink';
import type {KeyBinding} from '../keys/keymap.js';
import {isRefused, keysOf} from '../keys/key-settings.js';
import {accent, color} from '../components/theme.js';

export interface HelpOverlayProps {
	readonly title: string;
	/** The pane's keys first, then the global ones; grouped in the order groups first appear. */
	readonly bindings: readonly KeyBinding[];
	readonly height: number;
	readonly width: number;
	/** First line shown when the list has to scroll. */
	readonly offset?: number;
}

const minColumnWidth = 30;

interface HelpLine {
	readonly key: string;
	readonly text: string;
	readonly isTitle?: boolean;
	/** Refused in read-only mode: shown, dimmed and said, so a person knows it exists. */
	readonly isUnavailable?: boolean;
}

function helpLines(bindings: readonly KeyBinding[]): readonly HelpLine[] {
	const keyWidth = Math.min(14, Math.max(...bindings.map(binding => keysOf(binding).join(' ').length)));
	const groups = [...new Set(bindings.map(binding => binding.group))];
	const lines: HelpLine[] = [];
	for (const group of groups) {
		lines.push({key: `group:${group}`, text: group, isTitle: true});
		for (const binding of bindings.filter(b => b.group === group)) {
			const when = binding.when ? ` (${binding.when})` : '';
			const isUnavailable = isRefused(binding);
			// The mark first: a long description is cut at the column's edge.
			const text = `  ${keysOf(binding).join(' ').padEnd(keyWidth)} ${isUnavailable ? '[read-only] ' : ''}${binding.description}${when}`;
			lines.push({key: `${group}:${binding.command}`, text, ...(isUnavailable ? {isUnavailable} : {})});
		}
	}
	return lines;
}

/** How far the help can scroll at this size: 0 when every line fits side by side. */
export function helpMaxOffset(bindings: readonly KeyBinding[], height: number, width: number): number {
	const lines = helpLines(bindings).length;
	const room = Math.max(1, height - 3);
	const fitting = Math.max(1, Math.floor((width - 4) / minColumnWidth));
	return lines <= room * fitting ? 0 : Math.max(0, lines - room);
}

/**
 * Generated from the keymap, so it cannot drift from what the keys do. As many
 * columns as the list needs while each keeps room for a key and most of its
 * words; when even those cannot hold it, one column that scrolls (j/k), so no
 * key is ever out of reach.
 */
export function HelpOverlay(props: HelpOverlayProps) {
	const lines = helpLines(props.bindings);
	const room = Math.max(1, props.height - 3);
	const maxOffset = helpMaxOffset(props.bindings, props.height, props.width);
	const offset = Math.min(Math.max(0, props.offset ?? 0), maxOffset);
	const columns = maxOffset > 0
		? [lines.slice(offset, offset + room)]
		: Array.from({length: Math.ceil(lines.length / room)}, (_, index) => lines.slice(index * room, (index + 1) * room));
	const where = maxOffset > 0 ? `  j/k scroll · ${offset + 1}-${Math.min(lines.length, offset + room)} of ${lines.length}` : '';
	return (
		<Box flexDirection="column" height={props.height} borderStyle="round" borderColor={color(accent)} paddingX={1}>
			<Text bold wrap="truncate-end">{`Keys: ${props.title}`}  <Text dimColor>{`(? or Esc to close)${where}`}</Text></Text>
			<Box>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" flexGrow={1} flexBasis={0}>
						{column.map(line => (
							<Text key={line.key} bold={line.isTitle} dimColor={line.isUnavailable} color={line.isTitle ? color(accent) : undefined} wrap="truncate-end">{line.text}</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}

import {Box, Text} from 'ink';
import type {KeyBinding} from '../keymap.js';
import {accent, color} from '../theme.js';

export interface HelpOverlayProps {
	readonly title: string;
	/** The pane's keys first, then the global ones; grouped in the order groups first appear. */
	readonly bindings: readonly KeyBinding[];
	readonly height: number;
	readonly width: number;
}

const minColumnWidth = 30;

/** Generated from the keymap, so it cannot drift from what the keys do. */
export function HelpOverlay(props: HelpOverlayProps) {
	const keyWidth = Math.min(14, Math.max(...props.bindings.map(binding => binding.keys.join(' ').length)));
	const groups = [...new Set(props.bindings.map(binding => binding.group))];
	const lines: Array<{readonly key: string; readonly text: string; readonly isTitle?: boolean}> = [];
	for (const group of groups) {
		lines.push({key: `group:${group}`, text: group, isTitle: true});
		for (const binding of props.bindings.filter(b => b.group === group)) {
			const when = binding.when ? ` (${binding.when})` : '';
			lines.push({key: `${group}:${binding.command}`, text: `  ${binding.keys.join(' ').padEnd(keyWidth)} ${binding.description}${when}`});
		}
	}
	const room = Math.max(1, props.height - 3);
	// As many columns as the list needs, while each keeps room for a key and most of its words;
	// what still does not fit is counted, never silently dropped.
	const fitting = Math.max(1, Math.floor((props.width - 4) / minColumnWidth));
	const wanted = Math.ceil(lines.length / room);
	const count = Math.min(wanted, fitting);
	const columns = Array.from({length: count}, (_, index) => lines.slice(index * room, (index + 1) * room));
	const hidden = lines.length - count * room;
	if (hidden > 0) columns[count - 1] = [...(columns[count - 1] ?? []).slice(0, -1), {key: 'more', text: `… ${hidden + 1} more: a taller or wider terminal shows them`}];
	return (
		<Box flexDirection="column" height={props.height} borderStyle="round" borderColor={color(accent)} paddingX={1}>
			<Text bold wrap="truncate-end">{`Keys: ${props.title}`}  <Text dimColor>(? or Esc to close)</Text></Text>
			<Box>
				{columns.map((column, index) => (
					<Box key={index} flexDirection="column" flexGrow={1} flexBasis={0}>
						{column.map(line => (
							<Text key={line.key} bold={line.isTitle} color={line.isTitle ? color(accent) : undefined} wrap="truncate-end">{line.text}</Text>
						))}
					</Box>
				))}
			</Box>
		</Box>
	);
}

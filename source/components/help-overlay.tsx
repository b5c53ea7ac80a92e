import {Box, Text} from 'ink';
import type {KeyBinding} from '../keymap.js';
import {accent, color} from '../theme.js';

export interface HelpOverlayProps {
	readonly title: string;
	/** The pane's keys first, then the global ones; grouped in the order groups first appear. */
	readonly bindings: readonly KeyBinding[];
	readonly height: number;
}

/** Generated from the keymap, so it cannot drift from what the keys do. */
export function HelpOverlay(props: HelpOverlayProps) {
	const groups = [...new Set(props.bindings.map(binding => binding.group))];
	const lines: Array<{readonly key: string; readonly text: string; readonly isTitle?: boolean}> = [];
	for (const group of groups) {
		lines.push({key: `group:${group}`, text: group, isTitle: true});
		for (const binding of props.bindings.filter(b => b.group === group)) {
			const when = binding.when ? ` (${binding.when})` : '';
			lines.push({key: `${group}:${binding.command}`, text: `  ${binding.keys.join(' ').padEnd(16)} ${binding.description}${when}`});
		}
	}
	const room = Math.max(0, props.height - 3);
	// Two columns when the list is taller than the room, so nothing is cut on an ordinary terminal.
	const columns = lines.length > room && room > 0 ? [lines.slice(0, room), lines.slice(room, room * 2)] : [lines.slice(0, room)];
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

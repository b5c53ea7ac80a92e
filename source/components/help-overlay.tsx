import {Box, Text} from 'ink';
import {keymap, type KeyGroup} from '../keymap.js';
import {accent, color} from '../theme.js';

const groups: readonly KeyGroup[] = ['Navigation', 'View', 'Container actions', 'General'];

/** Generated from the keymap, so it cannot drift from what the keys do. */
export function HelpOverlay(props: {readonly height: number}) {
	const lines: Array<{readonly key: string; readonly text: string; readonly isTitle?: boolean}> = [];
	for (const group of groups) {
		lines.push({key: group, text: group, isTitle: true});
		for (const binding of keymap.filter(b => b.group === group)) {
			const when = binding.when ? ` (${binding.when})` : '';
			lines.push({key: binding.command, text: `  ${binding.keys.join(' ').padEnd(16)} ${binding.description}${when}`});
		}
	}
	return (
		<Box flexDirection="column" height={props.height} borderStyle="round" borderColor={color(accent)} paddingX={1}>
			<Text bold>Keys  <Text dimColor>(? or Esc to close)</Text></Text>
			{lines.slice(0, Math.max(0, props.height - 3)).map(line => (
				<Text key={line.key} bold={line.isTitle} color={line.isTitle ? color(accent) : undefined} wrap="truncate-end">{line.text}</Text>
			))}
		</Box>
	);
}

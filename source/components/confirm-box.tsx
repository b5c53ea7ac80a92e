import {Box, Text} from 'ink';
import {moreText} from '../text/summarize.js';
import {color} from './theme.js';

export interface ConfirmBoxProps {
	readonly title: string;
	/** What the action touches, one per line; long lists are cut with a count. */
	readonly items?: readonly string[];
	readonly maxItems?: number;
	readonly lines?: readonly string[];
	readonly toggles?: ReadonlyArray<{readonly key: string; readonly label: string; readonly isOn: boolean}>;
	readonly verb: string;
}

/** A destructive action asks first: what would go, optional switches, y/Enter or n/Esc. */
export function ConfirmBox(props: ConfirmBoxProps) {
	const items = props.items ?? [];
	const max = props.maxItems ?? 8;
	const shown = items.slice(0, max);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
			<Text bold wrap="truncate-end">{props.title}</Text>
			{shown.map((item, index) => <Text key={index} wrap="truncate-end">{`  ${item}`}</Text>)}
			{items.length > max ? <Text dimColor wrap="truncate-end">{`  …${moreText(items.length - max)}`}</Text> : null}
			{(props.lines ?? []).map((line, index) => <Text key={`l${index}`} wrap="truncate-end">{line}</Text>)}
			{(props.toggles ?? []).map(toggle => <Text key={toggle.key} wrap="truncate-end">{`${toggle.isOn ? '[x]' : '[ ]'} ${toggle.key}  ${toggle.label}`}</Text>)}
			<Text wrap="truncate-end"><Text bold>y</Text>{`/Enter ${props.verb}   `}<Text bold>n</Text>/Esc cancel</Text>
		</Box>
	);
}

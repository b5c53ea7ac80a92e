import {Box, Text} from 'ink';
import {summarize} from '../text/summarize.js';
import {color} from './theme.js';

export interface ConfirmRemoveProps {
	/** The containers to remove: one, or the marked ones. */
	readonly names: readonly string[];
	readonly isRunning: boolean;
	readonly force: boolean;
	readonly volumes: boolean;
}

const check = (on: boolean) => (on ? '[x]' : '[ ]');
const shownNames = 5;

export function ConfirmRemove(props: ConfirmRemoveProps) {
	const several = props.names.length > 1;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
			<Text bold wrap="truncate-end">{several ? `Remove ${props.names.length} containers?` : `Remove container ${props.names[0] ?? ''}?`}</Text>
			{several ? <Text wrap="truncate-end">{`  ${summarize(props.names, shownNames)}`}</Text> : null}
			<Text>{`${check(props.force)} f  force: kill ${several ? 'them first if they are' : 'it first if it is'} running`}{props.isRunning && !props.force ? <Text color={color('yellow')}>  ({several ? 'some are' : 'it is'} running: needed)</Text> : null}</Text>
			<Text>{`${check(props.volumes)} v  also remove ${several ? 'their' : 'its'} anonymous volumes`}</Text>
			<Text><Text bold>y</Text>/Enter remove   <Text bold>n</Text>/Esc cancel</Text>
		</Box>
	);
}

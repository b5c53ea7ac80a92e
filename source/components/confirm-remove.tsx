import {Box, Text} from 'ink';
import {color} from '../theme.js';

export interface ConfirmRemoveProps {
	readonly name: string;
	readonly isRunning: boolean;
	readonly force: boolean;
	readonly volumes: boolean;
}

const check = (on: boolean) => (on ? '[x]' : '[ ]');

export function ConfirmRemove(props: ConfirmRemoveProps) {
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color('red')} paddingX={1}>
			<Text bold wrap="truncate-end">{`Remove container ${props.name}?`}</Text>
			<Text>{`${check(props.force)} f  force: kill it first if it is running`}{props.isRunning && !props.force ? <Text color={color('yellow')}>  (it is running: needed)</Text> : null}</Text>
			<Text>{`${check(props.volumes)} v  also remove its anonymous volumes`}</Text>
			<Text><Text bold>y</Text>/Enter remove   <Text bold>n</Text>/Esc cancel</Text>
		</Box>
	);
}

import {Text} from 'ink';
import {accent, color} from './theme.js';

export type Tone = 'info' | 'error' | 'progress';

export interface StatusMessage {
	readonly text: string;
	readonly tone: Tone;
}

export type StatusLineProps =
	// error: why Enter was refused, shown in place of the hint while the draft stays to be fixed.
	| {readonly kind: 'input'; readonly prompt: string; readonly value: string; readonly hint: string; readonly error?: string}
	| {readonly kind: 'message'; readonly message: StatusMessage}
	| {readonly kind: 'hints'; readonly hints: string};

const toneColor: Readonly<Record<Tone, string>> = {info: 'green', error: 'red', progress: 'yellow'};

export function StatusLine(props: StatusLineProps) {
	switch (props.kind) {
		case 'input':
			return (
				<Text wrap="truncate-end">
					<Text color={color(accent)} bold>{props.prompt}</Text>
					{props.value}
					<Text inverse> </Text>
					{props.error
						? <Text color={color(toneColor.error)}>{`  ${props.error}`}</Text>
						: <Text dimColor>{`  ${props.hint}`}</Text>}
				</Text>
			);
		case 'message':
			return <Text color={color(toneColor[props.message.tone])} wrap="truncate-end">{props.message.text}</Text>;
		case 'hints':
			return <Text dimColor wrap="truncate-end">{props.hints}</Text>;
	}
}

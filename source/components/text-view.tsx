import {Box, Text} from 'ink';
import {accent, color} from './theme.js';

export interface TextViewProps {
	readonly title: string;
	readonly lines: readonly string[];
	readonly top: number;
	/** Rows for the text; the title takes one more. */
	readonly height: number;
	readonly search: string;
	readonly matches: readonly number[];
	readonly hint?: string;
}

/** A titled window onto lines of plain (already sanitised) text; search matches are highlighted. */
export function TextView(props: TextViewProps) {
	const room = Math.max(1, props.height);
	const visible = props.lines.slice(props.top, props.top + room);
	const matches = new Set(props.matches);
	const position = props.lines.length > room ? `  ${props.top + 1}-${Math.min(props.lines.length, props.top + room)}/${props.lines.length}` : '';
	return (
		<Box flexDirection="column" height={room + 1}>
			<Text wrap="truncate-end">
				<Text bold color={color(accent)}>{props.title}</Text>
				<Text dimColor>{position}{props.search ? `  /${props.search}: ${props.matches.length} match${props.matches.length === 1 ? '' : 'es'}` : ''}{props.hint ? `  ${props.hint}` : ''}</Text>
			</Text>
			{visible.map((line, index) => (
				<Text key={props.top + index} wrap="truncate-end" inverse={matches.has(props.top + index)}>{line || ' '}</Text>
			))}
		</Box>
	);
}

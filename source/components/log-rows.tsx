import {Box, Text} from 'ink';
import {color} from '../theme.js';

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

export function LogRows(props: {readonly rows: readonly LogRow[]; readonly height: number; readonly emptyText: string}) {
	if (props.rows.length === 0) {
		return <Box height={props.height}><Text dimColor>{props.emptyText}</Text></Box>;
	}
	return (
		// No overflow="hidden": rows never outnumber the height and each is truncated to the
		// width, and clipping would slice every row's ANSI text again on every frame.
		<Box flexDirection="column" height={props.height}>
			{props.rows.map(row => (
				<Box key={row.key} height={1}>
					<Text wrap="truncate-end">
						<Text color={color('cyan')} bold>{row.mark}</Text>
						{/* stderr keeps a gutter mark even without colour */}
						<Text color={color('red')}>{row.isStderr ? '▌' : ' '}</Text>
						{row.name ? <Text color={color(row.name.color)}>{row.name.text} </Text> : null}
						{row.timestamp ? <Text dimColor>{row.timestamp} </Text> : null}
						{row.parts.map((part, index) => (part.isMatch
							? <Text key={index} color={color('black')} backgroundColor={color('yellow')} inverse={!color('yellow')}>{part.text}</Text>
							: <Text key={index} bold={row.isCursor}>{part.text}</Text>))}
					</Text>
				</Box>
			))}
		</Box>
	);
}

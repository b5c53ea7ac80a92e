import {Box, Text} from 'ink';
import {memo} from 'react';
import {color, selectedStyle} from '../../components/theme.js';

export interface ContainerRowProps {
	readonly glyph: string;
	readonly glyphColor: string;
	/** Cells before the health column, already fitted and joined. */
	readonly lead: string;
	readonly health: string;
	readonly healthColor: string;
	readonly trail: string;
	/** The stats cells (CPU onwards), which change every second. */
	readonly numbers: string;
	readonly isSelected: boolean;
	/** Marked with space (e.g. for merged logs). */
	readonly isMarked?: boolean;
}

// Few, stable text segments per row: a row whose numbers did not change renders
// to the same strings, so React skips it and Ink reuses its text. The numbers are
// their own text node: when only they change, the rest of the row (name, image,
// status) is still the same line to Ink and is not tokenised again.
export const ContainerRow = memo(function ContainerRow(props: ContainerRowProps) {
	const names = (
		<Text {...selectedStyle(props.isSelected)} wrap="truncate-end">
			<Text color={color(props.glyphColor)}>{props.glyph}</Text>
			{props.isMarked ? <Text color={color('cyan')} bold>*</Text> : ' '}
			{props.lead}
			{props.health ? <Text color={color(props.healthColor)}>{props.health}</Text> : null}
			{props.trail}
		</Text>
	);
	if (!props.numbers) return names;
	return (
		<Box>
			{names}
			<Text {...selectedStyle(props.isSelected)} wrap="truncate-end">{props.numbers}</Text>
		</Box>
	);
});

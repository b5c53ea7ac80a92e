import {Box, Text} from 'ink';
import {memo} from 'react';
import {chartLines} from '../../components/chart-model.js';
import type {ChartSpec} from './detail-model.js';
import {color, colorOpen, isColorEnabled} from '../../components/theme.js';

export interface StatsChartProps {
	readonly spec: ChartSpec;
	readonly width: number;
	/** Rows of plot; 0 shows only the title line (a tiny terminal). */
	readonly height: number;
	/** Said where the plot goes while there are no samples; by default that they are on their way. */
	readonly emptyText?: string;
}

// Roles, so a theme or `colors: {chart1: …}` reaches the plot and its legend alike.
const seriesRoles = ['chart1', 'chart2'];

/** A title with the current value and peak, and an asciichart plot of the window below it. */
export const StatsChart = memo(function StatsChart(props: StatsChartProps) {
	const {spec} = props;
	const lines = props.height > 0
		? chartLines(spec.series, {
			width: props.width,
			height: props.height,
			labelWidth: 9,
			format: spec.format,
			...(spec.minTop === undefined ? {} : {minTop: spec.minTop}),
			...(spec.maxTop === undefined ? {} : {maxTop: spec.maxTop}),
			...(isColorEnabled() ? {colors: seriesRoles.map(colorOpen)} : {}),
		})
		: [];
	return (
		<Box flexDirection="column" width={props.width} height={props.height + 1}>
			<Text wrap="truncate-end">
				<Text bold>{spec.title}</Text>
				{spec.legend.map((name, index) => (
					<Text key={name} color={color(seriesRoles[index] ?? 'chart1')}>{` ${name}${isColorEnabled() ? '' : index === 0 ? '(upper)' : ''}`}</Text>
				))}
				<Text dimColor>{`  ${spec.summary}`}</Text>
			</Text>
			{props.height > 0 && lines.length === 0 ? <Text dimColor>{`  ${props.emptyText ?? 'collecting samples…'}`}</Text> : null}
			{lines.map((line, index) => <Text key={index} wrap="truncate-end">{line}</Text>)}
		</Box>
	);
});

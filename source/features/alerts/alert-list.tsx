import {Box, Text} from 'ink';
import type {Alert} from '../../engine/alerts/alerts.js';
import {alertCells, alertColor} from './alert-view.js';
import {color, selectedStyle} from '../../components/theme.js';

export interface AlertListProps {
	/** Newest first. */
	readonly alerts: readonly Alert[];
	readonly selectedIndex: number;
	readonly offset: number;
	readonly height: number;
	readonly width: number;
	readonly emptyText: string;
}

export function AlertList(props: AlertListProps) {
	const visible = props.alerts.slice(props.offset, props.offset + Math.max(0, props.height));
	return (
		<Box flexDirection="column" height={props.height}>
			{visible.length === 0 ? <Text dimColor>{props.emptyText}</Text> : null}
			{visible.map((alert, index) => {
				const cells = alertCells(alert, props.width);
				return (
					<Text key={alert.seq} {...selectedStyle(props.offset + index === props.selectedIndex)} wrap="truncate-end">
						<Text dimColor>{cells.time}</Text>
						{' '}
						<Text color={color(alertColor[alert.kind])} bold>{cells.kind}</Text>
						{' '}
						{cells.message}
					</Text>
				);
			})}
		</Box>
	);
}

// A container's health check and its last results, from inspect. Standalone:
// the alert list embeds it under a selected alert, and a detail view can too
// (give it useContainerHealth(docker, id) and the room it may use).
import {Box, Text} from 'ink';
import type {ContainerHealth} from '../../engine/resources/health.js';
import {fitCell, truncateText} from '../../text/cells.js';
import {clockTime} from '../../text/event-line.js';
import {color, healthColor} from '../../components/theme.js';

export interface HealthPanelProps {
	readonly health: ContainerHealth | undefined;
	readonly error?: string | undefined;
	readonly width: number;
	/** Rows it may use; results beyond them are left out (newest kept). */
	readonly height: number;
}

function seconds(ms: number | undefined, fallback: string): string {
	if (ms === undefined) return fallback;
	return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}

/** The check's settings in one line, with the engine's defaults where unset. */
export function checkSummary(health: ContainerHealth): string {
	const config = health.config;
	if (!config) return 'no health check';
	const test = config.command ?? config.test.join(' ');
	return `${test} · every ${seconds(config.intervalMs, '30s')} · timeout ${seconds(config.timeoutMs, '30s')} · ${config.retries ?? 3} retries · start period ${seconds(config.startPeriodMs, '0s')}`;
}

export function HealthPanel(props: HealthPanelProps) {
	const {health, width} = props;
	if (!health) return <Text dimColor wrap="truncate-end">{props.error ? `Health: ${props.error}` : 'Health: reading…'}</Text>;
	if (!health.config) return <Text dimColor wrap="truncate-end">{`Health: ${health.name} has no health check.`}</Text>;
	const status = health.status as keyof typeof healthColor;
	const results = health.results.slice(-Math.max(0, props.height - 3)).reverse();
	return (
		<Box flexDirection="column" width={width}>
			<Text wrap="truncate-end">
				<Text bold>Health </Text>
				{health.name}
				{'  '}
				<Text color={color(healthColor[status] ?? 'gray')} bold>{health.status}</Text>
				{health.failingStreak > 0 ? <Text color={color('red')}>{`  failing ${health.failingStreak}×`}</Text> : null}
			</Text>
			<Text wrap="truncate-end" dimColor>{truncateText(`Check  ${checkSummary(health)}`, width)}</Text>
			{results.length === 0 ? <Text dimColor>No results yet.</Text> : <Text dimColor>{'Last results (newest first)'}</Text>}
			{results.map(result => (
				<Text key={`${result.start}`} wrap="truncate-end">
					{`${clockTime(result.start)}  `}
					<Text color={color(result.exitCode === 0 ? 'green' : 'red')}>{fitCell(`exit ${result.exitCode}`, 7)}</Text>
					{`  ${fitCell(seconds(Math.max(0, result.end - result.start), '?'), 6)}  `}
					<Text dimColor>{truncateText(result.output || '(no output)', Math.max(0, width - 28))}</Text>
				</Text>
			))}
		</Box>
	);
}

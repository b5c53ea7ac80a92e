import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {HealthPanel} from './health-panel.js';
import {StatsChart} from './stats-chart.js';
import {isActive} from '../containers/columns.js';
import {chartGrid, chartSettings, chartWindows, detailCharts, formatWindow, limitsLine} from './detail-model.js';
import {sanitizeInline} from '../../text/sanitize.js';
import {useEngine, useEngineStats, useEngineStatusWords} from '../../hooks/engine-context.js';
import {useContainerHealth} from './use-container-health.js';
import {useContainerLimits} from './use-container-limits.js';
import {useKnownContainers} from '../../hooks/use-known-containers.js';
import {detailKeys} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {stateColor, stateGlyph, color, accent} from '../../components/theme.js';
import {usePaneKeys, type PaneProps} from '../../components/pane.js';

/** Live charts of one container (params: {containerId}), drawn from the history the stats hub already keeps. */
export function DetailPane(props: PaneProps) {
	const {docker, containers, statsHub, host, connection} = useEngine();
	const stats = useEngineStats();
	const statusWords = useEngineStatusWords();
	const id = typeof props.params['containerId'] === 'string' ? props.params['containerId'] : '';
	const container = containers.find(c => c.id === id);
	const known = useKnownContainers(containers, [id]).get(id);
	const [windowIndex, setWindowIndex] = useState(chartSettings.windowIndex);
	const windowSeconds = chartWindows[windowIndex] ?? 120;
	const {limits, error} = useContainerLimits(docker, id, container ? `${container.state}|${container.status}` : 'gone');
	const sample = stats.get(id);
	// Only a container with a health check pays for the inspect and the events that keep its results current.
	const hasHealthCheck = container !== undefined && container.health !== 'none';
	const {health, error: healthError} = useContainerHealth(docker, hasHealthCheck ? id : undefined);

	usePaneKeys(props, (input, key) => {
		const command = commandFor({input, ...key}, detailKeys);
		if (command === 'widerWindow') setWindowIndex(index => Math.min(chartWindows.length - 1, index + 1));
		else if (command === 'narrowerWindow') setWindowIndex(index => Math.max(0, index - 1));
		return command !== undefined;
	});

	// Recomputed when a new batch of samples arrives (stats changes), not on every render.
	const charts = useMemo(
		() => detailCharts(statsHub.history(id), sample, limits, windowSeconds),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- `stats` is the signal that the hub's history moved on
		[statsHub, id, sample, limits, windowSeconds, stats],
	);

	if (!id) return <Text color={color('red')}>No container given.</Text>;
	const name = known?.name ?? id.slice(0, 12);
	const state = container?.state;
	// The health check and its last results sit under the charts when there is one and room for it.
	const healthRows = hasHealthCheck && props.height >= 16 ? Math.min(8, Math.floor(props.height / 4)) : 0;
	const infoHeight = 3 + healthRows;
	const grid = chartGrid(props.width, props.height - infoHeight);
	const chartWidth = Math.floor(props.width / grid.columns) - (grid.columns > 1 ? 1 : 0);
	const rows = grid.columns === 2 ? [charts.slice(0, 2), charts.slice(2, 4)] : charts.map(chart => [chart]);
	const status = container ? sanitizeInline(statusWords.of(container)) : connection.status === 'lost' ? 'engine unreachable' : 'gone (removed)';
	// A container that is not running sends no samples: say so rather than wait for them.
	const emptyText = container && isActive(container.state) ? undefined : 'no samples: not running';

	return (
		<Box flexDirection="column" height={props.height} width={props.width}>
			<Text wrap="truncate-end">
				<Text color={color(state ? stateColor[state] : 'gray')}>{state ? stateGlyph[state] : '✗'}</Text>
				{' '}
				<Text bold color={color(accent)}>{name}</Text>
				<Text dimColor>{`  ${status}  ${known?.image ?? ''}  · window ${formatWindow(windowSeconds)} ([ ] change)`}</Text>
			</Text>
			<Text wrap="truncate-end" dimColor={!limits}>{error && !limits ? `Cannot read limits: ${error}` : limitsLine(limits, sample, host?.memoryBytes)}</Text>
			<Text> </Text>
			{rows.map(row => (
				<Box key={row.map(chart => chart.key).join()} flexDirection="row">
					{row.map((chart, index) => (
						<Box key={chart.key} marginLeft={index > 0 ? 1 : 0}>
							<StatsChart spec={chart} width={chartWidth} height={grid.chartHeight} {...(emptyText ? {emptyText} : {})} />
						</Box>
					))}
				</Box>
			))}
			{healthRows > 0 ? <HealthPanel health={health} error={healthError} width={props.width} height={healthRows} /> : null}
		</Box>
	);
}

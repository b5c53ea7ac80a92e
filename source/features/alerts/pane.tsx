import {Box, Text, type Key} from 'ink';
import {useEffect, useRef} from 'react';
import {AlertList} from './alert-list.js';
import {HealthPanel} from '../detail/health-panel.js';
import {useAlerts} from './alerts-context.js';
import {useContainerHealth} from '../detail/use-container-health.js';
import {useEngine} from '../../hooks/engine-context.js';
import {alertsKeys, type AlertsCommand} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {moveSelection} from '../../components/selection.js';
import {accent, color} from '../../components/theme.js';
import {usePaneKeys, type PaneProps} from '../../components/pane.js';

const healthRows = 8;

export function AlertsPane(props: PaneProps) {
	const {docker} = useEngine();
	const alerts = useAlerts();
	const list = alerts.log.alerts;
	const selectedSeq = alerts.selectedSeq;
	const found = list.findIndex(alert => alert.seq === selectedSeq);
	const selectedIndex = found === -1 ? 0 : found;
	const selected = list[selectedIndex];
	// The health of the selected alert's container, for an unhealthy alert; inspected on demand.
	const healthId = selected?.kind === 'unhealthy' ? selected.containerId : undefined;
	const {health, error} = useContainerHealth(docker, healthId);
	const showHealth = healthId !== undefined && props.height >= healthRows + 6;
	const listHeight = Math.max(1, props.height - 1 - (showHealth ? healthRows + 1 : 0));
	const offsetRef = useRef(0);
	offsetRef.current = Math.min(Math.max(offsetRef.current, selectedIndex - listHeight + 1), Math.max(0, selectedIndex));

	// Looking at the list is seeing the alerts, including those that arrive while it is open.
	const {markSeen, unseen} = alerts;
	useEffect(() => {
		if (unseen > 0) markSeen();
	}, [markSeen, unseen]);

	const runCommand = (command: AlertsCommand) => {
		const current = selectedIndex;
		const moved = moveSelection(command, current, list.length, listHeight);
		if (moved !== undefined) {
			alerts.select(list[moved]?.seq);
			return;
		}
		if (command === 'toggleBell') {
			props.notify({text: alerts.isBellOn ? 'Bell off: new alerts no longer ring.' : 'Bell on: new alerts ring the terminal bell.', tone: 'info'});
			alerts.toggleBell();
			return;
		}
		if (command === 'clear') {
			alerts.clear();
			return;
		}
		const selected = list[current];
		if (!selected?.containerId) {
			props.notify({text: selected ? `This alert is about ${selected.key ? 'the Swarm' : 'the engine'}, not a container.` : 'No alert selected.', tone: 'error'});
			return;
		}
		if (command === 'logs') props.open({pane: 'logs', params: {containerIds: [selected.containerId]}});
		else if (command === 'container') props.open({pane: 'containers', params: {select: selected.containerId}});
		else if (command === 'events') props.open({pane: 'events', params: {filter: `name=${selected.name}`, since: '15m'}});
	};

	const handleKey = (input: string, key: Key): boolean => {
		const command = commandFor({input, ...key}, alertsKeys);
		if (!command) return false;
		runCommand(command);
		return true;
	};
	usePaneKeys(props, handleKey);

	return (
		<Box flexDirection="column" height={props.height}>
			<Text wrap="truncate-end">
				<Text bold color={color(accent)}>Alerts</Text>
				<Text dimColor>{` ${list.length}`}</Text>
				<Text dimColor>{`  bell ${alerts.isBellOn ? 'on' : 'off'} (b)`}</Text>
			</Text>
			<AlertList
				alerts={list}
				selectedIndex={selectedIndex}
				offset={offsetRef.current}
				height={listHeight}
				width={props.width}
				emptyText="  No alerts yet. One appears when a container is OOM-killed, exits non-zero on its own, turns unhealthy or restarts in a loop, or when the engine goes away."
			/>
			{showHealth ? <Box marginTop={1}><HealthPanel health={health} error={error} width={props.width} height={healthRows} /></Box> : null}
		</Box>
	);
}

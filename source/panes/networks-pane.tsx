import {Box, type Key} from 'ink';
import {useCallback, useRef, useState} from 'react';
import {ConfirmBox} from '../components/confirm-box.js';
import {FormPanel, PickPanel, TextPanel, type PickItem} from '../components/panels.js';
import {ResourceList} from '../components/resource-list.js';
import {connectContainer, createNetwork, disconnectContainer, inspectNetwork, listNetworks, removeNetwork, type NetworkSummary} from '../engine/networks.js';
import {networkColumns, networkDetailLines} from '../format/network-views.js';
import type {EventFilters} from '../engine/events.js';
import {useEngine} from '../hooks/engine-context.js';
import {useResourceList} from '../hooks/use-resource-list.js';
import {useResourceTable} from '../hooks/use-resource-table.js';
import {networksKeys, type NetworksCommand} from '../keys/networks-keys.js';
import {commandFor} from '../keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from './pane.js';
import {reportOutcome} from './report-outcome.js';
import {confirmKeys} from '../keys/confirm-keys.js';

type Mode =
	| {readonly kind: 'list'}
	| {readonly kind: 'text'; readonly title: string; readonly lines: readonly string[]}
	| {readonly kind: 'create'}
	| {readonly kind: 'remove'; readonly network: NetworkSummary}
	| {readonly kind: 'pick'; readonly action: 'connect' | 'disconnect'; readonly network: NetworkSummary; readonly items: readonly PickItem[]};

// Only the actions that change what the list shows (exec_* from health checks would re-list every interval).
const listEvents: EventFilters = {type: ['network', 'container'], event: ['create', 'destroy', 'remove', 'connect', 'disconnect', 'prune', 'start', 'die']};
const rowKey = (network: NetworkSummary) => network.id;

export function NetworksPane(props: PaneProps) {
	const {docker, containers} = useEngine();
	const {notify, setStatus} = props;
	const load = useCallback((signal: AbortSignal) => listNetworks(docker, signal), [docker]);
	const list = useResourceList(docker, load, listEvents);
	const [mode, setModeState] = useState<Mode>({kind: 'list'});
	const modeRef = useRef<Mode>(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
		if (next.kind === 'list') setStatus(undefined);
	};
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const tableHeight = Math.max(1, props.height - 2);
	const table = useResourceTable({rows: list.rows, columns: networkColumns, rowKey, width: props.width, height: tableHeight, setStatus, rememberAs: 'list'});
	const selected = table.selected;

	const act = (action: 'connect' | 'disconnect', network: NetworkSummary, item: PickItem) => {
		setMode({kind: 'list'});
		const run = action === 'connect' ? connectContainer : disconnectContainer;
		run(docker, network.id, item.id).then(
			() => {
				notify({text: `${action === 'connect' ? 'Connected' : 'Disconnected'} ${item.label} ${action === 'connect' ? 'to' : 'from'} ${network.name}.`, tone: 'info'});
				list.reload();
			},
			(error: Error) => notify({text: `Could not ${action} ${item.label}: ${error.message}`, tone: 'error'}),
		);
	};

	const runCommand = (command: NetworksCommand) => {
		if (command === 'create') return setMode({kind: 'create'});
		if (!selected) return notify({text: 'No network selected.', tone: 'error'});
		switch (command) {
			case 'inspect':
				inspectNetwork(docker, selected.id).then(
					// The list knows stopped members too; inspect only running ones, so the list's view is shown.
					detail => setMode({kind: 'text', title: `Network ${selected.name}`, lines: networkDetailLines({...detail, containers: selected.containers})}),
					(error: Error) => notify({text: error.message, tone: 'error'}),
				);
				return;
			case 'remove':
				if (selected.isBuiltin) return notify({text: `${selected.name} comes with the engine and cannot be removed.`, tone: 'error'});
				if (selected.containers.length > 0) return notify({text: `Network ${selected.name} has containers attached (${selected.containers.map(member => member.name).join(', ')}). Disconnect them first (x).`, tone: 'error'});
				return setMode({kind: 'remove', network: selected});
			case 'connect': {
				const attached = new Set(selected.containers.map(member => member.id));
				const items = containers.filter(container => !attached.has(container.id))
					.map(container => ({id: container.id, label: container.name, detail: `${container.state}  ${container.image}`}));
				return setMode({kind: 'pick', action: 'connect', network: selected, items});
			}
			case 'disconnect': {
				if (selected.containers.length === 0) return notify({text: `No container is attached to ${selected.name}.`, tone: 'error'});
				const items = selected.containers.map(member => ({id: member.id, label: member.name, detail: member.ipv4 || '-'}));
				return setMode({kind: 'pick', action: 'disconnect', network: selected, items});
			}
			default: return;
		}
	};

	const handleKey = (input: string, key: Key): boolean => {
		const current = modeRef.current;
		switch (current.kind) {
			case 'text':
				if (subKeys.current?.(input, key)) return true;
				if (key.escape) setMode({kind: 'list'});
				return key.escape;
			case 'create':
			case 'pick':
				return subKeys.current?.(input, key) ?? true;
			case 'remove': {
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer) setMode({kind: 'list'});
				if (answer === 'yes') {
					const {network} = current;
					reportOutcome(notify, removeNetwork(docker, network.id), () => `Removed network ${network.name}.`, error => `Could not remove ${network.name}: ${error.message}`);
				}
				return true;
			}
			case 'list': {
				if (table.handleKey(input, key)) return true;
				const command = commandFor({input, ...key}, networksKeys);
				if (!command) return false;
				runCommand(command);
				return true;
			}
		}
	};
	usePaneKeys(props, handleKey);

	const body = (() => {
		switch (mode.kind) {
			case 'text': return <TextPanel title={mode.title} lines={mode.lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="Esc back" />;
			case 'pick':
				return (
					<PickPanel
						title={mode.action === 'connect' ? `Connect a container to ${mode.network.name}` : `Disconnect a container from ${mode.network.name}`}
						items={mode.items}
						width={props.width}
						height={props.height}
						emptyText={mode.action === 'connect' ? '  Every container is already attached.' : '  Nothing attached.'}
						setStatus={setStatus}
						keysRef={subKeys}
						onPick={item => act(mode.action, mode.network, item)}
						onCancel={() => setMode({kind: 'list'})}
					/>
				);
			case 'create':
				return (
					<FormPanel
						setStatus={setStatus}
						height={props.height}
						title="Create a network"
						fields={[
							{kind: 'text', name: 'name', label: 'Name', value: ''},
							{kind: 'choice', name: 'driver', label: 'Driver', value: 'bridge', options: ['bridge', 'macvlan', 'ipvlan', 'overlay']},
							{kind: 'text', name: 'subnet', label: 'Subnet', value: '', placeholder: 'optional, e.g. 10.42.0.0/24'},
						]}
						keysRef={subKeys}
						onCancel={() => setMode({kind: 'list'})}
						onSubmit={values => {
							const name = String(values['name'] ?? '');
							createNetwork(docker, {name, driver: String(values['driver'] ?? ''), subnet: String(values['subnet'] ?? '')}).then(
								() => {
									setMode({kind: 'list'});
									notify({text: `Created network ${name.trim()}.`, tone: 'info'});
								},
								(error: Error) => notify({text: error.message, tone: 'error'}),
							);
						}}
					/>
				);
			case 'remove':
				return <ConfirmBox title={`Remove network ${mode.network.name}?`} lines={[`${mode.network.driver}  ${mode.network.subnets.join(', ')}`]} verb="remove" />;
			case 'list': return <ResourceList title="Networks" noun="network" list={list} table={table} rowKey={rowKey} height={tableHeight} glyph={network => (network.containers.length > 0 ? {text: '●', color: 'green'} : {text: '○', color: 'gray'})} />;
		}
	})();

	return (
		<Box flexDirection="column" height={props.height}>
			{body}
		</Box>
	);
}

import type {ResourceSpec} from '../../components/resource-spec.js';
import {connectContainer, createNetwork, disconnectContainer, inspectNetwork, listNetworks, removeNetwork, type NetworkSummary} from '../../engine/resources/networks.js';
import {networkColumns, networkDetailLines} from './columns.js';
import {previewNetworkPrune, pruneNetworks} from '../../engine/resources/container-prune.js';
import type {PruneItem} from '../../engine/resources/system.js';

export const networksSpec: ResourceSpec<NetworkSummary> = {
	commandValues: network => ({ID: network.id, Name: network.name, Image: '', Project: ''}),
	name: 'networks',
	aliases: ['network', 'net', 'ne'],
	hints: '? help  / filter  Enter inspect  c create  d remove  C connect  x disconnect  X prune  N/D/U sort',
	title: 'Networks',
	noun: 'network',
	group: 'Network actions',
	load: (docker, signal) => listNetworks(docker, signal),
	refreshOn: {type: ['network', 'container'], event: ['create', 'destroy', 'remove', 'connect', 'disconnect', 'prune', 'start', 'die']},
	rowKey: network => network.id,
	columns: () => networkColumns,
	sortHelp: {name: 'name', driver: 'driver', attached: 'attached containers'},
	glyph: network => (network.containers.length > 0 ? {text: '●', color: 'green'} : {text: '○', color: 'gray'}),
	actions: [
		{
			id: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: subnets, gateways, containers with addresses', kind: 'text',
			// The list knows stopped members too; inspect only running ones, so the list's view is shown.
			open: async ({docker}, network) => ({title: `Network ${network.name}`, lines: networkDetailLines({...await inspectNetwork(docker, network.id), containers: network.containers})}),
		},
		{
			id: 'create', keys: ['c'], description: 'Create a network (name, driver, subnet)', kind: 'form', needsRow: false,
			title: () => 'Create a network',
			fields: () => [
				{kind: 'text', name: 'name', label: 'Name', value: ''},
				{kind: 'choice', name: 'driver', label: 'Driver', value: 'bridge', options: ['bridge', 'macvlan', 'ipvlan', 'overlay']},
				{kind: 'text', name: 'subnet', label: 'Subnet', value: '', placeholder: 'optional, e.g. 10.42.0.0/24'},
			],
			submit: async ({docker}, values) => {
				const name = String(values['name'] ?? '');
				await createNetwork(docker, {name, driver: String(values['driver'] ?? ''), subnet: String(values['subnet'] ?? '')});
				return `Created network ${name.trim()}.`;
			},
		},
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first)', when: 'not bridge, host or none', kind: 'confirm',
			refuse: network => (network.isBuiltin
				? `${network.name} comes with the engine and cannot be removed.`
				: network.containers.length > 0 ? `Network ${network.name} has containers attached (${network.containers.map(member => member.name).join(', ')}). Disconnect them first (x).` : undefined),
			title: network => `Remove network ${network.name}?`,
			lines: network => [`${network.driver}  ${network.subnets.join(', ')}`],
			verb: 'remove',
			run: async ({docker}, network) => {
				await removeNetwork(docker, network.id);
				return `Removed network ${network.name}.`;
			},
			failed: (network, error) => `Could not remove ${network.name}: ${error.message}`,
		},
		{
			id: 'connect', keys: ['C'], description: 'Connect a container, chosen from a list', kind: 'pick',
			title: network => `Connect a container to ${network.name}`,
			emptyText: '  Every container is already attached.',
			items: ({containers}, network) => {
				const attached = new Set(network.containers.map(member => member.id));
				return containers.filter(container => !attached.has(container.id)).map(container => ({id: container.id, label: container.name, detail: `${container.state}  ${container.image}`}));
			},
			run: async ({docker}, network, item) => {
				await connectContainer(docker, network.id, item.id);
				return `Connected ${item.label} to ${network.name}.`;
			},
			failed: (_network, item, error) => `Could not connect ${item.label}: ${error.message}`,
		},
		{
			id: 'disconnect', keys: ['x'], description: 'Disconnect an attached container, chosen from a list', kind: 'pick',
			refuse: network => (network.containers.length === 0 ? `No container is attached to ${network.name}.` : undefined),
			title: network => `Disconnect a container from ${network.name}`,
			emptyText: '  Nothing attached.',
			items: (_context, network) => network.containers.map(member => ({id: member.id, label: member.name, detail: member.ipv4 || '-'})),
			run: async ({docker}, network, item) => {
				await disconnectContainer(docker, network.id, item.id);
				return `Disconnected ${item.label} from ${network.name}.`;
			},
			failed: (_network, item, error) => `Could not disconnect ${item.label}: ${error.message}`,
		},
	],
	prune: {
		id: 'prune', keys: ['X'], description: 'Prune unused networks (no running container attached): lists them, then asks',
		preview: ({docker}) => previewNetworkPrune(docker),
		run: ({docker}) => pruneNetworks(docker),
		count: (preview: readonly PruneItem[]) => preview.length,
		progress: 'Pruning unused networks…',
		done: (deleted: readonly string[]) => `Pruned ${deleted.length} network${deleted.length === 1 ? '' : 's'}${deleted.length > 0 ? `: ${deleted.join(', ')}` : ''}.`,
		title: (_context, preview: readonly PruneItem[]) => (preview.length === 0
			? 'Nothing to prune: every network is in use or comes with the engine.'
			: `Remove ${preview.length} unused network${preview.length === 1 ? '' : 's'}?`),
		items: (preview: readonly PruneItem[]) => preview.map(network => network.name),
	},
};

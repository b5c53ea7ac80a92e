import type {NetworkSummary} from '../../engine/resources/networks.js';
import type {ResourceColumn} from '../../components/resource-table-model.js';

export const networkColumns: readonly ResourceColumn<NetworkSummary>[] = [
	{id: 'name', title: 'NAME', width: 14, grow: 2, sortKey: 'N', text: network => network.name},
	{id: 'id', title: 'NETWORK ID', width: 12, dropOrder: 1, text: network => network.shortId},
	{id: 'driver', title: 'DRIVER', width: 8, sortKey: 'D', text: network => network.driver},
	{id: 'scope', title: 'SCOPE', width: 6, dropOrder: 2, text: network => network.scope},
	{id: 'subnet', title: 'SUBNET', width: 16, dropOrder: 3, text: network => network.subnets.join(', ') || '-'},
	{id: 'gateway', title: 'GATEWAY', width: 12, dropOrder: 0, text: network => network.gateways.join(', ') || '-'},
	{id: 'attached', title: 'CONTAINERS', width: 14, grow: 2, sortKey: 'U', text: network => network.containers.map(member => `${member.name}${member.ipv4 ? ` ${member.ipv4}` : ''}`).join(', ') || '-', sortValue: network => network.containers.length},
];

export function networkDetailLines(network: NetworkSummary): string[] {
	const list = (values: readonly string[]) => (values.length === 0 ? ['  -'] : values.map(value => `  ${value}`));
	return [
		`Name:      ${network.name}`,
		`ID:        ${network.id}`,
		`Driver:    ${network.driver}`,
		`Scope:     ${network.scope}`,
		`Internal:  ${network.isInternal ? 'yes' : 'no'}`,
		`Created:   ${network.createdAt}`,
		'Subnets:', ...list(network.subnets),
		'Gateways:', ...list(network.gateways),
		`Containers (${network.containers.length}):`, ...list(network.containers.map(member => `${member.name}  ${member.ipv4 || '-'}${member.ipv6 ? `  ${member.ipv6}` : ''}`)),
		'Labels:', ...list(Object.entries(network.labels).map(([key, value]) => `${key}=${value}`)),
	];
}

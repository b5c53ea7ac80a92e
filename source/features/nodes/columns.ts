// Columns for the nodes pane; pure, so tests need no terminal.
import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {NodeSummary} from '../../engine/resources/swarm-nodes.js';

export const nodeColumns: readonly ResourceColumn<NodeSummary>[] = [
	{id: 'hostname', title: 'HOSTNAME', width: 12, grow: 2, sortKey: 'N', text: node => `${node.hostname}${node.isSelf ? ' *' : ''}`},
	{id: 'role', title: 'ROLE', width: 7, text: node => node.role},
	{id: 'status', title: 'STATUS', width: 7, sortKey: 'S', text: node => node.status},
	{id: 'availability', title: 'AVAILABILITY', width: 12, text: node => node.availability},
	{id: 'manager', title: 'MANAGER', width: 11, dropOrder: 3, text: node => node.managerStatus || '-'},
	{id: 'engine', title: 'ENGINE', width: 8, dropOrder: 1, text: node => node.engineVersion || '-'},
	{id: 'tasks', title: 'TASKS', width: 5, align: 'right', dropOrder: 2, sortKey: 'T', text: node => String(node.tasks), sortValue: node => node.tasks},
];

export function nodeDetailLines(node: NodeSummary): string[] {
	return [
		`ID:            ${node.id}${node.isSelf ? '  (this engine)' : ''}`,
		`Hostname:      ${node.hostname}`,
		`Role:          ${node.role}`,
		`Manager:       ${node.managerStatus || '-'}`,
		`Status:        ${node.status}`,
		`Availability:  ${node.availability}`,
		`Address:       ${node.address || '-'}`,
		`Engine:        ${node.engineVersion || '-'}`,
		`Running tasks: ${node.tasks}`,
	];
}

// Columns for the stacks pane; pure, so tests need no terminal.
import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {StackSummary} from '../../engine/resources/swarm-stacks.js';

export const stackColumns: readonly ResourceColumn<StackSummary>[] = [
	{id: 'name', title: 'STACK', width: 12, grow: 1, sortKey: 'N', text: stack => stack.name},
	{id: 'count', title: 'SERVICES', width: 8, align: 'right', sortKey: 'C', text: stack => String(stack.services.length), sortValue: stack => stack.services.length},
	{id: 'replicas', title: 'REPLICAS', width: 8, align: 'right', text: stack => `${stack.running}/${stack.desired}`, sortValue: stack => stack.running - stack.desired},
	{id: 'services', title: 'SERVICE NAMES', width: 16, grow: 2, dropOrder: 1, text: stack => stack.services.join(', ')},
];

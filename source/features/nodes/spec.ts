// The nodes pane: the cluster's machines, their role and health, and the three
// changes a manager makes to one: availability, promote, demote.
import type {ResourceSpec} from '../../components/resource-spec.js';
import {explainSwarm, swarmPollMs} from '../../engine/resources/swarm-call.js';
import {availabilities, listNodes, parseAvailability, setNodeAvailability, setNodeRole, type NodeSummary} from '../../engine/resources/swarm-nodes.js';
import {nodeColumns, nodeDetailLines} from './columns.js';

const availabilityWords = {
	active: 'takes tasks',
	pause: 'keeps its tasks, takes no new ones',
	drain: 'its tasks move to other nodes',
} as const;

export const nodesSpec: ResourceSpec<NodeSummary> = {
	name: 'nodes',
	aliases: ['node', 'no'],
	hints: '? help  / filter  Enter details  a availability  + promote  - demote  N/S/T sort',
	title: 'Nodes',
	noun: 'node',
	group: 'Node actions',
	load: (docker, signal) => listNodes(docker, signal),
	explain: explainSwarm,
	// A node going down sends no event to every manager in time; its status is re-read.
	pollMs: swarmPollMs,
	refreshOn: {type: ['node'], event: ['create', 'update', 'remove']},
	rowKey: node => node.id,
	columns: () => nodeColumns,
	sortHelp: {hostname: 'hostname', status: 'status', tasks: 'running tasks'},
	glyph: node => {
		if (node.status !== 'ready') return {text: '✗', color: 'red'};
		if (node.availability !== 'active' || node.managerStatus === 'unreachable') return {text: '●', color: 'yellow'};
		return {text: '●', color: 'green'};
	},
	actions: [
		{
			id: 'inspect', keys: ['<enter>', 'i'], description: 'Details: address, engine, manager status, tasks', kind: 'text',
			open: async (_context, node) => ({title: `Node ${node.hostname}`, lines: nodeDetailLines(node)}),
		},
		{
			id: 'availability', keys: ['a'], description: 'Set availability: active, pause or drain (asks before a drain)', kind: 'pick',
			title: node => `Availability of ${node.hostname} (now ${node.availability})`,
			emptyText: '',
			items: (_context, node) => availabilities.map(availability => ({id: availability, label: availability, detail: `${availabilityWords[availability]}${availability === node.availability ? '  (now)' : ''}`})),
			ask: (node, item) => (item.id === 'drain' && node.availability !== 'drain'
				? {title: `Drain ${node.hostname}?`, lines: [`${node.tasks === 0 ? 'No task runs there' : node.tasks === 1 ? 'Its running task moves to another node' : `Its ${node.tasks} running tasks move to other nodes`}; it takes no new ones.`], verb: 'drain'}
				: undefined),
			run: async ({docker, reload}, node, item) => {
				const availability = parseAvailability(item.id);
				if (availability === node.availability) return `${node.hostname} is already ${availability}.`;
				await setNodeAvailability(docker, node.id, availability);
				reload();
				return `${node.hostname} is now ${availability}${availability === 'drain' ? ': its tasks move to other nodes' : ''}.`;
			},
			failed: (node, item, error) => `Could not set ${node.hostname} to ${item.id}: ${error.message}`,
		},
		{
			id: 'promote', keys: ['+'], description: 'Promote a worker to manager (asks first)', when: 'workers', kind: 'confirm',
			refuse: node => (node.role === 'manager' ? `${node.hostname} is already a manager.` : undefined),
			title: node => `Promote ${node.hostname} to manager?`,
			lines: () => ['It takes part in the Raft quorum: keep an odd number of managers.'],
			verb: 'promote',
			run: async ({docker, reload}, node) => {
				await setNodeRole(docker, node.id, 'manager');
				reload();
				return `Promoted ${node.hostname} to manager.`;
			},
			failed: (node, error) => `Could not promote ${node.hostname}: ${error.message}`,
		},
		{
			id: 'demote', keys: ['-'], description: 'Demote a manager to worker (asks first)', when: 'managers', kind: 'confirm',
			refuse: node => (node.role === 'worker' ? `${node.hostname} is already a worker.` : undefined),
			title: node => `Demote ${node.hostname} to worker?`,
			lines: node => [node.isSelf ? 'It is the engine berth is connected to: berth will no longer see the cluster through it.' : 'It leaves the Raft quorum.'],
			verb: 'demote',
			run: async ({docker, reload}, node) => {
				await setNodeRole(docker, node.id, 'worker');
				reload();
				return `Demoted ${node.hostname} to worker.`;
			},
			failed: (node, error) => `Could not demote ${node.hostname}: ${error.message}`,
		},
	],
};

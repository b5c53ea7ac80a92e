// The tasks pane: all tasks or one service's, where each runs and how it fares,
// with the error of a failed one. Tasks converge without events, so it polls.
import type {ResourceSpec} from '../../components/resource-spec.js';
import {explainSwarm, swarmPollMs} from '../../engine/resources/swarm-call.js';
import {isFailedTask, listTasks, type TaskSummary} from '../../engine/resources/swarm-tasks.js';
import {taskColumns, taskDetailLines} from './columns.js';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export const tasksSpec: ResourceSpec<TaskSummary> = {
	name: 'tasks',
	aliases: ['task', 'ta'],
	hints: '? help  / filter  Enter container  i details  N/O/S/A sort  Esc back',
	title: 'Tasks',
	titleFor: params => {
		const name = text(params['serviceName']);
		return name === undefined ? undefined : `Tasks of ${name}`;
	},
	noun: 'task',
	group: 'Task actions',
	load: (docker, signal, params) => listTasks(docker, {serviceId: text(params['serviceId']), signal}),
	explain: explainSwarm,
	pollMs: swarmPollMs,
	refreshOn: {type: ['service', 'node'], event: ['create', 'update', 'remove']},
	rowKey: task => task.id,
	columns: () => taskColumns,
	sortHelp: {name: 'task name', node: 'node', state: 'state', age: 'time in this state'},
	glyph: task => {
		if (isFailedTask(task)) return {text: '✗', color: 'red'};
		if (task.state === 'running') return {text: '●', color: 'green'};
		return task.desiredState === 'running' ? {text: '◐', color: 'yellow'} : {text: '○', color: 'gray'};
	},
	actions: [
		{
			id: 'task-container', keys: ['<enter>'], description: 'The task\'s container detail', when: 'a running task on this engine', kind: 'now', needsRow: true, isSafe: true,
			refuse: (task, {containers}) => {
				if (!task.containerId) return `Task ${task.name} has no container (${task.state}).`;
				return containers.some(container => container.id === task.containerId) ? undefined : `Task ${task.name} runs on node ${task.nodeName}, not on this engine: connect berth to it to see its container.`;
			},
			run: ({open}, task) => task && open({pane: 'detail', params: {containerId: task.containerId}}),
		},
		{
			id: 'inspect', keys: ['i'], description: 'Details: node, image, state, message, error, exit code', kind: 'text',
			open: async (_context, task) => ({title: `Task ${task.name}`, lines: taskDetailLines(task)}),
		},
	],
};

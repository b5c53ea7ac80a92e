// Columns for the tasks pane; pure, so tests need no terminal.
import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {TaskSummary} from '../../engine/resources/swarm-tasks.js';
import {formatDuration} from '../../text/units.js';

/** "failed: task: non-zero exit (1)": the state, with the error for a task that failed. */
export function taskStateText(task: TaskSummary): string {
	return task.error ? `${task.state}: ${task.error}` : task.state;
}

// Ages count from now, not from when the pane opened: the list is re-read every few seconds.
const since = (ms: number) => (ms > 0 ? `${formatDuration((Date.now() - ms) / 1000)} ago` : '-');

export const taskColumns: readonly ResourceColumn<TaskSummary>[] = [
	{id: 'name', title: 'TASK', width: 12, grow: 1, sortKey: 'N', text: task => task.name},
	{id: 'node', title: 'NODE', width: 10, grow: 1, dropOrder: 4, sortKey: 'O', text: task => task.nodeName || '-'},
	{id: 'desired', title: 'DESIRED', width: 8, dropOrder: 2, text: task => task.desiredState},
	{id: 'state', title: 'STATE', width: 12, grow: 3, sortKey: 'S', text: taskStateText},
	{id: 'age', title: 'SINCE', width: 8, dropOrder: 3, sortKey: 'A', text: task => since(task.stateSince), sortValue: task => -task.stateSince},
	{id: 'container', title: 'CONTAINER', width: 12, dropOrder: 1, text: task => task.containerId.slice(0, 12) || '-'},
];

export function taskDetailLines(task: TaskSummary): string[] {
	return [
		`ID:         ${task.id}`,
		`Task:       ${task.name}`,
		`Service:    ${task.serviceName}`,
		`Node:       ${task.nodeName || '-'}`,
		`Image:      ${task.image}`,
		`Desired:    ${task.desiredState}`,
		`State:      ${task.state}${task.stateSince ? ` since ${new Date(task.stateSince).toISOString()}` : ''}`,
		`Message:    ${task.message || '-'}`,
		`Error:      ${task.error || '-'}`,
		`Exit code:  ${task.exitCode ?? '-'}`,
		`Container:  ${task.containerId || '-'}`,
	];
}

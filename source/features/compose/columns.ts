import type {ResourceColumn} from '../../components/resource-table-model.js';
import {healthSummary, healthText, isUp} from '../../engine/resources/compose-projects.js';
import {formatBytes, formatPercent} from '../../text/units.js';
import {workingDirText, type ComposeRow} from './rows.js';

const unique = (values: readonly string[]) => [...new Set(values.filter(Boolean))];

/** "2/3" on a project or service ("2/3 ‖1": one of them paused); a container's own status words ("Up 2 minutes", "Exited (0) …"). */
export function upText(row: ComposeRow): string {
	if (row.container) return row.container.status || row.container.state;
	const paused = row.containers.filter(container => container.state === 'paused').length;
	return `${row.containers.filter(isUp).length}/${row.containers.length}${paused > 0 ? ` ‖${paused}` : ''}`;
}

function healthOf(row: ComposeRow): string {
	if (row.container) return row.container.health === 'none' ? '-' : row.container.health;
	return healthText(healthSummary(row.containers));
}

export const composeColumns: readonly ResourceColumn<ComposeRow>[] = [
	{id: 'name', title: 'NAME', width: 14, grow: 2, sortKey: 'N', text: row => row.name},
	{id: 'services', title: 'SVCS', width: 4, align: 'right', dropOrder: 3, text: row => (row.kind === 'project' ? String(row.children.length) : '')},
	{id: 'up', title: 'UP', width: 7, sortKey: 'U', text: upText, sortValue: row => row.containers.filter(isUp).length},
	{id: 'scale', title: 'SCALE', width: 5, align: 'right', dropOrder: 4, text: row => (row.kind === 'service' ? (row.wanted === undefined ? '?' : String(row.wanted)) : '')},
	{id: 'image', title: 'IMAGE', width: 10, grow: 1, dropOrder: 5, text: row => (row.kind === 'project' ? '' : unique(row.containers.map(c => c.image)).join(', '))},
	{id: 'ports', title: 'PORTS', width: 10, grow: 1, dropOrder: 2, text: row => (row.kind === 'project' ? '' : unique(row.containers.map(c => c.ports)).join(', '))},
	{id: 'health', title: 'HEALTH', width: 9, grow: 1, dropOrder: 6, text: healthOf},
	{id: 'cpu', title: 'CPU', width: 6, align: 'right', sortKey: 'C', text: row => (row.cpuPercent === undefined ? '-' : formatPercent(row.cpuPercent)), sortValue: row => row.cpuPercent ?? -1},
	{id: 'memory', title: 'MEM', width: 8, align: 'right', sortKey: 'M', text: row => (row.memoryUsed === undefined ? '-' : formatBytes(row.memoryUsed)), sortValue: row => row.memoryUsed ?? -1},
	{id: 'dir', title: 'WORKING DIR', width: 12, grow: 1, dropOrder: 1, text: row => (row.kind === 'project' ? workingDirText(row) : '')},
];

/** Green when all are up, yellow when some are, grey when none; red over all when one is unhealthy. */
export function composeGlyph(row: ComposeRow): {readonly text: string; readonly color: string} {
	if (row.containers.some(c => c.health === 'unhealthy')) return {text: '●', color: 'red'};
	const up = row.containers.filter(isUp).length;
	if (row.containers.length > 0 && row.containers.every(c => c.state === 'paused')) return {text: '‖', color: 'yellow'};
	if (up === 0) return {text: '○', color: 'gray'};
	return up === row.containers.length ? {text: '●', color: 'green'} : {text: '◐', color: 'yellow'};
}

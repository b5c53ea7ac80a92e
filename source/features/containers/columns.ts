import type {ContainerState, ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {fitCell} from '../../text/cells.js';
import {compareNatural} from '../../text/natural-order.js';
import {formatBytes, formatPercent} from '../../text/units.js';

export type SortKey = 'default' | 'name' | 'state' | 'cpu' | 'memory' | 'network' | 'block';

export interface ListView {
	readonly showStopped: boolean;
	readonly filter: string;
	readonly sort: SortKey;
	readonly descending: boolean;
	/** P: the list grouped by compose project, a header row over each. */
	readonly isGrouped?: boolean;
}

const activeStates: ReadonlySet<ContainerState> = new Set(['running', 'paused', 'restarting', 'removing']);
const stateRank: Readonly<Record<ContainerState, number>> = {
	running: 0, restarting: 1, paused: 2, removing: 3, created: 4, exited: 5, dead: 6,
};

export function isActive(state: ContainerState): boolean {
	return activeStates.has(state);
}

const total = (sample: StatsSample | undefined, a: 'netRx' | 'blockRead', b: 'netTx' | 'blockWrite') =>
	(sample ? sample[a] + sample[b] : -1);

/** Numbers read best largest-first, names A-Z. */
export function isNumericSort(key: SortKey): boolean {
	return key === 'cpu' || key === 'memory' || key === 'network' || key === 'block';
}

const byName = (a: ContainerSummary, b: ContainerSummary) => compareNatural(a.name, b.name);

/** `direction` 1 puts the smallest first, -1 the largest; ties are always by name, A-Z. */
function compareBy(key: SortKey, stats: ReadonlyMap<string, StatsSample>, direction: 1 | -1) {
	const byNumber = (value: (c: ContainerSummary) => number) => (a: ContainerSummary, b: ContainerSummary) =>
		direction * (value(a) - value(b)) || byName(a, b);
	switch (key) {
		case 'name': return (a: ContainerSummary, b: ContainerSummary) => direction * byName(a, b);
		case 'state': return byNumber(c => stateRank[c.state]);
		case 'cpu': return byNumber(c => stats.get(c.id)?.cpuPercent ?? -1);
		case 'memory': return byNumber(c => stats.get(c.id)?.memoryUsed ?? -1);
		case 'network': return byNumber(c => total(stats.get(c.id), 'netRx', 'netTx'));
		case 'block': return byNumber(c => total(stats.get(c.id), 'blockRead', 'blockWrite'));
		case 'default': return byNumber(c => (isActive(c.state) ? 0 : 1));
	}
}

/** What the containers pane lists: running first, filter and sort applied. */
export function visibleContainers(
	containers: readonly ContainerSummary[],
	view: ListView,
	stats: ReadonlyMap<string, StatsSample>,
): readonly ContainerSummary[] {
	const needle = view.filter.trim().toLowerCase();
	const shown = containers.filter(c =>
		(view.showStopped || isActive(c.state))
		&& (!needle || c.name.toLowerCase().includes(needle) || c.image.toLowerCase().includes(needle)
			|| (c.composeProject?.toLowerCase().includes(needle) ?? false)
			|| (c.compose?.service.toLowerCase().includes(needle) ?? false)
			|| (c.host?.toLowerCase().includes(needle) ?? false)));
	// Numbers read best largest-first, names A-Z; "descending" flips that.
	const largestFirst = isNumericSort(view.sort) !== view.descending;
	const sorted = [...shown].sort(compareBy(view.sort, stats, largestFirst ? -1 : 1));
	return view.isGrouped ? groupedByProject(sorted) : sorted;
}

/** Projects A-Z, containers in no project last; the list's own order kept inside each group. */
export function groupedByProject(containers: readonly ContainerSummary[]): readonly ContainerSummary[] {
	const projectOf = (c: ContainerSummary) => c.composeProject;
	return containers
		.map((container, index) => ({container, index}))
		.sort((a, b) => {
			const left = projectOf(a.container);
			const right = projectOf(b.container);
			if (left !== right) return left === undefined ? 1 : right === undefined ? -1 : compareNatural(left, right);
			return a.index - b.index;
		})
		.map(entry => entry.container);
}

/** The header rows of a grouped list: the text to draw above the first container of each project. */
export function groupHeaders(containers: readonly ContainerSummary[]): ReadonlyMap<string, string> {
	const headers = new Map<string, string>();
	let previous: string | undefined | null = null;
	for (const container of containers) {
		const project = container.composeProject;
		if (project === previous) continue;
		previous = project;
		const members = containers.filter(c => c.composeProject === project);
		const running = members.filter(c => isActive(c.state)).length;
		headers.set(container.id, `${project ?? 'no compose project'}  ${running}/${members.length} running`);
	}
	return headers;
}

export type Column = 'host' | 'name' | 'project' | 'image' | 'status' | 'health' | 'ports' | 'cpu' | 'memory' | 'net' | 'block' | 'trend';

export interface ColumnSpec {
	readonly column: Column;
	readonly title: string;
	readonly width: number;
	readonly align: 'left' | 'right';
}

/** Seconds of CPU history in the sparkline column. */
export const trendWidth = 10;
const fixedWidths = {status: 24, health: 9, cpu: 7, memory: 19, net: 17, block: 17, trend: trendWidth} as const;
const numericColumns: ReadonlySet<Column> = new Set(['cpu', 'memory', 'net', 'block']);

/** Which optional columns any container of the list has something for. */
export interface ColumnContent {
	readonly health: boolean;
	readonly ports: boolean;
	/** Any container belongs to a compose project: PROJECT is shown. */
	readonly project?: boolean;
	/** Containers of several engines: HOST is shown (never with one engine). */
	readonly host?: boolean;
}

export function columnContent(containers: readonly ContainerSummary[]): ColumnContent {
	return {health: containers.some(c => c.health !== 'none'), ports: containers.some(c => c.ports !== ''), project: containers.some(c => c.composeProject !== undefined), ...(containers.some(c => c.host !== undefined) ? {host: true} : {})};
}

/**
 * Column widths for a terminal width; the least important columns go first when it is narrow.
 * HEALTH and PORTS are left out when no container has one, so their room goes to names.
 * The status (Up 2 hours, Exited (1)) outlasts the image: it says what the glyph cannot.
 */
export function columnLayout(totalWidth: number, content: ColumnContent = {health: true, ports: true}): readonly ColumnSpec[] {
	const glyph = 2;
	// The I/O totals and the CPU sparkline only on wide terminals, where names keep their room.
	const columns: Column[] = [...(content.host ? ['host' as const] : []), 'name', ...(content.project ? ['project' as const] : []), 'image', 'status'];
	if (content.health) columns.push('health');
	if (content.ports) columns.push('ports');
	columns.push('cpu', 'memory');
	if (totalWidth >= 230) columns.push('net', 'block');
	if (totalWidth >= 190) columns.push('trend');
	const dropOrder: Column[] = ['trend', 'block', 'net', 'ports', 'project', 'health', 'image', 'host', 'status', 'memory', 'cpu'];
	const flexMin = {host: 8, name: 12, project: 8, image: 10, ports: 14} as const;
	const minimum = (cols: Column[]) =>
		glyph + cols.reduce((sum, c) => sum + 1 + (c in fixedWidths ? fixedWidths[c as keyof typeof fixedWidths] : flexMin[c as keyof typeof flexMin]), 0);
	while (minimum(columns) > totalWidth && dropOrder.length > 0) {
		const drop = dropOrder.shift() as Column;
		if (columns.includes(drop)) columns.splice(columns.indexOf(drop), 1);
	}
	const flexible = columns.filter(c => !(c in fixedWidths)) as Array<keyof typeof flexMin>;
	let spare = Math.max(0, totalWidth - minimum(columns));
	// "Exited (137) 45 seconds ago" is 27 columns: the status gets its last three when there is room to spare.
	const statusExtra = columns.includes('status') ? Math.min(3, Math.max(0, spare - 20)) : 0;
	spare -= statusExtra;
	const share = {host: 1, name: 4, project: 2, image: 3, ports: 2} as const;
	const shareTotal = flexible.reduce((sum, c) => sum + share[c], 0);
	const widths = new Map<Column, number>();
	for (const c of flexible) widths.set(c, flexMin[c] + Math.floor((spare * share[c]) / shareTotal));
	spare -= flexible.reduce((sum, c) => sum + (widths.get(c) ?? 0) - flexMin[c], 0);
	// What is left over goes to NAME (HOST, when there, comes first but needs no more).
	const widest = flexible.includes('name') ? 'name' : flexible[0];
	if (widest) widths.set(widest, (widths.get(widest) ?? 0) + spare);
	const titles: Readonly<Record<Column, string>> = {
		host: 'HOST', name: 'NAME', project: 'PROJECT', image: 'IMAGE', status: 'STATUS', health: 'HEALTH', ports: 'PORTS', cpu: 'CPU', memory: 'MEMORY',
		net: 'NET RX / TX', block: 'BLOCK R / W', trend: 'CPU HISTORY',
	};
	return columns.map(column => ({
		column,
		title: titles[column],
		width: column === 'status' ? fixedWidths.status + statusExtra : column in fixedWidths ? fixedWidths[column as keyof typeof fixedWidths] : (widths.get(column) ?? 0),
		align: numericColumns.has(column) ? 'right' : 'left',
	}));
}

/**
 * The engine's status words (the list's, or as they read now: see use-status-words)
 * without what other columns already say (health), and a paused container says so first.
 */
export function statusText(container: ContainerSummary, words = container.status): string {
	const status = words.replace(/\s*\((healthy|unhealthy|health: starting)\)/, '');
	if (container.state !== 'paused') return status;
	const uptime = status.replace(/\s*\(Paused\)/i, '');
	return uptime ? `Paused · ${uptime.charAt(0).toLowerCase()}${uptime.slice(1)}` : 'Paused';
}

function cellText(column: Column, container: ContainerSummary, sample: StatsSample | undefined, trend: string, words: string): string {
	const running = container.state === 'running' || container.state === 'paused';
	switch (column) {
		case 'host': return container.host ?? '';
		case 'name': return container.name;
		case 'project': return container.composeProject ?? '';
		case 'image': return container.image;
		case 'status': return statusText(container, words);
		case 'health': return container.health === 'none' ? '' : container.health;
		case 'ports': return container.ports;
		case 'cpu': return running ? formatPercent(sample?.cpuPercent) : '';
		case 'memory': {
			if (!running || sample?.memoryUsed === undefined) return running ? '-' : '';
			const limit = sample.memoryLimit === undefined ? '' : ` / ${formatBytes(sample.memoryLimit)}`;
			return `${formatBytes(sample.memoryUsed)}${limit}`;
		}
		case 'net': return running && sample ? `${formatBytes(sample.netRx)} / ${formatBytes(sample.netTx)}` : '';
		case 'block': return running && sample ? `${formatBytes(sample.blockRead)} / ${formatBytes(sample.blockWrite)}` : '';
		case 'trend': return running ? trend : '';
	}
}

/** The cells of one row, each exactly its column's width; pure, so tests need no terminal. */
export function containerCells(
	container: ContainerSummary,
	sample: StatsSample | undefined,
	layout: readonly ColumnSpec[],
	trend = '',
	words = container.status,
): ReadonlyArray<{readonly column: Column; readonly text: string}> {
	return layout.map(spec => ({column: spec.column, text: fitCell(cellText(spec.column, container, sample, trend, words), spec.width, spec.align)}));
}

export function headerCells(layout: readonly ColumnSpec[]): string {
	return layout.map(spec => fitCell(spec.title, spec.width, spec.align)).join(' ');
}

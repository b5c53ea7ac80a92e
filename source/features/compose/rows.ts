// The Compose view's rows: a project holds its services, a service its
// containers. Each row carries the containers it stands for, so a key means
// the same on every level (s on a project stops all of it, on a container that one).
import type Docker from 'dockerode';
import {readComposeFiles, type ComposeFiles} from '../../engine/resources/compose-files.js';
import {groupProjects, projectContainers, type ComposeProject, type ComposeService} from '../../engine/resources/compose-projects.js';
import {listContainers, type ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {sanitizeInline} from '../../text/sanitize.js';

export type ComposeRowKind = 'project' | 'service' | 'container';

export interface ComposeRow {
	readonly kind: ComposeRowKind;
	readonly key: string;
	/** What the NAME column shows: the project, the service, or the container's own name. */
	readonly name: string;
	readonly project: ComposeProject;
	/** The project's files as read where berth runs (Compose's verbs need them). */
	readonly files: ComposeFiles;
	readonly service?: ComposeService;
	readonly container?: ContainerSummary;
	/** Every container the row stands for. */
	readonly containers: readonly ContainerSummary[];
	/** A service's scale as its compose file asks (undefined: files unreadable or the value unclear). */
	readonly wanted?: number;
	readonly children: readonly ComposeRow[];
	/** Summed over the running containers that have a sample; undefined when none has. */
	readonly cpuPercent?: number;
	readonly memoryUsed?: number;
}

function serviceRow(project: ComposeProject, files: ComposeFiles, service: ComposeService): ComposeRow {
	const wanted = files.kind === 'readable' ? files.scale.get(service.name) : undefined;
	return {
		kind: 'service', key: `s:${project.name}/${service.name}`, name: service.name, project, files, service,
		containers: service.containers,
		...(wanted === undefined ? {} : {wanted}),
		children: service.containers.map(container => ({
			kind: 'container', key: `c:${container.id}`, name: container.name, project, files, service, container, containers: [container], children: [],
		})),
	};
}

/** Top rows, one per project, from containers and each project's files. */
export function projectRows(projects: readonly ComposeProject[], files: readonly ComposeFiles[]): readonly ComposeRow[] {
	return projects.map((project, index) => {
		const projectFiles = files[index] ?? {kind: 'unreadable', reason: 'Not read.'};
		return {
			kind: 'project', key: `p:${project.name}`, name: project.name, project, files: projectFiles,
			containers: projectContainers(project),
			children: project.services.map(service => serviceRow(project, projectFiles, service)),
		};
	});
}

export async function loadProjectRows(docker: Docker, signal: AbortSignal): Promise<readonly ComposeRow[]> {
	const projects = groupProjects(await listContainers(docker, signal));
	const files = await Promise.all(projects.map(project => readComposeFiles(project)));
	return projectRows(projects, files);
}

/** The rows with the latest stats summed in (new objects only; keys stay). */
export function withStats(rows: readonly ComposeRow[], stats: ReadonlyMap<string, StatsSample>): readonly ComposeRow[] {
	return rows.map(row => {
		const samples = row.containers.flatMap(container => {
			const sample = stats.get(container.id);
			return sample ? [sample] : [];
		});
		const cpu = samples.flatMap(sample => (sample.cpuPercent === undefined ? [] : [sample.cpuPercent]));
		const memory = samples.flatMap(sample => (sample.memoryUsed === undefined ? [] : [sample.memoryUsed]));
		return {
			...row,
			...(cpu.length > 0 ? {cpuPercent: cpu.reduce((sum, value) => sum + value, 0)} : {}),
			...(memory.length > 0 ? {memoryUsed: memory.reduce((sum, value) => sum + value, 0)} : {}),
			children: withStats(row.children, stats),
		};
	});
}

/** "project shop", "service shop/web", "container shop-web-1": how questions and messages name a row. */
export function describeRow(row: ComposeRow): string {
	switch (row.kind) {
		case 'project': return `project ${row.name}`;
		case 'service': return `service ${row.project.name}/${row.name}`;
		case 'container': return `container ${row.name}`;
	}
}

/** The working directory to show (raw label values, so sanitised here). */
export function workingDirText(row: ComposeRow): string {
	const dirs = row.project.workingDirs.map(sanitizeInline);
	return dirs.length === 0 ? '-' : dirs.join(' + ');
}

// Containers grouped the way Compose sees them: project -> service -> containers,
// from the labels alone, so it works on any engine berth reaches (no files needed).
import {isAbsolute, resolve} from 'node:path';
import type {ContainerSummary} from './containers.js';
import {compareNatural} from '../../text/natural-order.js';

export interface ComposeService {
	readonly project: string;
	readonly name: string;
	/** In container-number order (one-off `run` containers last). */
	readonly containers: readonly ContainerSummary[];
}

export interface ComposeProject {
	readonly name: string;
	/**
	 * Every working directory its containers name. Usually one; two when the same
	 * project name was brought up from two folders (Compose then treats them as one
	 * project, and so does berth, but its own verbs refuse: which files would be meant?).
	 */
	readonly workingDirs: readonly string[];
	/** The compose files, absolute, in the order the labels give them (unique). */
	readonly configFiles: readonly string[];
	readonly services: readonly ComposeService[];
}

const byNumber = (a: ContainerSummary, b: ContainerSummary) =>
	Number(a.compose?.isOneoff ?? false) - Number(b.compose?.isOneoff ?? false)
	|| (a.compose?.number ?? Number.MAX_SAFE_INTEGER) - (b.compose?.number ?? Number.MAX_SAFE_INTEGER)
	|| compareNatural(a.name, b.name);

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Projects in name order, services in name order; containers without Compose labels are left out. */
export function groupProjects(containers: readonly ContainerSummary[]): readonly ComposeProject[] {
	const projects = new Map<string, Map<string, ContainerSummary[]>>();
	for (const container of containers) {
		if (!container.compose) continue;
		const {project, service} = container.compose;
		const services = projects.get(project) ?? new Map<string, ContainerSummary[]>();
		projects.set(project, services);
		services.set(service, [...(services.get(service) ?? []), container]);
	}
	return [...projects.entries()]
		.sort(([a], [b]) => compareNatural(a, b))
		.map(([name, services]) => {
			const all = [...services.values()].flat();
			const labels = all.flatMap(container => (container.compose ? [container.compose] : []));
			return {
				name,
				workingDirs: unique(labels.flatMap(label => (label.workingDir ? [label.workingDir] : []))).sort(compareNatural),
				configFiles: unique(labels.flatMap(label => label.configFiles.map(file => (isAbsolute(file) || !label.workingDir ? file : resolve(label.workingDir, file))))),
				services: [...services.entries()]
					.sort(([a], [b]) => compareNatural(a, b))
					.map(([service, members]) => ({project: name, name: service, containers: [...members].sort(byNumber)})),
			};
		});
}

export function projectContainers(project: ComposeProject): readonly ContainerSummary[] {
	return project.services.flatMap(service => service.containers);
}

/** Containers that count as running for "2/3": running, restarting or paused (a paused one still holds its place). */
export function isUp(container: ContainerSummary): boolean {
	return container.state === 'running' || container.state === 'restarting' || container.state === 'paused';
}

export interface HealthSummary {
	readonly healthy: number;
	readonly unhealthy: number;
	readonly starting: number;
}

export function healthSummary(containers: readonly ContainerSummary[]): HealthSummary {
	const count = (health: ContainerSummary['health']) => containers.filter(container => container.health === health).length;
	return {healthy: count('healthy'), unhealthy: count('unhealthy'), starting: count('starting')};
}

/** "2 healthy, 1 unhealthy", or "-" when nothing has a health check. */
export function healthText(summary: HealthSummary): string {
	const parts = [
		...(summary.unhealthy > 0 ? [`${summary.unhealthy} unhealthy`] : []),
		...(summary.starting > 0 ? [`${summary.starting} starting`] : []),
		...(summary.healthy > 0 ? [`${summary.healthy} healthy`] : []),
	];
	return parts.length > 0 ? parts.join(', ') : '-';
}

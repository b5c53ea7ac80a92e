// Stacks as `docker stack ls` finds them: no object of their own in the engine,
// only services carrying the com.docker.stack.namespace label.
import type Docker from 'dockerode';
import {listServices, type ServiceSummary} from './swarm-services.js';

export interface StackSummary {
	readonly name: string;
	readonly services: readonly string[];
	readonly running: number;
	readonly desired: number;
}

/** Stacks as `docker stack ls` finds them: services grouped by their stack label. */
export function stacksOf(services: readonly ServiceSummary[]): StackSummary[] {
	const stacks = new Map<string, {services: string[]; running: number; desired: number}>();
	for (const service of services) {
		if (!service.stack) continue;
		const stack = stacks.get(service.stack) ?? {services: [], running: 0, desired: 0};
		stack.services.push(service.name);
		stack.running += service.running;
		stack.desired += service.desired;
		stacks.set(service.stack, stack);
	}
	return [...stacks].map(([name, stack]) => ({name, ...stack})).sort((a, b) => a.name.localeCompare(b.name));
}

export async function listStacks(docker: Docker, signal?: AbortSignal): Promise<StackSummary[]> {
	return stacksOf(await listServices(docker, signal));
}

// Swarm tasks: the slots a service runs, where, and how they fare. Tasks send
// no events of their own, so their views poll; the service and node names are
// read in the same pass so a row never shows bare ids.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {swarmRequest, swarmTime} from './swarm-call.js';

export interface TaskSummary {
	readonly id: string;
	readonly serviceId: string;
	readonly serviceName: string;
	/** "web.2" for a replicated service's slot, "web.<node>" for a global one (as `docker service ps` names them). */
	readonly name: string;
	readonly slot: number;
	readonly nodeId: string;
	readonly nodeName: string;
	readonly desiredState: string;
	readonly state: string;
	readonly message: string;
	/** Why it failed, for failed and rejected tasks. */
	readonly error: string;
	readonly exitCode: number | undefined;
	readonly containerId: string;
	readonly image: string;
	readonly createdAt: number;
	/** When the current state began. */
	readonly stateSince: number;
}

export interface RawTask {
	ID: string;
	ServiceID?: string;
	NodeID?: string;
	Slot?: number;
	DesiredState?: string;
	CreatedAt?: string;
	Spec?: {ContainerSpec?: {Image?: string}};
	Status?: {Timestamp?: string; State?: string; Message?: string; Err?: string; ContainerStatus?: {ContainerID?: string; ExitCode?: number}};
}

export interface NameBook {
	readonly services: ReadonlyMap<string, string>;
	readonly nodes: ReadonlyMap<string, string>;
}

export function taskSummary(raw: RawTask, names: NameBook): TaskSummary {
	const serviceId = raw.ServiceID ?? '';
	const nodeId = raw.NodeID ?? '';
	const serviceName = names.services.get(serviceId) ?? serviceId.slice(0, 12);
	const nodeName = names.nodes.get(nodeId) ?? nodeId.slice(0, 12);
	const slot = raw.Slot ?? 0;
	const status = raw.Status ?? {};
	return {
		id: raw.ID,
		serviceId,
		serviceName,
		name: `${serviceName}.${slot > 0 ? slot : nodeId.slice(0, 12) || raw.ID.slice(0, 12)}`,
		slot,
		nodeId,
		nodeName,
		desiredState: sanitizeInline(raw.DesiredState ?? ''),
		state: sanitizeInline(status.State ?? ''),
		message: sanitizeInline(status.Message ?? ''),
		error: sanitizeInline(status.Err ?? ''),
		exitCode: status.ContainerStatus?.ExitCode,
		containerId: status.ContainerStatus?.ContainerID ?? '',
		image: sanitizeInline((raw.Spec?.ContainerSpec?.Image ?? '').replace(/@sha256:[0-9a-f]+$/, '')),
		createdAt: swarmTime(raw.CreatedAt),
		stateSince: swarmTime(status.Timestamp),
	};
}

interface Named {
	ID: string;
	Spec?: {Name?: string};
	Description?: {Hostname?: string};
}

/** Service and node names by id, for rows that only carry ids. */
export async function nameBook(docker: Docker, signal?: AbortSignal): Promise<NameBook> {
	const [services, nodes] = await Promise.all([
		swarmRequest<Named[]>(docker, {method: 'GET', path: '/services', signal}),
		swarmRequest<Named[]>(docker, {method: 'GET', path: '/nodes', signal}),
	]);
	return {
		services: new Map(services.map(service => [service.ID, sanitizeInline(service.Spec?.Name ?? '')])),
		nodes: new Map(nodes.map(node => [node.ID, sanitizeInline(node.Description?.Hostname ?? '')])),
	};
}

export async function listRawTasks(docker: Docker, filters: Readonly<Record<string, readonly string[]>>, signal?: AbortSignal): Promise<RawTask[]> {
	return swarmRequest<RawTask[]>(docker, {method: 'GET', path: '/tasks', query: Object.keys(filters).length > 0 ? {filters: JSON.stringify(filters)} : {}, signal});
}

/** Tasks (of one service when serviceId is given), by service, slot, then newest first as `docker service ps` shows them. */
export async function listTasks(docker: Docker, options: {readonly serviceId?: string | undefined; readonly signal?: AbortSignal | undefined} = {}): Promise<TaskSummary[]> {
	const filters: Record<string, string[]> = options.serviceId ? {service: [options.serviceId]} : {};
	const [raw, names] = await Promise.all([listRawTasks(docker, filters, options.signal), nameBook(docker, options.signal)]);
	return raw.map(task => taskSummary(task, names)).sort((a, b) => a.serviceName.localeCompare(b.serviceName) || a.name.localeCompare(b.name, undefined, {numeric: true}) || b.createdAt - a.createdAt);
}

/** Whether a task is failed for good (not merely replaced or shut down on purpose). */
export function isFailedTask(task: Pick<TaskSummary, 'state'>): boolean {
	return task.state === 'failed' || task.state === 'rejected';
}

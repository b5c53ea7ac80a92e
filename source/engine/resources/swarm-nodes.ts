// Swarm nodes: who is in the cluster, in what role and health, and the changes
// a manager may make to one (availability, role). As with services, a change
// reads the node fresh for its version.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError} from '../transport/errors.js';
import {swarmRequest, swarmState, swarmTime} from './swarm-call.js';
import {listRawTasks, type RawTask} from './swarm-tasks.js';

export type NodeAvailability = 'active' | 'pause' | 'drain';
export const availabilities: readonly NodeAvailability[] = ['active', 'pause', 'drain'];

export interface NodeSummary {
	readonly id: string;
	readonly hostname: string;
	readonly role: 'manager' | 'worker';
	readonly availability: string;
	/** ready, down, unknown or disconnected. */
	readonly status: string;
	readonly address: string;
	/** leader, reachable or unreachable for managers; '' for workers. */
	readonly managerStatus: string;
	readonly engineVersion: string;
	/** Tasks running on it now. */
	readonly tasks: number;
	/** The node this engine is. */
	readonly isSelf: boolean;
	readonly createdAt: number;
}

interface RawNodeSpec {
	Name?: string;
	Labels?: Record<string, string>;
	Role?: string;
	Availability?: string;
}

export interface RawNode {
	ID: string;
	Version?: {Index?: number};
	CreatedAt?: string;
	Spec?: RawNodeSpec;
	Description?: {Hostname?: string; Engine?: {EngineVersion?: string}};
	Status?: {State?: string; Addr?: string; Message?: string};
	ManagerStatus?: {Leader?: boolean; Reachability?: string; Addr?: string} | null;
}

export function readRawNodes(docker: Docker, signal?: AbortSignal): Promise<RawNode[]> {
	return swarmRequest<RawNode[]>(docker, {method: 'GET', path: '/nodes', signal});
}

/** Nodes as rows: the tasks running on each counted from `tasks`, and which one this engine is. */
export function nodeSummaries(raw: readonly RawNode[], tasks: readonly RawTask[], selfId: string): NodeSummary[] {
	const running = new Map<string, number>();
	for (const task of tasks) if (task.Status?.State === 'running' && task.NodeID) running.set(task.NodeID, (running.get(task.NodeID) ?? 0) + 1);
	return raw.map(node => ({
		id: node.ID,
		hostname: sanitizeInline(node.Description?.Hostname ?? node.ID.slice(0, 12)),
		role: node.Spec?.Role === 'manager' ? 'manager' as const : 'worker' as const,
		availability: sanitizeInline(node.Spec?.Availability ?? ''),
		status: sanitizeInline(node.Status?.State ?? ''),
		address: sanitizeInline(node.Status?.Addr ?? ''),
		managerStatus: node.ManagerStatus ? (node.ManagerStatus.Leader ? 'leader' : sanitizeInline(node.ManagerStatus.Reachability ?? '')) : '',
		engineVersion: sanitizeInline(node.Description?.Engine?.EngineVersion ?? ''),
		tasks: running.get(node.ID) ?? 0,
		isSelf: node.ID === selfId,
		createdAt: swarmTime(node.CreatedAt),
	})).sort((a, b) => a.hostname.localeCompare(b.hostname) || a.id.localeCompare(b.id));
}

export async function listNodes(docker: Docker, signal?: AbortSignal): Promise<NodeSummary[]> {
	const [raw, tasks, self] = await Promise.all([readRawNodes(docker, signal), listRawTasks(docker, {'desired-state': ['running']}, signal), swarmState(docker, signal)]);
	return nodeSummaries(raw, tasks, self.nodeId);
}

async function updateNode(docker: Docker, id: string, change: (spec: RawNodeSpec) => RawNodeSpec): Promise<void> {
	const raw = await swarmRequest<RawNode>(docker, {method: 'GET', path: `/nodes/${encodeURIComponent(id)}`});
	await swarmRequest(docker, {method: 'POST', path: `/nodes/${encodeURIComponent(id)}/update`, query: {version: raw.Version?.Index ?? 0}, body: change({...raw.Spec})});
}

export function parseAvailability(text: string): NodeAvailability {
	const wanted = text.trim().toLowerCase();
	const found = availabilities.find(availability => availability === wanted);
	if (!found) throw new EngineError('bad-config', `"${sanitizeInline(text)}" is not an availability: active, pause or drain.`);
	return found;
}

export async function setNodeAvailability(docker: Docker, id: string, availability: NodeAvailability): Promise<void> {
	await updateNode(docker, id, spec => ({...spec, Availability: availability}));
}

/** Promote (manager) or demote (worker); the engine refuses to demote the last manager, in its own words. */
export async function setNodeRole(docker: Docker, id: string, role: 'manager' | 'worker'): Promise<void> {
	try {
		await updateNode(docker, id, spec => ({...spec, Role: role}));
	} catch (error) {
		// The engine says it in Raft terms ("… would result in a loss of quorum").
		if (role === 'worker' && error instanceof EngineError && /loss of quorum|last manager/i.test(error.message)) {
			throw new EngineError(error.kind, 'the Swarm would lose its quorum of managers. Promote another node first.', error.statusCode);
		}
		throw error;
	}
}

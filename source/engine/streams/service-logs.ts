// A Swarm service's logs (/services/{id}/logs) through the same log machinery
// as a container's: the log target is "service:<id>", and each line's details
// (the node, service and task ids the engine prefixes with details=true) are
// replaced by the task and node by name, "web.2@node-1", so every line says
// where it came from.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {inspectService} from '../resources/swarm-services.js';
import {listRawTasks, nameBook} from '../resources/swarm-tasks.js';
import {swarmTime} from '../resources/swarm-call.js';

const prefix = 'service:';

export const serviceLogTarget = (serviceId: string): string => `${prefix}${serviceId}`;
export const isServiceLogTarget = (target: string): boolean => target.startsWith(prefix);
export const serviceIdOf = (target: string): string => target.slice(prefix.length);

/** Where a target's log is read: a container's, or a service's with the details that name its tasks. */
export function logPathOf(target: string): {readonly path: string; readonly details: boolean} {
	return isServiceLogTarget(target)
		? {path: `/services/${encodeURIComponent(serviceIdOf(target))}/logs`, details: true}
		: {path: `/containers/${encodeURIComponent(target)}/logs`, details: false};
}

export interface ServiceLogInfo {
	readonly isTty: boolean;
	readonly createdNs: bigint;
}

export async function serviceLogInfo(docker: Docker, target: string, signal?: AbortSignal): Promise<ServiceLogInfo> {
	const raw = await inspectService(docker, serviceIdOf(target), signal);
	return {isTty: Boolean(raw.Spec?.TaskTemplate?.ContainerSpec?.TTY), createdNs: BigInt(swarmTime(raw.CreatedAt)) * 1_000_000n};
}

/** "a=1,b=x%20y" as a map (the engine query-escapes the values). */
export function parseDetails(details: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const pair of details.split(',')) {
		const at = pair.indexOf('=');
		if (at <= 0) continue;
		let value = pair.slice(at + 1);
		try {
			value = decodeURIComponent(value.replace(/\+/g, ' '));
		} catch {
			// Not escaped after all: keep it as sent.
		}
		out.set(pair.slice(0, at), value);
	}
	return out;
}

const refreshGapMs = 2000;
const timestampWidth = 31;

/**
 * Names a service's tasks and nodes for its log lines. The names are read when
 * the log opens and again (at most every two seconds) when a line comes from a
 * task not seen before: a rolling update brings new tasks mid-stream.
 */
export class ServiceLogLabels {
	private tasks = new Map<string, string>();
	private nodes = new Map<string, string>();
	private lastRead = 0;
	private reading: Promise<void> | undefined;

	constructor(private readonly docker: Docker, private readonly serviceId: string, private readonly signal: AbortSignal) {}

	async load(): Promise<void> {
		this.lastRead = Date.now();
		const [book, tasks] = await Promise.all([nameBook(this.docker, this.signal), listRawTasks(this.docker, {service: [this.serviceId]}, this.signal)]);
		this.nodes = new Map(book.nodes);
		const service = book.services.get(this.serviceId) ?? this.serviceId.slice(0, 12);
		this.tasks = new Map(tasks.map(task => [task.ID, `${service}.${task.Slot && task.Slot > 0 ? task.Slot : (task.NodeID ?? '').slice(0, 12)}`]));
	}

	/** The engine's "<timestamp> <details> <text>" as "<timestamp> <task>@<node> <text>". */
	rewrite(raw: string): string {
		const stamped = raw.charCodeAt(timestampWidth - 1) === 32 ? timestampWidth : 0;
		const end = raw.indexOf(' ', stamped);
		const details = parseDetails(raw.slice(stamped, end === -1 ? raw.length : end));
		const taskId = details.get('com.docker.swarm.task.id');
		if (taskId === undefined) return raw;
		const nodeId = details.get('com.docker.swarm.node.id') ?? '';
		if (!this.tasks.has(taskId)) this.refresh();
		const task = this.tasks.get(taskId) ?? taskId.slice(0, 12);
		const node = this.nodes.get(nodeId) ?? nodeId.slice(0, 12);
		return `${raw.slice(0, stamped)}${sanitizeInline(`${task}@${node}`)} ${end === -1 ? '' : raw.slice(end + 1)}`;
	}

	private refresh(): void {
		if (this.reading || Date.now() - this.lastRead < refreshGapMs || this.signal.aborted) return;
		this.reading = this.load().catch(() => undefined).finally(() => {
			this.reading = undefined;
		});
	}
}

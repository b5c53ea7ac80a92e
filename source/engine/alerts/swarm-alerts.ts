// Swarm alert rules as pure code: snapshots of the cluster in, alerts out. A
// service short of replicas for longer than the grace, a task that failed since
// berth began watching (with its error), a node down or a manager unreachable.
// Each fires once per episode and is folded per service or node (AlertDraft.key).
import type {ServiceSummary} from '../resources/swarm-services.js';
import {isFailedTask, type TaskSummary} from '../resources/swarm-tasks.js';
import type {NodeSummary} from '../resources/swarm-nodes.js';
import {formatWindow, type AlertDraft} from './alerts.js';

export interface SwarmSnapshot {
	readonly services: readonly ServiceSummary[];
	readonly tasks: readonly TaskSummary[];
	readonly nodes: readonly NodeSummary[];
}

export interface SwarmAlertRules {
	/** Fewer running than desired for this long is a service not converging. */
	readonly convergeGraceMs: number;
}

export const defaultSwarmAlertRules: SwarmAlertRules = {convergeGraceMs: 60_000};

const failedCapacity = 5000;

export class SwarmAlertDetector {
	private readonly short = new Map<string, {since: number; isAlerted: boolean}>();
	private readonly failed = new Set<string>();
	private readonly down = new Set<string>();
	private isFirst = true;

	constructor(private readonly rules: SwarmAlertRules = defaultSwarmAlertRules) {}

	observe(snapshot: SwarmSnapshot, now: number): AlertDraft[] {
		const out = [...this.converging(snapshot.services, now), ...this.failures(snapshot.tasks, now), ...this.nodes(snapshot.nodes, now)];
		this.isFirst = false;
		return out;
	}

	private converging(services: readonly ServiceSummary[], now: number): AlertDraft[] {
		const out: AlertDraft[] = [];
		const present = new Set<string>();
		for (const service of services) {
			present.add(service.id);
			// Jobs run to completion: fewer running than asked is their normal end.
			if (service.mode.endsWith('-job') || service.running >= service.desired) {
				this.short.delete(service.id);
				continue;
			}
			const track = this.short.get(service.id) ?? {since: now, isAlerted: false};
			this.short.set(service.id, track);
			if (track.isAlerted || now - track.since < this.rules.convergeGraceMs) continue;
			track.isAlerted = true;
			const update = /paused/.test(service.updateState) ? `; its update is ${service.updateState.replace(/_/g, ' ')}${service.updateMessage ? `: ${service.updateMessage}` : ''}` : '';
			out.push({
				kind: 'not-converging', key: `service:${service.id}`, name: service.name, time: now,
				message: `${service.name} is not converging: ${service.running} of ${service.desired} replicas running for over ${formatWindow(this.rules.convergeGraceMs)}${update}`,
			});
		}
		for (const id of this.short.keys()) if (!present.has(id)) this.short.delete(id);
		return out;
	}

	/** Failures already there when watching began are history, not news. */
	private failures(tasks: readonly TaskSummary[], now: number): AlertDraft[] {
		const out: AlertDraft[] = [];
		for (const task of tasks) {
			if (!isFailedTask(task) || this.failed.has(task.id)) continue;
			this.failed.add(task.id);
			if (this.failed.size > failedCapacity) this.failed.delete(this.failed.values().next().value as string);
			if (this.isFirst) continue;
			out.push({
				kind: 'task-failed', key: `tasks:${task.serviceId}`, name: task.serviceName, time: now,
				message: `${task.name} ${task.state}${task.nodeName ? ` on ${task.nodeName}` : ''}: ${task.error || task.message || 'no reason given'}`,
			});
		}
		return out;
	}

	private nodes(nodes: readonly NodeSummary[], now: number): AlertDraft[] {
		const out: AlertDraft[] = [];
		for (const node of nodes) {
			const problem = node.status !== 'ready' ? `is ${node.status || 'in an unknown state'}` : node.managerStatus === 'unreachable' ? 'is a manager the others cannot reach' : undefined;
			if (!problem) {
				this.down.delete(node.id);
				continue;
			}
			if (this.down.has(node.id)) continue;
			this.down.add(node.id);
			out.push({kind: 'node-down', key: `node:${node.id}`, name: node.hostname, time: now, message: `Node ${node.hostname} ${problem}`});
		}
		return out;
	}
}

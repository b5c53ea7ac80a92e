// The Swarm alert rules fed by polling: tasks converge and fail without events
// a manager sends every client, so the cluster is read every few seconds, each
// read under its deadline. Off a manager (not in a Swarm, a worker, an engine
// with no Swarm API) it only looks again now and then, in case that changes.
import type Docker from 'dockerode';
import {abortableSleep} from '../transport/abortable-sleep.js';
import {swarmState} from '../resources/swarm-call.js';
import {nodeSummaries, readRawNodes} from '../resources/swarm-nodes.js';
import {listServices} from '../resources/swarm-services.js';
import {listRawTasks, taskSummary} from '../resources/swarm-tasks.js';
import type {AlertDraft} from './alerts.js';
import {defaultSwarmAlertRules, SwarmAlertDetector, type SwarmAlertRules, type SwarmSnapshot} from './swarm-alerts.js';

export interface SwarmAlertOptions {
	readonly rules?: SwarmAlertRules;
	/** Between reads on a manager. */
	readonly pollMs?: number;
	/** Between looks on an engine that is not a manager (or failed to answer). */
	readonly idleMs?: number;
}

/** One read of the cluster: services, every task (named) and the nodes; throws SwarmUnavailable off a manager. */
export async function readSwarmSnapshot(docker: Docker, signal: AbortSignal): Promise<SwarmSnapshot> {
	const [services, rawTasks, rawNodes] = await Promise.all([listServices(docker, signal), listRawTasks(docker, {}, signal), readRawNodes(docker, signal)]);
	const nodes = nodeSummaries(rawNodes, rawTasks, '');
	const names = {services: new Map(services.map(service => [service.id, service.name])), nodes: new Map(nodes.map(node => [node.id, node.hostname]))};
	return {services, tasks: rawTasks.map(task => taskSummary(task, names)), nodes};
}

export async function watchSwarmAlerts(docker: Docker, onAlert: (alert: AlertDraft) => void, signal: AbortSignal, options: SwarmAlertOptions = {}): Promise<void> {
	const detector = new SwarmAlertDetector(options.rules ?? defaultSwarmAlertRules);
	const pollMs = options.pollMs ?? 5000;
	const idleMs = options.idleMs ?? 30_000;
	// One look at /info first: most engines are not in a Swarm, and then this costs one request per idleMs.
	let isManager = await swarmState(docker, signal).then(state => state.isManager, () => false);
	while (!signal.aborted) {
		if (isManager) {
			try {
				const snapshot = await readSwarmSnapshot(docker, signal);
				if (signal.aborted) return;
				for (const alert of detector.observe(snapshot, Date.now())) onAlert(alert);
			} catch {
				// Not a manager any more (SwarmUnavailable), or the engine is away: the event feed says the latter.
				isManager = false;
			}
		} else {
			isManager = await swarmState(docker, signal).then(state => state.isManager, () => false);
			if (isManager) continue;
		}
		await abortableSleep(isManager ? pollMs : idleMs, signal);
	}
}

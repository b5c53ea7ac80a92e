// The stand-in engine's Swarm: services, their tasks, nodes, secrets and
// configs as records, and a reconciler that does at once what a manager does
// over seconds (start the tasks a spec asks for, shut down the rest), so view
// tests see a converged cluster unless they ask for a failing one.
import {newId} from './model.js';

export type SwarmRole = 'inactive' | 'manager' | 'worker';

export interface ServiceSpecRecord {
	readonly name: string;
	readonly image: string;
	readonly mode: 'replicated' | 'global';
	readonly replicas: number;
	readonly labels: Readonly<Record<string, string>>;
	readonly secrets: readonly string[];
	readonly configs: readonly string[];
	readonly ports: ReadonlyArray<{readonly published: number; readonly target: number}>;
	readonly forceUpdate: number;
	readonly args: readonly string[];
}

export interface ServiceRecord {
	readonly id: string;
	version: number;
	readonly createdAt: number;
	updatedAt: number;
	spec: ServiceSpecRecord;
	previousSpec: ServiceSpecRecord | undefined;
	updateStatus: {state: string; message: string; startedAt: number; completedAt: number} | undefined;
	/** The error every new task of it fails with (a command that exits 1, an image that does not exist). */
	failWith: string | undefined;
	/** What its tasks wrote, oldest first, and the open follows of /services/{id}/logs. */
	readonly logs: ServiceLogRecord[];
	readonly logWatchers: Set<{readonly send: (line: ServiceLogRecord) => void; readonly end: () => void}>;
}

export interface ServiceLogRecord {
	readonly ns: bigint;
	readonly taskId: string;
	readonly nodeId: string;
	readonly text: string;
}

export interface TaskRecord {
	readonly id: string;
	readonly serviceId: string;
	readonly slot: number;
	readonly nodeId: string;
	readonly image: string;
	readonly createdAt: number;
	desiredState: string;
	state: string;
	message: string;
	error: string;
	exitCode: number | undefined;
	containerId: string;
	since: number;
	/** The spec revision it runs (a forced update replaces tasks of older ones). */
	readonly forceUpdate: number;
}

export interface NodeRecord {
	readonly id: string;
	version: number;
	readonly createdAt: number;
	readonly hostname: string;
	role: 'manager' | 'worker';
	availability: 'active' | 'pause' | 'drain';
	status: 'ready' | 'down' | 'unknown' | 'disconnected';
	isLeader: boolean;
	readonly engineVersion: string;
}

export interface SwarmObjectRecord {
	readonly id: string;
	readonly kind: 'secret' | 'config';
	readonly name: string;
	readonly createdAt: number;
	readonly labels: Readonly<Record<string, string>>;
	readonly data: Buffer;
}

export class SwarmModel {
	role: SwarmRole = 'inactive';
	/** The node this engine is, once in a Swarm. */
	selfId = '';
	readonly services = new Map<string, ServiceRecord>();
	readonly tasks = new Map<string, TaskRecord>();
	readonly nodes = new Map<string, NodeRecord>();
	readonly objects = new Map<string, SwarmObjectRecord>();
	/** Images that exist for a service to run (others fail their tasks with "No such image"). */
	readonly knownImages = new Set<string>(['busybox:latest', 'nginx:latest']);
	private index = 10;
	/** Called for each task that starts on this engine, to give it a container. */
	onTaskStarted: (task: TaskRecord, service: ServiceRecord) => string = () => '';

	nextVersion(): number {
		return ++this.index;
	}

	findService(reference: string): ServiceRecord | undefined {
		const all = [...this.services.values()];
		return this.services.get(reference) ?? all.find(service => service.spec.name === reference) ?? onlyOne(all.filter(service => service.id.startsWith(reference)));
	}

	findNode(reference: string): NodeRecord | undefined {
		const all = [...this.nodes.values()];
		return this.nodes.get(reference) ?? all.find(node => node.hostname === reference) ?? onlyOne(all.filter(node => node.id.startsWith(reference)));
	}

	findObject(kind: 'secret' | 'config', reference: string): SwarmObjectRecord | undefined {
		const all = [...this.objects.values()].filter(object => object.kind === kind);
		return all.find(object => object.id === reference || object.name === reference) ?? onlyOne(all.filter(object => object.id.startsWith(reference)));
	}

	/** Nodes that take tasks. */
	private activeNodes(): NodeRecord[] {
		return [...this.nodes.values()].filter(node => node.availability === 'active' && node.status === 'ready');
	}

	/** What a manager would converge to: one running task per slot (or per node), the rest shut down. */
	reconcile(service: ServiceRecord, now = Date.now()): void {
		const wanted = service.spec.mode === 'global'
			? this.activeNodes().map(node => ({slot: 0, nodeId: node.id}))
			: Array.from({length: service.spec.replicas}, (_, index) => ({slot: index + 1, nodeId: ''}));
		const live = [...this.tasks.values()].filter(task => task.serviceId === service.id && task.desiredState === 'running');
		for (const task of live) {
			const keep = wanted.some(slot => (slot.slot === 0 ? slot.nodeId === task.nodeId : slot.slot === task.slot))
				&& task.image === service.spec.image && task.forceUpdate === service.spec.forceUpdate && task.state === 'running'
				&& this.nodes.get(task.nodeId)?.availability === 'active';
			if (!keep) this.shutDown(task, now);
		}
		const nodes = this.activeNodes();
		let failures = 0;
		for (const [index, slot] of wanted.entries()) {
			const taken = [...this.tasks.values()].some(task => task.serviceId === service.id && task.desiredState === 'running' && (slot.slot === 0 ? task.nodeId === slot.nodeId : task.slot === slot.slot));
			if (taken) continue;
			const nodeId = slot.nodeId || nodes[index % Math.max(1, nodes.length)]?.id || this.selfId;
			const error = service.failWith ?? (this.knownImages.has(normalize(service.spec.image)) ? undefined : `No such image: ${normalize(service.spec.image)}`);
			const task: TaskRecord = {
				id: newId().slice(0, 25), serviceId: service.id, slot: slot.slot, nodeId, image: service.spec.image, createdAt: now,
				desiredState: error ? 'shutdown' : 'running', state: error ? (service.failWith ? 'failed' : 'rejected') : 'running',
				message: error ? (service.failWith ? 'started' : 'preparing') : 'started', error: error ?? '', exitCode: service.failWith ? 1 : undefined,
				containerId: '', since: now, forceUpdate: service.spec.forceUpdate,
			};
			this.tasks.set(task.id, task);
			if (error) failures++;
			// The manager knows the container of a task on any node; only this engine's are in its container list.
			else task.containerId = nodeId === this.selfId ? this.onTaskStarted(task, service) : newId();
		}
		if (service.updateStatus?.state === 'updating') {
			service.updateStatus = failures > 0
				? {...service.updateStatus, state: 'paused', message: `update paused due to failure or early termination of task ${[...this.tasks.values()].find(task => task.serviceId === service.id && task.error)?.id ?? ''}`}
				: {...service.updateStatus, state: 'completed', message: 'update completed', completedAt: now};
		}
	}

	private shutDown(task: TaskRecord, now: number): void {
		task.desiredState = 'shutdown';
		if (task.state === 'running') {
			task.state = 'shutdown';
			task.message = 'shutdown';
			task.since = now;
		}
	}

	running(service: ServiceRecord): number {
		return [...this.tasks.values()].filter(task => task.serviceId === service.id && task.state === 'running').length;
	}

	desired(service: ServiceRecord): number {
		return service.spec.mode === 'global' ? this.activeNodes().length : service.spec.replicas;
	}

	usersOf(object: SwarmObjectRecord): ServiceRecord[] {
		return [...this.services.values()].filter(service => (object.kind === 'secret' ? service.spec.secrets : service.spec.configs).includes(object.name));
	}
}

function normalize(image: string): string {
	const bare = image.replace(/@sha256:[0-9a-f]+$/, '');
	return bare.lastIndexOf(':') > bare.lastIndexOf('/') ? bare : `${bare}:latest`;
}

function onlyOne<T>(candidates: readonly T[]): T | undefined {
	return candidates.length === 1 ? candidates[0] : undefined;
}

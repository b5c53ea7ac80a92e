// A stand-in Docker Engine API for view tests: served by node:http on a unix
// socket in a temp dir, in this process, holding containers, images, volumes,
// networks and an event bus in memory. It answers the part of the API berth
// calls in the engine's own shapes, so the real dockerode client and berth's
// request layer run unchanged against it; a test builds the state it needs,
// presses keys, and asserts on the frame or on what the engine holds now.
// It can also be broken: a route answering 500, hanging or cutting the
// connection, or the whole engine going away and coming back.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {rootOf} from './in-memory/change-routes.js';
import type {PluginRecord} from './in-memory/plugin-routes.js';
import {containerFromSpec, imageFromSpec, mountsOf, type ContainerSpec, type ImageSpec} from './in-memory/specs.js';
import type {EventMessage} from './in-memory/event-bus.js';
import {assignAddress, exitOnItsOwn, recordHealth, killContainer, pauseContainer, removeContainer, restartContainer, startContainer, stopContainer, unpauseContainer} from './in-memory/lifecycle.js';
import {EngineModel, newId, normalizeReference, type ContainerRecord, type HealthStatus, type ImageRecord, type NetworkRecord, type StatsSettings, type VolumeRecord} from './in-memory/model.js';
import {EngineServer, type Fault, type FaultHandle} from './in-memory/server.js';
import type {NodeRecord, ServiceRecord, SwarmObjectRecord, SwarmRole, TaskRecord} from './in-memory/swarm.js';

export type {ContainerRecord, ContainerSpec, EventMessage, Fault, FaultHandle, HealthStatus, ImageRecord, ImageSpec, NetworkRecord, NodeRecord, ServiceRecord, SwarmObjectRecord, TaskRecord, VolumeRecord};

export interface ServiceSpec {
	readonly name: string;
	readonly image?: string;
	readonly mode?: 'replicated' | 'global';
	readonly replicas?: number;
	readonly stack?: string;
	readonly labels?: Readonly<Record<string, string>>;
	readonly secrets?: readonly string[];
	readonly configs?: readonly string[];
	readonly ports?: ReadonlyArray<{readonly published: number; readonly target: number}>;
	/** Every task of it fails with this error (a command that exits 1). */
	readonly failWith?: string;
}

export interface PluginSpec {
	/** name or name:tag (:latest when not given). */
	readonly name: string;
	readonly enabled?: boolean;
	readonly description?: string;
	/** volumedriver (the default), networkdriver, authz, logdriver, … */
	readonly capabilities?: readonly string[];
	readonly env?: ReadonlyArray<{readonly name: string; readonly value: string; readonly settable?: boolean; readonly description?: string}>;
	readonly mounts?: ReadonlyArray<{readonly source: string; readonly destination: string}>;
	readonly linuxCapabilities?: readonly string[];
	readonly network?: string;
	readonly failsToStart?: boolean;
	readonly inUse?: boolean;
}

function pluginFromSpec(spec: PluginSpec): PluginRecord {
	const env = (spec.env ?? []).map(entry => ({name: entry.name, value: entry.value, settable: entry.settable ?? false, description: entry.description ?? ''}));
	return {
		id: newId(), name: /:[^/]+$/.test(spec.name) ? spec.name : `${spec.name}:latest`, enabled: spec.enabled ?? false, description: spec.description ?? '',
		capabilities: spec.capabilities ?? ['volumedriver'], env, settings: env.map(entry => `${entry.name}=${entry.value}`), mounts: spec.mounts ?? [],
		capabilitiesLinux: spec.linuxCapabilities ?? [], network: spec.network ?? '', failsToStart: spec.failsToStart ?? false, inUse: spec.inUse ?? false, pluginReference: '',
	};
}

export interface InMemoryEngineOptions {
	/** The highest API version it speaks (berth pins its client to it). */
	readonly apiVersion?: string;
	readonly engineVersion?: string;
	readonly name?: string;
	readonly cpus?: number;
	readonly memoryBytes?: number;
	/** How often a stats stream sends a sample; the engine's own is a second. */
	readonly statsIntervalMs?: number;
}

export class InMemoryEngine {
	/** Every request as "METHOD /path?query", oldest first. */
	readonly requests: string[] = [];
	readonly host: string;
	private readonly model = new EngineModel();
	private readonly startedAt = Date.now();
	/** Containers added so far: each is a second younger than the one before, so lists in creation order are the same every run. */
	private added = 0;
	private readonly server: EngineServer;
	private readonly identity: {apiVersion: string; engineVersion: string; name: string; cpus: number; memoryBytes: number; statsIntervalMs: number};

	constructor(readonly socketPath: string, private readonly directory: string, options: InMemoryEngineOptions = {}) {
		this.host = `unix://${socketPath}`;
		this.identity = {
			apiVersion: options.apiVersion ?? '1.45', engineVersion: options.engineVersion ?? '26.1.4', name: options.name ?? 'in-memory',
			cpus: options.cpus ?? 4, memoryBytes: options.memoryBytes ?? 8 * 1024 ** 3, statsIntervalMs: options.statsIntervalMs ?? 1000,
		};
		this.model.filesRoot = join(directory, 'files');
		this.server = new EngineServer({model: this.model, identity: this.identity, requests: this.requests});
		this.addNetwork({name: 'bridge', subnet: '172.17.0.0/16'});
		this.addNetwork({name: 'host', driver: 'host', subnet: ''});
		this.addNetwork({name: 'none', driver: 'null', subnet: ''});
	}

	get apiVersion(): string {
		return this.identity.apiVersion;
	}

	/** A container in the given state (running by default), as if it had got there long ago: no events. */
	addContainer(spec: ContainerSpec): string {
		if (this.model.findContainer(spec.name)?.name === spec.name) throw new Error(`a container named ${spec.name} exists`);
		const reference = normalizeReference(spec.image ?? 'busybox:latest');
		const image = this.model.findImage(reference) ?? this.image(this.addImage({tags: [reference]}));
		for (const mount of mountsOf(spec)) if (!this.model.volumes.has(mount.name)) this.addVolume({name: mount.name});
		const container = containerFromSpec(this.model, spec, image?.id ?? '', spec.createdAgoMs === undefined ? this.startedAt - 3_600_000 + this.added * 1000 : Date.now() - spec.createdAgoMs);
		for (const name of spec.networks ?? ['bridge']) {
			const network = this.model.findNetwork(name) ?? this.network(this.addNetwork({name}));
			if (network) container.networks.set(network.id, {ip: '', prefix: 0, mac: ''});
		}
		this.added++;
		this.model.containers.set(container.id, container);
		if (this.model.isActive(container)) for (const id of container.networks.keys()) assignAddress(this.model, container, id);
		return container.id;
	}

	addImage(spec: ImageSpec = {}): string {
		const image = imageFromSpec(spec);
		for (const other of this.model.images.values()) other.tags = other.tags.filter(tag => !image.tags.includes(tag));
		this.model.images.set(image.id, image);
		return image.id;
	}

	addVolume(spec: {readonly name?: string; readonly driver?: string; readonly labels?: Readonly<Record<string, string>>; readonly size?: number; readonly isAnonymous?: boolean}): string {
		const name = spec.name ?? newId();
		const labels = {...spec.labels, ...(spec.isAnonymous ? {'com.docker.volume.anonymous': ''} : {})};
		this.model.volumes.set(name, {name, driver: spec.driver ?? 'local', createdAt: Date.now() - 86_400_000, labels, options: {}, size: spec.size ?? 0});
		return name;
	}

	addNetwork(spec: {readonly name: string; readonly driver?: string; readonly subnet?: string; readonly internal?: boolean; readonly labels?: Readonly<Record<string, string>>}): string {
		const id = newId();
		const users = [...this.model.networks.values()].filter(network => network.subnet.startsWith('172.')).length;
		const subnet = spec.subnet ?? `172.${17 + users}.0.0/16`;
		this.model.networks.set(id, {
			id, name: spec.name, driver: spec.driver ?? 'bridge', scope: 'local', createdAt: Date.now() - 86_400_000, subnet,
			gateway: subnet ? subnet.replace(/\.0\/\d+$/, '.1') : '', internal: spec.internal ?? false, labels: {...spec.labels}, nextHost: 2,
		});
		return id;
	}

	/** An image the stand-in's registry has, for a pull to find. */
	addRemoteImage(reference: string, spec: {readonly size?: number; readonly layers?: number} = {}): void {
		this.model.registry.set(normalizeReference(reference), {size: spec.size ?? 5_000_000, layers: spec.layers ?? 2});
	}

	/** An installed plugin (disabled unless it says otherwise); its id. */
	addPlugin(spec: PluginSpec): string {
		const plugin = pluginFromSpec(spec);
		this.model.plugins.set(plugin.id, plugin);
		return plugin.id;
	}

	/** A plugin the stand-in's registry has, for an install to find. */
	addRemotePlugin(spec: PluginSpec): void {
		const plugin = pluginFromSpec(spec);
		this.model.remotePlugins.set(plugin.name, plugin);
	}

	/** By name (with or without :latest) or id. */
	plugin(reference: string): PluginRecord | undefined {
		const tagged = /:[^/]+$/.test(reference) ? reference : `${reference}:latest`;
		return [...this.model.plugins.values()].find(plugin => plugin.name === tagged || plugin.id === reference);
	}

	/** Whether volumes of the plugin exist (its disable and remove are then refused). */
	setPluginInUse(reference: string, inUse: boolean): void {
		const plugin = this.plugin(reference);
		if (plugin) plugin.inUse = inUse;
	}

	/** A build cache record, as a BuildKit build leaves them. */
	addBuildCache(spec: {readonly description: string; readonly size: number; readonly type?: string; readonly inUse?: boolean; readonly shared?: boolean}): string {
		const id = newId().slice(0, 25);
		this.model.buildCache.push({id, type: spec.type ?? 'regular', description: spec.description, size: spec.size, inUse: spec.inUse ?? false, shared: spec.shared ?? false, createdAt: Date.now() - 3_600_000});
		return id;
	}

	get buildCache(): readonly {readonly id: string; readonly description: string}[] {
		return [...this.model.buildCache];
	}

	/** A file in a container's filesystem (folders on the way are made), for a copy out to find. */
	putFile(reference: string, path: string, content: string | Buffer): void {
		const container = this.model.findContainer(reference);
		if (!container) throw new Error(`no container ${reference}`);
		const local = join(rootOf(this.model, container), path);
		mkdirSync(dirname(local), {recursive: true});
		writeFileSync(local, content);
	}

	/** A file in a container's filesystem as it is now (after a copy in), or undefined. */
	readFile(reference: string, path: string): Buffer | undefined {
		const container = this.model.findContainer(reference);
		if (!container) return undefined;
		try {
			return readFileSync(join(rootOf(this.model, container), path));
		} catch {
			return undefined;
		}
	}

	/** Makes the stand-in's registry at `registry` (host[:port]) want this login. */
	requireRegistryLogin(registry: string, username: string, password: string): void {
		this.model.registryLogins.set(registry, {username, password});
	}

	/** The queries of the builds asked for, newest last. */
	get builds(): readonly URLSearchParams[] {
		return this.model.builds;
	}

	container(reference: string): ContainerRecord | undefined {
		return this.model.findContainer(reference);
	}

	get containers(): readonly ContainerRecord[] {
		return [...this.model.containers.values()];
	}

	image(reference: string): ImageRecord | undefined {
		return this.model.findImage(reference);
	}

	get images(): readonly ImageRecord[] {
		return [...this.model.images.values()];
	}

	volume(name: string): VolumeRecord | undefined {
		return this.model.volumes.get(name);
	}

	get volumes(): readonly VolumeRecord[] {
		return [...this.model.volumes.values()];
	}

	network(reference: string): NetworkRecord | undefined {
		return this.model.findNetwork(reference);
	}

	get networks(): readonly NetworkRecord[] {
		return [...this.model.networks.values()];
	}

	/** The events published so far (the engine's last 256), oldest first. */
	get events(): readonly EventMessage[] {
		return this.model.bus.events;
	}

	/** New numbers for a container's stats; open stats streams send a sample with them at once. */
	setStats(reference: string, stats: Partial<StatsSettings>): void {
		const container = this.mustFind(reference);
		container.stats = {...container.stats, ...stats};
		for (const send of [...container.watchers.samples]) send();
	}

	/** Lines the container writes (now, or at `atMs`), sent at once to open log follows. */
	log(reference: string, lines: string | readonly string[], options: {readonly stream?: 'stdout' | 'stderr'; readonly atMs?: number} = {}): void {
		const container = this.mustFind(reference);
		for (const text of typeof lines === 'string' ? [lines] : lines) {
			const ns = options.atMs === undefined ? this.model.clock.nowNs() : BigInt(Math.floor(options.atMs)) * 1_000_000n + BigInt(container.logs.length % 1_000_000);
			const line = {ns, stream: options.stream ?? 'stdout', text} as const;
			container.logs.push(line);
			container.logs.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
			for (const send of [...container.watchers.lines]) send(line);
		}
	}

	/** A health check result; a change of status publishes health_status. */
	setHealth(reference: string, status: HealthStatus, output = ''): void {
		recordHealth(this.model, this.mustFind(reference), status, output);
	}

	/** The container's process ends on its own (code, or the OOM killer); its restart policy may start it again. */
	crash(reference: string, exitCode: number, options: {readonly oom?: boolean} = {}): void {
		exitOnItsOwn(this.model, this.mustFind(reference), exitCode, options);
	}

	/** What someone else (the docker CLI, compose) does to a container, with the engine's events. */
	act(reference: string, action: 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove'): void {
		const container = this.mustFind(reference);
		const outcome = {
			start: () => startContainer(this.model, container), stop: () => stopContainer(this.model, container),
			restart: () => restartContainer(this.model, container), pause: () => pauseContainer(this.model, container),
			unpause: () => unpauseContainer(this.model, container), kill: () => killContainer(this.model, container),
			remove: () => removeContainer(this.model, container, {force: true, volumes: false}),
		}[action]();
		if (outcome.status >= 400) throw new Error(`${action} ${container.name}: ${JSON.stringify(outcome.body)}`);
	}

	/** Any event, published as the engine would (for types the stand-in does not make itself). */
	emit(type: string, action: string, id: string, attributes: Readonly<Record<string, string>> = {}): EventMessage {
		return this.model.bus.publish(type, action, id, attributes);
	}

	/**
	 * Puts the engine in a Swarm: a manager (the leader, one node named after the engine) or a worker
	 * (the Swarm endpoints answer 503 as a worker's do), or out of it again.
	 */
	setSwarm(role: SwarmRole): void {
		const {swarm} = this.model;
		swarm.role = role;
		if (role === 'inactive') {
			swarm.selfId = '';
			swarm.nodes.clear();
			return;
		}
		if (!swarm.selfId) swarm.selfId = this.addNode({hostname: this.identity.name, role: role === 'worker' ? 'worker' : 'manager', isLeader: role === 'manager'});
		swarm.onTaskStarted = (task, service) => this.addContainer({
			name: `${service.spec.name}.${task.slot || task.nodeId}.${task.id}`,
			image: service.spec.image,
			labels: {'com.docker.swarm.service.id': service.id, 'com.docker.swarm.service.name': service.spec.name, 'com.docker.swarm.task.id': task.id, 'com.docker.swarm.node.id': task.nodeId},
			createdAgoMs: 0,
			startedAgoMs: 0,
		});
	}

	addNode(spec: {readonly hostname: string; readonly role?: 'manager' | 'worker'; readonly status?: NodeRecord['status']; readonly availability?: NodeRecord['availability']; readonly isLeader?: boolean; readonly engineVersion?: string}): string {
		const id = newId().slice(0, 25);
		this.model.swarm.nodes.set(id, {
			id, version: this.model.swarm.nextVersion(), createdAt: Date.now() - 86_400_000, hostname: spec.hostname, role: spec.role ?? 'worker',
			availability: spec.availability ?? 'active', status: spec.status ?? 'ready', isLeader: spec.isLeader ?? false, engineVersion: spec.engineVersion ?? this.identity.engineVersion,
		});
		return id;
	}

	/** A service created long ago and converged (its tasks placed round the active nodes), or failing if asked. */
	addService(spec: ServiceSpec): string {
		const {swarm} = this.model;
		const id = newId().slice(0, 25);
		const service: ServiceRecord = {
			id, version: swarm.nextVersion(), createdAt: Date.now() - 3_600_000, updatedAt: Date.now() - 3_600_000,
			spec: {
				name: spec.name, image: normalizeReference(spec.image ?? 'busybox:latest'), mode: spec.mode ?? 'replicated', replicas: spec.replicas ?? 1,
				labels: {...spec.labels, ...(spec.stack ? {'com.docker.stack.namespace': spec.stack} : {})},
				secrets: spec.secrets ?? [], configs: spec.configs ?? [], ports: spec.ports ?? [], forceUpdate: 0, args: [],
			},
			previousSpec: undefined, updateStatus: undefined, failWith: spec.failWith, logs: [], logWatchers: new Set(),
		};
		swarm.services.set(id, service);
		swarm.reconcile(service, Date.now() - 3_600_000);
		return id;
	}

	addSwarmObject(kind: 'secret' | 'config', spec: {readonly name: string; readonly data?: string; readonly labels?: Readonly<Record<string, string>>}): string {
		const id = newId().slice(0, 25);
		this.model.swarm.objects.set(id, {id, kind, name: spec.name, createdAt: Date.now() - 86_400_000, labels: {...spec.labels}, data: Buffer.from(spec.data ?? 'data')});
		return id;
	}

	service(reference: string): ServiceRecord | undefined {
		return this.model.swarm.findService(reference);
	}

	/** A service's tasks, oldest first. */
	tasksOf(reference: string): TaskRecord[] {
		const service = this.model.swarm.findService(reference);
		return [...this.model.swarm.tasks.values()].filter(task => task.serviceId === service?.id).sort((a, b) => a.createdAt - b.createdAt);
	}

	/** A line one of the service's running tasks writes (the one in `slot`, else the first), sent at once to open follows. */
	serviceLog(reference: string, text: string, slot?: number): void {
		const service = this.model.swarm.findService(reference);
		const task = this.tasksOf(reference).find(candidate => candidate.state === 'running' && (slot === undefined || candidate.slot === slot));
		if (!service || !task) throw new Error(`the in-memory engine has no running task of ${reference}${slot === undefined ? '' : ` in slot ${slot}`}`);
		const line = {ns: this.model.clock.nowNs(), taskId: task.id, nodeId: task.nodeId, text};
		service.logs.push(line);
		for (const watcher of [...service.logWatchers]) watcher.send(line);
	}

	node(reference: string): NodeRecord | undefined {
		return this.model.swarm.findNode(reference);
	}

	swarmObject(kind: 'secret' | 'config', name: string): SwarmObjectRecord | undefined {
		return this.model.swarm.findObject(kind, name);
	}

	/** A running task dies on its own (with the engine's words for it); the manager starts a replacement unless told not to. */
	failTask(taskId: string, error: string, options: {readonly isReplaced?: boolean} = {}): void {
		const {swarm} = this.model;
		const task = swarm.tasks.get(taskId);
		if (!task) throw new Error(`the in-memory engine has no task ${taskId}`);
		Object.assign(task, {state: 'failed', desiredState: 'shutdown', error, exitCode: 1, since: Date.now()});
		const service = swarm.services.get(task.serviceId);
		if (service && options.isReplaced !== false) swarm.reconcile(service);
	}

	setNodeStatus(reference: string, status: NodeRecord['status']): void {
		const node = this.model.swarm.findNode(reference);
		if (!node) throw new Error(`the in-memory engine has no node ${reference}`);
		node.status = status;
	}

	/** Spoils the requests the fault matches until cleared (or `times` of them). */
	fail(fault: Fault): FaultHandle {
		return this.server.fail(fault);
	}

	/** Every open connection is cut (streams included), as a link that drops would; the engine still listens. */
	dropConnections(): void {
		this.server.dropConnections();
	}

	/** The engine stops: nothing listens on the socket any more and every connection is cut. */
	async goAway(): Promise<void> {
		const closed = new Promise(resolve => this.server.server.close(resolve));
		this.server.dropConnections();
		await closed;
		rmSync(this.socketPath, {force: true});
	}

	/** The engine listens again on the same socket. */
	async comeBack(): Promise<void> {
		rmSync(this.socketPath, {force: true});
		await new Promise<void>((resolve, reject) => {
			this.server.server.once('error', reject);
			this.server.server.listen(this.socketPath, () => {
				this.server.server.off('error', reject);
				resolve();
			});
		});
	}

	async close(): Promise<void> {
		if (this.server.server.listening) await this.goAway();
		rmSync(this.directory, {recursive: true, force: true});
	}

	private mustFind(reference: string): ContainerRecord {
		const container = this.model.findContainer(reference);
		if (!container) throw new Error(`the in-memory engine has no container ${reference}`);
		return container;
	}
}

export async function startInMemoryEngine(options: InMemoryEngineOptions = {}): Promise<InMemoryEngine> {
	const directory = mkdtempSync(join(tmpdir(), 'berth-in-memory-'));
	const engine = new InMemoryEngine(join(directory, 'engine.sock'), directory, options);
	await engine.comeBack();
	return engine;
}

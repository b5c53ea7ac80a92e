// A stand-in Docker Engine API for view tests: served by node:http on a unix
// socket in a temp dir, in this process, holding containers, images, volumes,
// networks and an event bus in memory. It answers the part of the API berth
// calls in the engine's own shapes, so the real dockerode client and berth's
// request layer run unchanged against it; a test builds the state it needs,
// presses keys, and asserts on the frame or on what the engine holds now.
// It can also be broken: a route answering 500, hanging or cutting the
// connection, or the whole engine going away and coming back.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {blankContainer} from './in-memory/container-routes.js';
import type {EventMessage} from './in-memory/event-bus.js';
import {assignAddress, exitOnItsOwn, recordHealth, killContainer, pauseContainer, removeContainer, restartContainer, startContainer, stopContainer, unpauseContainer} from './in-memory/lifecycle.js';
import {EngineModel, newId, normalizeReference, type ContainerRecord, type ContainerState, type HealthStatus, type ImageRecord, type NetworkRecord, type StatsSettings, type VolumeRecord} from './in-memory/model.js';
import {EngineServer, type Fault, type FaultHandle} from './in-memory/server.js';

export type {ContainerRecord, EventMessage, Fault, FaultHandle, HealthStatus, ImageRecord, NetworkRecord, VolumeRecord};

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

export interface ContainerSpec {
	readonly name: string;
	/** Added to the images when there is no such image yet. */
	readonly image?: string;
	readonly state?: ContainerState;
	readonly exitCode?: number;
	/** A health check, and where it stands. */
	readonly health?: HealthStatus;
	readonly labels?: Readonly<Record<string, string>>;
	readonly ports?: ReadonlyArray<{readonly private: number; readonly public?: number; readonly type?: 'tcp' | 'udp'}>;
	readonly env?: readonly string[];
	readonly command?: readonly string[];
	readonly tty?: boolean;
	/** Volume names (mounted at /data, /data1, …) or mounts; missing volumes are created. */
	readonly volumes?: ReadonlyArray<string | {readonly name: string; readonly destination: string}>;
	/** Network names; the engine's bridge when not given. */
	readonly networks?: readonly string[];
	readonly createdAgoMs?: number;
	/** How long ago it started (running) or last started (stopped). */
	readonly startedAgoMs?: number;
	readonly finishedAgoMs?: number;
	readonly restartPolicy?: string;
	readonly restartCount?: number;
	readonly memoryLimit?: number;
	readonly cpus?: number;
	/** What a stop ends it with: 0 for a process that handles SIGTERM, 137 for one killed at the timeout. */
	readonly stopExitCode?: number;
	readonly stats?: Partial<StatsSettings>;
	readonly sizeRw?: number;
	/** What top lists (UID, PID, PPID, C, STIME, TTY, TIME, CMD per row); one process running its command when not given. */
	readonly processes?: ReadonlyArray<readonly string[]>;
	/** Filesystem changes: kind 0 changed, 1 added, 2 deleted. */
	readonly changes?: ReadonlyArray<{readonly path: string; readonly kind: 0 | 1 | 2}>;
}

export interface ImageSpec {
	readonly tags?: readonly string[];
	readonly size?: number;
	readonly labels?: Readonly<Record<string, string>>;
	readonly createdAgoMs?: number;
	readonly cmd?: readonly string[];
	readonly env?: readonly string[];
	readonly exposedPorts?: readonly string[];
	readonly history?: ReadonlyArray<{readonly createdBy: string; readonly size: number; readonly comment?: string}>;
	readonly sharedSize?: number;
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
		const now = Date.now();
		const state = spec.state ?? 'running';
		const hasRun = state !== 'created';
		const mounts = (spec.volumes ?? []).map((volume, index) => (typeof volume === 'string' ? {name: volume, destination: `/data${index || ''}`} : volume));
		for (const mount of mounts) if (!this.model.volumes.has(mount.name)) this.addVolume({name: mount.name});
		const [policy = '', retries = '0'] = (spec.restartPolicy ?? '').split(':');
		const container = blankContainer(this.model, {
			name: spec.name, image: spec.image ?? 'busybox:latest', imageId: image?.id ?? '', command: spec.command ?? ['sh', '-c', 'sleep infinity'],
			env: spec.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'], labels: spec.labels ?? {}, tty: spec.tty ?? false,
			mounts: mounts.map(mount => ({volume: mount.name, destination: mount.destination})),
			restartPolicy: {name: policy, maximumRetryCount: Number(retries)},
			createdAt: spec.createdAgoMs === undefined ? this.startedAt - 3_600_000 + this.added * 1000 : now - spec.createdAgoMs,
			state,
			exitCode: spec.exitCode ?? 0,
			startedAt: hasRun ? now - (spec.startedAgoMs ?? 1_800_000) : 0,
			finishedAt: state === 'exited' || state === 'dead' ? now - (spec.finishedAgoMs ?? 600_000) : 0,
			health: spec.health ? {test: ['CMD-SHELL', 'true'], status: spec.health, failingStreak: spec.health === 'unhealthy' ? 3 : 0, log: []} : undefined,
			ports: (spec.ports ?? []).map(port => ({privatePort: port.private, type: port.type ?? 'tcp', ...(port.public === undefined ? {} : {publicPort: port.public, ip: '0.0.0.0'})})),
			restartCount: spec.restartCount ?? 0,
			limits: {memory: spec.memoryLimit ?? 0, nanoCpus: (spec.cpus ?? 0) * 1e9, pidsLimit: 0},
			stopExitCode: spec.stopExitCode ?? 0,
			sizeRw: spec.sizeRw ?? 0,
			processes: spec.processes ?? [],
			changes: spec.changes ?? [],
		});
		container.stats = {...container.stats, ...spec.stats};
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
		const id = `sha256:${newId()}`;
		const tags = (spec.tags ?? []).map(normalizeReference);
		for (const other of this.model.images.values()) other.tags = other.tags.filter(tag => !tags.includes(tag));
		this.model.images.set(id, {
			id, tags, size: spec.size ?? 4_300_000, createdAt: Date.now() - (spec.createdAgoMs ?? 86_400_000 * 7), labels: {...spec.labels},
			config: {cmd: spec.cmd ?? ['sh'], entrypoint: [], env: spec.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'], workingDir: '', user: '', exposedPorts: spec.exposedPorts ?? []},
			layers: [`sha256:${newId()}`], history: (spec.history ?? []).map(step => ({comment: '', ...step})), sharedSize: spec.sharedSize ?? 0,
		});
		return id;
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

// What the stand-in engine holds: containers, images, volumes and networks as
// plain records, found the way the engine finds them (full id, id prefix,
// name, image reference).
import {randomBytes} from 'node:crypto';
import {EventBus} from './event-bus.js';
import type {PluginRecord} from './plugin-routes.js';
import {SwarmModel} from './swarm.js';
import {EngineClock} from './time.js';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type HealthStatus = 'starting' | 'healthy' | 'unhealthy';

export interface LogRecord {
	readonly ns: bigint;
	readonly stream: 'stdout' | 'stderr';
	readonly text: string;
}

/** What a stats sample says, in the terms `docker stats` shows. */
export interface StatsSettings {
	readonly cpuPercent: number;
	readonly memoryUsed: number;
	readonly netRx: number;
	readonly netTx: number;
	readonly blockRead: number;
	readonly blockWrite: number;
	readonly pids: number;
}

export interface HealthRecord {
	readonly test: readonly string[];
	status: HealthStatus;
	failingStreak: number;
	log: Array<{readonly start: number; readonly end: number; readonly exitCode: number; readonly output: string}>;
}

export interface PortRecord {
	readonly privatePort: number;
	readonly publicPort?: number;
	readonly ip?: string;
	readonly type: 'tcp' | 'udp';
}

export interface ContainerRecord {
	readonly id: string;
	name: string;
	/** The reference it was created from, as the list's Image shows it. */
	readonly image: string;
	readonly imageId: string;
	readonly command: readonly string[];
	readonly createdAt: number;
	state: ContainerState;
	exitCode: number;
	startedAt: number;
	finishedAt: number;
	oomKilled: boolean;
	health: HealthRecord | undefined;
	readonly labels: Readonly<Record<string, string>>;
	readonly ports: readonly PortRecord[];
	readonly env: readonly string[];
	readonly tty: boolean;
	readonly mounts: ReadonlyArray<{readonly volume: string; readonly destination: string}>;
	/** Network id -> this container's address on it while it runs. */
	readonly networks: Map<string, {readonly ip: string; readonly prefix: number; readonly mac: string}>;
	restartPolicy: {readonly name: string; readonly maximumRetryCount: number};
	restartCount: number;
	/** memorySwap: -1 unlimited, 0 the engine's default. Changed by POST /containers/{id}/update. */
	limits: {readonly memory: number; readonly memorySwap: number; readonly nanoCpus: number; readonly pidsLimit: number};
	/** Config.StopTimeout: seconds a stop waits; undefined = the engine's 10. */
	readonly stopTimeout: number | undefined;
	/** Paths a copy into the container is refused at, as on a read-only root filesystem. */
	readonly readOnlyPaths: readonly string[];
	/** The code a stop ends it with (a process that handles SIGTERM exits 0; one that ignores it is killed: 137). */
	readonly stopExitCode: number;
	readonly logs: LogRecord[];
	stats: StatsSettings;
	processes: ReadonlyArray<readonly string[]>;
	changes: ReadonlyArray<{readonly path: string; readonly kind: 0 | 1 | 2}>;
	sizeRw: number;
	/** Open log follows and stats streams, told of each new line, sample or stop. */
	readonly watchers: {readonly lines: Set<(line: LogRecord) => void>; readonly stopped: Set<() => void>; readonly samples: Set<() => void>};
}

export interface ImageRecord {
	readonly id: string;
	tags: string[];
	readonly size: number;
	readonly createdAt: number;
	readonly labels: Readonly<Record<string, string>>;
	readonly config: {readonly cmd: readonly string[]; readonly entrypoint: readonly string[]; readonly env: readonly string[]; readonly workingDir: string; readonly user: string; readonly exposedPorts: readonly string[]};
	readonly layers: readonly string[];
	readonly history: ReadonlyArray<{readonly createdBy: string; readonly size: number; readonly comment: string}>;
	/** Shared with other images: what prune cannot free. */
	readonly sharedSize: number;
}

export interface VolumeRecord {
	readonly name: string;
	readonly driver: string;
	readonly createdAt: number;
	readonly labels: Readonly<Record<string, string>>;
	readonly options: Readonly<Record<string, string>>;
	readonly size: number;
}

export interface NetworkRecord {
	readonly id: string;
	readonly name: string;
	readonly driver: string;
	readonly scope: string;
	readonly createdAt: number;
	readonly subnet: string;
	readonly gateway: string;
	readonly internal: boolean;
	readonly labels: Readonly<Record<string, string>>;
	/** The next host number handed out on this network's subnet. */
	nextHost: number;
}

/** One BuildKit cache record, as /system/df lists it. */
export interface BuildCacheRecord {
	readonly id: string;
	readonly type: string;
	readonly description: string;
	readonly size: number;
	readonly inUse: boolean;
	readonly shared: boolean;
	readonly createdAt: number;
}

export const newId = (): string => randomBytes(32).toString('hex');

/** "busybox" is "busybox:latest"; a digest or an explicit tag stays. */
export function normalizeReference(reference: string): string {
	if (reference.includes('@')) return reference;
	const slash = reference.lastIndexOf('/');
	return reference.lastIndexOf(':') > slash ? reference : `${reference}:latest`;
}

export class EngineModel {
	readonly containers = new Map<string, ContainerRecord>();
	readonly images = new Map<string, ImageRecord>();
	readonly volumes = new Map<string, VolumeRecord>();
	readonly networks = new Map<string, NetworkRecord>();
	/** Images a pull can fetch: reference -> what it brings. */
	readonly registry = new Map<string, {readonly size: number; readonly layers: number}>();
	/** Registries (host[:port], or Docker Hub's index name) that want this user and password for pulls, pushes and /auth. */
	readonly registryLogins = new Map<string, {readonly username: string; readonly password: string}>();
	/** The queries of the builds asked for, newest last. */
	readonly builds: URLSearchParams[] = [];
	readonly clock = new EngineClock();
	readonly bus = new EventBus(this.clock);
	readonly swarm = new SwarmModel();
	readonly buildCache: BuildCacheRecord[] = [];
	readonly plugins = new Map<string, PluginRecord>();
	/** Plugins a pull can fetch: name:tag -> what it installs as. */
	readonly remotePlugins = new Map<string, PluginRecord>();
	/** Where containers' files live (a folder each, by id): set by the engine to its temp dir. */
	filesRoot = '';

	/** By full id, unique id prefix or name (with or without the leading slash). */
	findContainer(reference: string): ContainerRecord | undefined {
		const name = reference.replace(/^\//, '');
		const all = [...this.containers.values()];
		return this.containers.get(reference) ?? all.find(c => c.name === name) ?? onlyOne(all.filter(c => c.id.startsWith(reference)));
	}

	/** By id (with or without sha256:), unique id prefix, or repository:tag. */
	findImage(reference: string): ImageRecord | undefined {
		const bare = reference.replace(/^sha256:/, '');
		const all = [...this.images.values()];
		const byTag = all.find(image => image.tags.includes(normalizeReference(reference)));
		if (byTag) return byTag;
		if (!/^[0-9a-f]{4,64}$/.test(bare)) return undefined;
		return onlyOne(all.filter(image => image.id.slice('sha256:'.length).startsWith(bare)));
	}

	/** By full id, name, or unique id prefix. */
	findNetwork(reference: string): NetworkRecord | undefined {
		const all = [...this.networks.values()];
		return this.networks.get(reference) ?? all.find(n => n.name === reference) ?? onlyOne(all.filter(n => n.id.startsWith(reference)));
	}

	/** The attributes every container event carries: its labels, image and name. */
	containerAttributes(container: ContainerRecord, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
		return {...container.labels, image: container.image, name: container.name, ...extra};
	}

	emitContainer(container: ContainerRecord, action: string, extra: Readonly<Record<string, string>> = {}): void {
		this.bus.publish('container', action, container.id, this.containerAttributes(container, extra));
	}

	usersOfVolume(name: string): ContainerRecord[] {
		return [...this.containers.values()].filter(c => c.mounts.some(mount => mount.volume === name));
	}

	usersOfImage(id: string): ContainerRecord[] {
		return [...this.containers.values()].filter(c => c.imageId === id);
	}

	isActive(container: ContainerRecord): boolean {
		return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
	}
}

function onlyOne<T>(candidates: readonly T[]): T | undefined {
	return candidates.length === 1 ? candidates[0] : undefined;
}

// What a test asks the in-memory engine for (a container in some state, an
// image), and the records made from it with the engine's defaults for the rest.
import {blankContainer} from './container-routes.js';
import {newId, normalizeReference, type ContainerRecord, type ContainerState, type EngineModel, type HealthStatus, type ImageRecord, type StatsSettings} from './model.js';

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
	/** Config.StopTimeout in seconds (the engine's 10 when not given). */
	readonly stopTimeout?: number;
	/** Paths a copy into it is refused at (a read-only root filesystem). */
	readonly readOnlyPaths?: readonly string[];
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

/** The spec's volumes as mounts: a bare name is mounted at /data, /data1, … */
export function mountsOf(spec: ContainerSpec): ReadonlyArray<{readonly name: string; readonly destination: string}> {
	return (spec.volumes ?? []).map((volume, index) => (typeof volume === 'string' ? {name: volume, destination: `/data${index || ''}`} : volume));
}

/** A container as if it had got to its state long ago (no events), joined to no network yet. */
export function containerFromSpec(model: EngineModel, spec: ContainerSpec, imageId: string, createdAt: number): ContainerRecord {
	const now = Date.now();
	const state = spec.state ?? 'running';
	const [policy = '', retries = '0'] = (spec.restartPolicy ?? '').split(':');
	const container = blankContainer(model, {
		name: spec.name, image: spec.image ?? 'busybox:latest', imageId, command: spec.command ?? ['sh', '-c', 'sleep infinity'],
		env: spec.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'], labels: spec.labels ?? {}, tty: spec.tty ?? false,
		mounts: mountsOf(spec).map(mount => ({volume: mount.name, destination: mount.destination})),
		restartPolicy: {name: policy, maximumRetryCount: Number(retries)},
		createdAt,
		state,
		exitCode: spec.exitCode ?? 0,
		startedAt: state === 'created' ? 0 : now - (spec.startedAgoMs ?? 1_800_000),
		finishedAt: state === 'exited' || state === 'dead' ? now - (spec.finishedAgoMs ?? 600_000) : 0,
		health: spec.health ? {test: ['CMD-SHELL', 'true'], status: spec.health, failingStreak: spec.health === 'unhealthy' ? 3 : 0, log: []} : undefined,
		ports: (spec.ports ?? []).map(port => ({privatePort: port.private, type: port.type ?? 'tcp', ...(port.public === undefined ? {} : {publicPort: port.public, ip: '0.0.0.0'})})),
		restartCount: spec.restartCount ?? 0,
		limits: {memory: spec.memoryLimit ?? 0, memorySwap: spec.memoryLimit ? spec.memoryLimit * 2 : 0, nanoCpus: (spec.cpus ?? 0) * 1e9, pidsLimit: 0},
		stopTimeout: spec.stopTimeout,
		readOnlyPaths: spec.readOnlyPaths ?? [],
		stopExitCode: spec.stopExitCode ?? 0,
		sizeRw: spec.sizeRw ?? 0,
		processes: spec.processes ?? [],
		changes: spec.changes ?? [],
	});
	container.stats = {...container.stats, ...spec.stats};
	return container;
}

export function imageFromSpec(spec: ImageSpec): ImageRecord {
	return {
		id: `sha256:${newId()}`, tags: (spec.tags ?? []).map(normalizeReference), size: spec.size ?? 4_300_000,
		createdAt: Date.now() - (spec.createdAgoMs ?? 86_400_000 * 7), labels: {...spec.labels},
		config: {cmd: spec.cmd ?? ['sh'], entrypoint: [], env: spec.env ?? ['PATH=/usr/local/bin:/usr/bin:/bin'], workingDir: '', user: '', exposedPorts: spec.exposedPorts ?? []},
		layers: [`sha256:${newId()}`], history: (spec.history ?? []).map(step => ({comment: '', ...step})), sharedSize: spec.sharedSize ?? 0,
	};
}

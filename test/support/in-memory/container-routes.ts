// The container endpoints berth calls, answered from the stand-in's model.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {containerInspect, containerSummary} from './container-shapes.js';
import {killContainer, pauseContainer, removeContainer, restartContainer, startContainer, stopContainer, unpauseContainer, type Outcome} from './lifecycle.js';
import {newId, normalizeReference, type ContainerRecord, type EngineModel} from './model.js';
import type {EngineIdentity} from './resource-shapes.js';
import {answerLogs, answerStats} from './streams.js';

export interface RouteContext {
	readonly model: EngineModel;
	readonly identity: EngineIdentity & {readonly statsIntervalMs: number};
	/** The pattern's captures, decoded. */
	readonly params: readonly string[];
	readonly query: URLSearchParams;
	readonly body: unknown;
	readonly req: IncomingMessage;
	readonly res: ServerResponse;
	/** The API version the client asked for in its path (the engine's own when none). */
	readonly api: number;
}

/** What a route answers; undefined when it wrote a stream itself. */
export type Answer = Outcome | undefined;
export type Route = readonly [method: string, pattern: RegExp, handle: (context: RouteContext) => Answer];

export const notFound = (message: string): Outcome => ({status: 404, body: {message}});
const noSuchContainer = (reference: string) => notFound(`No such container: ${reference}`);
const isTrue = (value: string | null) => value === '1' || value === 'true';

/** Runs `handle` on the container the first capture names, or answers the engine's 404. */
function withContainer(handle: (container: ContainerRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const reference = context.params[0] ?? '';
		const container = context.model.findContainer(reference);
		return container ? handle(container, context) : noSuchContainer(reference);
	};
}

interface CreateBody {
	Image?: string;
	Cmd?: string[];
	Env?: string[];
	Labels?: Record<string, string>;
	Tty?: boolean;
	HostConfig?: {RestartPolicy?: {Name?: string; MaximumRetryCount?: number}; Binds?: string[]; NetworkMode?: string};
}

/** POST /containers/create: a created container (not started), with the create event. */
function createContainer(context: RouteContext): Answer {
	const {model} = context;
	const body = (context.body ?? {}) as CreateBody;
	const image = model.findImage(body.Image ?? '');
	if (!image) return notFound(`No such image: ${normalizeReference(body.Image ?? '')}`);
	const name = context.query.get('name') || `memory_${model.containers.size + 1}`;
	const taken = model.findContainer(name);
	if (taken?.name === name) return {status: 409, body: {message: `Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`}};
	const mounts = (body.HostConfig?.Binds ?? []).flatMap(bind => {
		const [volume = '', destination = ''] = bind.split(':');
		return volume.startsWith('/') ? [] : [{volume, destination}];
	});
	const container = blankContainer(model, {name, image: body.Image ?? '', imageId: image.id, command: body.Cmd ?? image.config.cmd, env: body.Env ?? [], labels: body.Labels ?? {}, tty: body.Tty ?? false, mounts, restartPolicy: {name: body.HostConfig?.RestartPolicy?.Name ?? '', maximumRetryCount: body.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0}});
	// The engine's bridge unless the body names a network ("default" is the bridge too).
	const mode = body.HostConfig?.NetworkMode;
	const network = model.findNetwork(mode && mode !== 'default' ? mode : 'bridge');
	if (mode && mode !== 'default' && !network) return notFound(`network ${mode} not found`);
	if (network) container.networks.set(network.id, {ip: '', prefix: 0, mac: ''});
	model.containers.set(container.id, container);
	model.emitContainer(container, 'create');
	return {status: 201, body: {Id: container.id, Warnings: []}};
}

export type ContainerDraft = Pick<ContainerRecord, 'name' | 'image' | 'imageId' | 'command' | 'env' | 'labels' | 'tty' | 'mounts' | 'restartPolicy'> & Partial<ContainerRecord>;

/** A container record with the engine's defaults for what the draft leaves out. */
export function blankContainer(model: EngineModel, draft: ContainerDraft): ContainerRecord {
	return {
		id: newId(), createdAt: Date.now(), state: 'created', exitCode: 0, startedAt: 0, finishedAt: 0, oomKilled: false,
		health: undefined, ports: [], networks: new Map(), restartCount: 0, limits: {memory: 0, memorySwap: 0, nanoCpus: 0, pidsLimit: 0}, stopExitCode: 0, stopTimeout: undefined, readOnlyPaths: [],
		logs: [], stats: {cpuPercent: 0, memoryUsed: 4 * 1024 * 1024, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1},
		processes: [], changes: [], sizeRw: 0,
		watchers: {lines: new Set(), stopped: new Set(), samples: new Set()},
		...draft,
	};
}

function pruneContainers({model}: RouteContext): Answer {
	const stopped = [...model.containers.values()].filter(c => !model.isActive(c));
	for (const container of stopped) removeContainer(model, container, {force: false, volumes: false});
	const reclaimed = stopped.reduce((sum, c) => sum + c.sizeRw, 0);
	model.bus.publish('container', 'prune', '', {reclaimed: String(reclaimed)});
	return {status: 200, body: {ContainersDeleted: stopped.length > 0 ? stopped.map(c => c.id) : null, SpaceReclaimed: reclaimed}};
}

export const containerRoutes: readonly Route[] = [
	['GET', /^\/containers\/json$/, ({model, query}) => {
		const all = isTrue(query.get('all'));
		const shown = [...model.containers.values()].filter(c => all || model.isActive(c)).sort((a, b) => b.createdAt - a.createdAt);
		return {status: 200, body: shown.map(container => containerSummary(model, container))};
	}],
	['POST', /^\/containers\/create$/, createContainer],
	['POST', /^\/containers\/prune$/, pruneContainers],
	['GET', /^\/containers\/([^/]+)\/json$/, withContainer((container, {model}) => ({status: 200, body: containerInspect(model, container)}))],
	['GET', /^\/containers\/([^/]+)\/top$/, withContainer((container, {model}) => (model.isActive(container)
		? {status: 200, body: {Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: container.processes.length > 0 ? container.processes : [['root', '4242', '4200', '0', '10:00', '?', '00:00:00', container.command.join(' ')]]}}
		: {status: 409, body: {message: `Container ${container.id} is not running`}}))],
	['GET', /^\/containers\/([^/]+)\/changes$/, withContainer(container => ({status: 200, body: container.changes.length > 0 ? container.changes.map(change => ({Path: change.path, Kind: change.kind})) : null}))],
	['GET', /^\/containers\/([^/]+)\/stats$/, withContainer((container, {model, identity, query, res}) => {
		answerStats(model, container, query, res, {cpus: identity.cpus, memoryBytes: identity.memoryBytes, intervalMs: identity.statsIntervalMs});
		return undefined;
	})],
	['GET', /^\/containers\/([^/]+)\/logs$/, withContainer((container, {model, query, res, api}) => {
		const refused = answerLogs(model, container, query, res, api);
		return refused ? {status: refused.status, body: {message: refused.message}} : undefined;
	})],
	['POST', /^\/containers\/([^/]+)\/start$/, withContainer((container, {model}) => startContainer(model, container))],
	['POST', /^\/containers\/([^/]+)\/stop$/, withContainer((container, {model}) => stopContainer(model, container))],
	['POST', /^\/containers\/([^/]+)\/restart$/, withContainer((container, {model}) => restartContainer(model, container))],
	['POST', /^\/containers\/([^/]+)\/pause$/, withContainer((container, {model}) => pauseContainer(model, container))],
	['POST', /^\/containers\/([^/]+)\/unpause$/, withContainer((container, {model}) => unpauseContainer(model, container))],
	['POST', /^\/containers\/([^/]+)\/kill$/, withContainer((container, {model, query}) => killContainer(model, container, query.get('signal') ?? undefined))],
	['DELETE', /^\/containers\/([^/]+)$/, withContainer((container, {model, query}) => removeContainer(model, container, {force: isTrue(query.get('force')), volumes: isTrue(query.get('v'))}))],
];

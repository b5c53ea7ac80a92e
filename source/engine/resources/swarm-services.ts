// Swarm services: the list (with running/desired from the engine's own count),
// and the changes a person makes to one. Every change reads the service afresh
// for its version: the engine refuses an update made against an older one.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError} from '../transport/errors.js';
import {sanitizeLabels} from './images.js';
import {swarmRequest, swarmTime} from './swarm-call.js';

export const stackLabel = 'com.docker.stack.namespace';

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

export interface ServiceSummary {
	readonly id: string;
	readonly name: string;
	readonly mode: ServiceMode;
	/** Replicas asked for (global: the engine's count of nodes that should run one). */
	readonly desired: number;
	readonly running: number;
	readonly image: string;
	/** "8080:80/tcp", published on every node (ingress) or on the node running the task (host). */
	readonly ports: readonly string[];
	/** updating, paused, completed, rollback_started, rollback_paused, rollback_completed; '' when never updated. */
	readonly updateState: string;
	readonly updateMessage: string;
	readonly stack: string;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly labels: Readonly<Record<string, string>>;
	readonly secrets: readonly string[];
	readonly configs: readonly string[];
	readonly hasPreviousSpec: boolean;
	/** While an update runs: tasks running the new spec, of those wanted (see withUpdateProgress). */
	readonly updated?: number;
	/** The spec's image as the engine pinned it, and its force-update count: what a task must match to be updated. */
	readonly specImage: string;
	readonly forceUpdate: number;
}

export interface RawServiceSpec {
	Name?: string;
	Labels?: Record<string, string> | null;
	Mode?: {Replicated?: {Replicas?: number}; Global?: object; ReplicatedJob?: {MaxConcurrent?: number; TotalCompletions?: number}; GlobalJob?: object};
	TaskTemplate?: {
		ContainerSpec?: {Image?: string; Secrets?: Array<{SecretName?: string; SecretID?: string}> | null; Configs?: Array<{ConfigName?: string; ConfigID?: string}> | null; TTY?: boolean; [key: string]: unknown};
		ForceUpdate?: number;
		[key: string]: unknown;
	};
	[key: string]: unknown;
}

export interface RawService {
	ID: string;
	Version?: {Index?: number};
	CreatedAt?: string;
	UpdatedAt?: string;
	Spec?: RawServiceSpec;
	PreviousSpec?: RawServiceSpec;
	Endpoint?: {Ports?: Array<{Protocol?: string; TargetPort?: number; PublishedPort?: number; PublishMode?: string}> | null};
	UpdateStatus?: {State?: string; Message?: string};
	ServiceStatus?: {RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number};
}

function modeOf(spec: RawServiceSpec | undefined): ServiceMode {
	const mode = spec?.Mode ?? {};
	if (mode.Global) return 'global';
	if (mode.ReplicatedJob) return 'replicated-job';
	if (mode.GlobalJob) return 'global-job';
	return 'replicated';
}

/** "busybox:latest@sha256:…" as "busybox:latest": the digest the engine pinned is noise in a list. */
export function shortImage(image: string): string {
	return sanitizeInline(image.replace(/@sha256:[0-9a-f]+$/, ''));
}

export function serviceSummary(raw: RawService): ServiceSummary {
	const spec = raw.Spec ?? {};
	const container = spec.TaskTemplate?.ContainerSpec ?? {};
	const mode = modeOf(spec);
	const status = raw.ServiceStatus;
	const labels = sanitizeLabels(spec.Labels);
	return {
		id: raw.ID,
		name: sanitizeInline(spec.Name ?? raw.ID.slice(0, 12)),
		mode,
		desired: status?.DesiredTasks ?? (mode === 'replicated' ? spec.Mode?.Replicated?.Replicas ?? 1 : 0),
		running: status?.RunningTasks ?? 0,
		image: shortImage(container.Image ?? ''),
		ports: (raw.Endpoint?.Ports ?? []).map(port => `${port.PublishedPort ?? ''}:${port.TargetPort ?? ''}/${port.Protocol ?? 'tcp'}${port.PublishMode === 'host' ? ' (host)' : ''}`),
		updateState: sanitizeInline(raw.UpdateStatus?.State ?? ''),
		updateMessage: sanitizeInline(raw.UpdateStatus?.Message ?? ''),
		stack: labels[stackLabel] ?? '',
		createdAt: swarmTime(raw.CreatedAt),
		updatedAt: swarmTime(raw.UpdatedAt),
		labels,
		secrets: (container.Secrets ?? []).map(secret => sanitizeInline(secret.SecretName ?? secret.SecretID ?? '')),
		configs: (container.Configs ?? []).map(config => sanitizeInline(config.ConfigName ?? config.ConfigID ?? '')),
		hasPreviousSpec: raw.PreviousSpec !== undefined,
		specImage: container.Image ?? '',
		forceUpdate: spec.TaskTemplate?.ForceUpdate ?? 0,
	};
}

/** Every service, by name; running/desired from the engine's count (API 1.41+: status=true). */
export async function listServices(docker: Docker, signal?: AbortSignal): Promise<ServiceSummary[]> {
	const raw = await swarmRequest<RawService[]>(docker, {method: 'GET', path: '/services', query: {status: true}, signal});
	return raw.map(serviceSummary).sort((a, b) => a.name.localeCompare(b.name));
}

interface RawTaskSpec {
	ServiceID?: string;
	DesiredState?: string;
	Status?: {State?: string};
	Spec?: {ContainerSpec?: {Image?: string}; ForceUpdate?: number};
}

/** For services being updated (or rolled back), how many running tasks already run the current spec. */
export function updateProgress(services: readonly ServiceSummary[], tasks: readonly RawTaskSpec[]): ServiceSummary[] {
	return services.map(service => {
		if (!/^(updating|rollback_started)$/.test(service.updateState)) return service;
		const updated = tasks.filter(task => task.ServiceID === service.id && task.DesiredState === 'running' && task.Status?.State === 'running'
			&& task.Spec?.ContainerSpec?.Image === service.specImage && (task.Spec?.ForceUpdate ?? 0) === service.forceUpdate).length;
		return {...service, updated};
	});
}

/** listServices, with the progress of any update running (one more request, only then). */
export async function listServicesWithProgress(docker: Docker, signal?: AbortSignal): Promise<ServiceSummary[]> {
	const services = await listServices(docker, signal);
	if (!services.some(service => /^(updating|rollback_started)$/.test(service.updateState))) return services;
	const tasks = await swarmRequest<RawTaskSpec[]>(docker, {method: 'GET', path: '/tasks', query: {filters: JSON.stringify({'desired-state': ['running']})}, signal});
	return updateProgress(services, tasks);
}

export async function inspectService(docker: Docker, id: string, signal?: AbortSignal): Promise<RawService> {
	return swarmRequest<RawService>(docker, {method: 'GET', path: `/services/${encodeURIComponent(id)}`, signal});
}

/**
 * Reads the service fresh, changes its spec and sends it with the version read:
 * a change someone else made meanwhile makes the engine refuse rather than lose it.
 */
async function updateService(docker: Docker, id: string, change: (spec: RawServiceSpec, raw: RawService) => RawServiceSpec, query: Readonly<Record<string, string>> = {}): Promise<void> {
	const raw = await inspectService(docker, id);
	const spec = change(structuredClone(raw.Spec ?? {}), raw);
	await swarmRequest(docker, {method: 'POST', path: `/services/${encodeURIComponent(id)}/update`, query: {version: raw.Version?.Index ?? 0, ...query}, body: spec});
}

/** A replica count as typed: a whole number, 0 or more, or a plain refusal before anything is sent. */
export function parseReplicas(text: string): number {
	const trimmed = text.trim();
	if (!/^\d+$/.test(trimmed)) {
		throw new EngineError('bad-config', /^-\d+$/.test(trimmed) ? `${sanitizeInline(trimmed)} is negative: a service runs 0 or more replicas.` : `"${sanitizeInline(trimmed)}" is not a number of replicas: type a whole number, 0 or more.`);
	}
	const replicas = Number(trimmed);
	if (!Number.isSafeInteger(replicas)) throw new EngineError('bad-config', `${trimmed} replicas is more than berth will ask for.`);
	return replicas;
}

export async function scaleService(docker: Docker, id: string, replicas: number): Promise<void> {
	if (!Number.isSafeInteger(replicas) || replicas < 0) throw new EngineError('bad-config', 'A service runs 0 or more replicas.');
	await updateService(docker, id, spec => {
		if (modeOf(spec) !== 'replicated') throw new EngineError('bad-config', `${sanitizeInline(spec.Name ?? id)} is a ${modeOf(spec)} service: only replicated services scale.`);
		return {...spec, Mode: {Replicated: {Replicas: replicas}}};
	});
}

export async function updateServiceImage(docker: Docker, id: string, image: string): Promise<void> {
	const wanted = image.trim();
	if (!wanted || /\s/.test(wanted)) throw new EngineError('bad-config', `"${sanitizeInline(wanted)}" is not an image reference.`);
	await updateService(docker, id, spec => ({...spec, TaskTemplate: {...spec.TaskTemplate, ContainerSpec: {...spec.TaskTemplate?.ContainerSpec, Image: wanted}}}));
}

/** Replaces every task though nothing changed (`docker service update --force`): ForceUpdate counts up. */
export async function forceRestartService(docker: Docker, id: string): Promise<void> {
	await updateService(docker, id, spec => ({...spec, TaskTemplate: {...spec.TaskTemplate, ForceUpdate: (spec.TaskTemplate?.ForceUpdate ?? 0) + 1}}));
}

/** Back to the spec before the last update, as the engine keeps it (`docker service rollback`). */
export async function rollbackService(docker: Docker, id: string): Promise<void> {
	await updateService(docker, id, (spec, raw) => {
		if (!raw.PreviousSpec) throw new EngineError('conflict', `${sanitizeInline(spec.Name ?? id)} has no earlier version to roll back to.`);
		return spec;
	}, {rollback: 'previous'});
}

export async function removeService(docker: Docker, id: string): Promise<void> {
	await swarmRequest(docker, {method: 'DELETE', path: `/services/${encodeURIComponent(id)}`});
}

// The container detail views beyond stats: raw inspect, processes, filesystem
// changes, restart policy and health log.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {toEngineError} from '../transport/errors.js';

/** The engine's inspect document as is; the view formats and masks it. */
export async function inspectContainerRaw(docker: Docker, id: string): Promise<Readonly<Record<string, unknown>>> {
	try {
		return (await docker.getContainer(id).inspect()) as unknown as Record<string, unknown>;
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface ProcessTable {
	readonly titles: readonly string[];
	readonly processes: ReadonlyArray<readonly string[]>;
}

export async function containerProcesses(docker: Docker, id: string): Promise<ProcessTable> {
	try {
		const raw = (await docker.getContainer(id).top()) as {Titles?: string[]; Processes?: string[][] | null};
		return {
			titles: (raw.Titles ?? []).map(title => sanitizeInline(title)),
			processes: (raw.Processes ?? []).map(row => row.map(cell => sanitizeInline(cell))),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export type ChangeKind = 'modified' | 'added' | 'deleted';
export interface FilesystemChange {
	readonly kind: ChangeKind;
	readonly path: string;
}

const changeKinds: readonly ChangeKind[] = ['modified', 'added', 'deleted'];

export async function containerChanges(docker: Docker, id: string): Promise<FilesystemChange[]> {
	try {
		const raw = (await docker.getContainer(id).changes()) as Array<{Kind: number; Path: string}> | null;
		return (raw ?? []).map(change => ({kind: changeKinds[change.Kind] ?? 'modified', path: sanitizeInline(change.Path)}))
			.sort((a, b) => a.path.localeCompare(b.path));
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface HealthProbe {
	readonly start: string;
	readonly exitCode: number;
	readonly output: string;
}

export interface RestartAndHealth {
	readonly restartPolicy: string;
	readonly maximumRetryCount: number;
	readonly restartCount: number;
	readonly healthStatus?: string;
	readonly failingStreak?: number;
	readonly healthCheck?: string;
	readonly probes: readonly HealthProbe[];
}

interface RawInspect {
	RestartCount?: number;
	HostConfig?: {RestartPolicy?: {Name?: string; MaximumRetryCount?: number}};
	Config?: {Healthcheck?: {Test?: string[]}};
	State?: {Health?: {Status?: string; FailingStreak?: number; Log?: Array<{Start: string; ExitCode: number; Output: string}> | null}};
}

/** Pure: the restart/health part of an inspect document. */
export function restartAndHealth(inspect: Readonly<Record<string, unknown>>): RestartAndHealth {
	const raw = inspect as RawInspect;
	const health = raw.State?.Health;
	const test = raw.Config?.Healthcheck?.Test;
	return {
		restartPolicy: sanitizeInline(raw.HostConfig?.RestartPolicy?.Name || 'no'),
		maximumRetryCount: raw.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
		restartCount: raw.RestartCount ?? 0,
		...(health?.Status ? {healthStatus: sanitizeInline(health.Status)} : {}),
		...(health?.FailingStreak === undefined ? {} : {failingStreak: health.FailingStreak}),
		...(test && test.length > 0 ? {healthCheck: sanitizeInline(test.join(' '))} : {}),
		probes: (health?.Log ?? []).map(probe => ({start: probe.Start, exitCode: probe.ExitCode, output: sanitizeInline(probe.Output.trim())})),
	};
}

// Changing a container in place: its name, its limits and restart policy
// (POST /containers/{id}/update), and what its stop and kill keys need to know.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {restartPolicies, type RestartPolicy} from './run-image.js';

/** The engine's stop timeout when a container names none (`docker stop` without -t). */
export const engineStopSeconds = 10;

/** What the update form shows and changes, as the engine holds it now. */
export interface ContainerSettings {
	readonly name: string;
	/** CPUs (NanoCpus / 1e9); 0 = no limit. */
	readonly cpus: number;
	/** Bytes; 0 = no limit. */
	readonly memory: number;
	/** Memory plus swap in bytes; -1 = unlimited swap, 0 = the engine's default (twice the memory). */
	readonly memorySwap: number;
	/** 0 = no limit. */
	readonly pidsLimit: number;
	readonly restartPolicy: RestartPolicy;
	readonly maximumRetryCount: number;
	/** Seconds a stop waits before SIGKILL: the container's own StopTimeout, else the engine's 10. */
	readonly stopSeconds: number;
	/** The container names its own StopTimeout (rather than taking the engine's). */
	readonly hasOwnStopTimeout: boolean;
	/** The signal a stop sends first (StopSignal, else SIGTERM). */
	readonly stopSignal: string;
}

interface RawSettings {
	Name?: string;
	Config?: {StopTimeout?: number | null; StopSignal?: string};
	HostConfig?: {NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number; Memory?: number; MemorySwap?: number; PidsLimit?: number | null; RestartPolicy?: {Name?: string; MaximumRetryCount?: number}};
}

/** Pure: the settings from an inspect document. */
export function toSettings(raw: RawSettings): ContainerSettings {
	const host = raw.HostConfig ?? {};
	const quota = host.CpuQuota ?? 0;
	const cpus = host.NanoCpus ? host.NanoCpus / 1e9 : quota > 0 ? quota / (host.CpuPeriod || 100_000) : 0;
	const policy = restartPolicies.find(known => known === host.RestartPolicy?.Name) ?? 'no';
	const timeout = raw.Config?.StopTimeout;
	return {
		name: sanitizeInline((raw.Name ?? '').replace(/^\//, '')),
		cpus,
		memory: host.Memory ?? 0,
		memorySwap: host.MemorySwap ?? 0,
		pidsLimit: host.PidsLimit && host.PidsLimit > 0 ? host.PidsLimit : 0,
		restartPolicy: policy,
		maximumRetryCount: host.RestartPolicy?.MaximumRetryCount ?? 0,
		stopSeconds: typeof timeout === 'number' && timeout >= 0 ? timeout : engineStopSeconds,
		hasOwnStopTimeout: typeof timeout === 'number' && timeout >= 0,
		stopSignal: sanitizeInline(raw.Config?.StopSignal || 'SIGTERM'),
	};
}

export async function containerSettings(docker: Docker, id: string): Promise<ContainerSettings> {
	try {
		return toSettings(await docker.getContainer(id).inspect() as RawSettings);
	} catch (error) {
		throw toEngineError(error);
	}
}

/** The engine's own rule for names (daemon/names.go), so a bad one is refused before the call, in words. */
const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function nameError(name: string): string | undefined {
	if (!name) return 'Type the new name.';
	if (!namePattern.test(name)) return `"${sanitizeInline(name)}" is not a valid container name: letters, digits, _ . and -, at least two, starting with a letter or digit.`;
	return undefined;
}

export async function renameContainer(docker: Docker, id: string, name: string): Promise<void> {
	const wanted = name.trim().replace(/^\//, '');
	const invalid = nameError(wanted);
	if (invalid) throw new EngineError('bad-config', invalid);
	try {
		await docker.getContainer(id).rename({name: wanted});
	} catch (error) {
		throw toEngineError(error);
	}
}

/** Only what changed is sent: a field left out is left as it is by the engine. */
export interface SettingsChange {
	readonly cpus?: number;
	readonly memory?: number;
	readonly memorySwap?: number;
	readonly pidsLimit?: number;
	readonly restart?: {readonly policy: RestartPolicy; readonly maximumRetryCount: number};
}

/** The body of POST /containers/{id}/update for a change. */
export function updateBody(change: SettingsChange): Record<string, unknown> {
	return {
		...(change.cpus === undefined ? {} : {NanoCpus: Math.round(change.cpus * 1e9)}),
		...(change.memory === undefined ? {} : {Memory: change.memory}),
		...(change.memorySwap === undefined ? {} : {MemorySwap: change.memorySwap}),
		// -1 is how the API says "no limit" here; 0 would mean "unchanged".
		...(change.pidsLimit === undefined ? {} : {PidsLimit: change.pidsLimit > 0 ? change.pidsLimit : -1}),
		...(change.restart ? {RestartPolicy: {Name: change.restart.policy === 'no' ? 'no' : change.restart.policy, MaximumRetryCount: change.restart.policy === 'on-failure' ? change.restart.maximumRetryCount : 0}} : {}),
	};
}

export async function updateContainer(docker: Docker, id: string, change: SettingsChange): Promise<readonly string[]> {
	try {
		const answer = await docker.getContainer(id).update(updateBody(change)) as {Warnings?: string[] | null} | undefined;
		return (answer?.Warnings ?? []).map(sanitizeInline);
	} catch (error) {
		throw toEngineError(error);
	}
}

/** Signals `docker kill -s` takes, by name; a number works too. */
const signalPattern = /^(SIG)?[A-Z][A-Z0-9+-]*$|^\d{1,2}$/;

export function signalError(signal: string): string | undefined {
	return signalPattern.test(signal.trim().toUpperCase()) ? undefined : `"${sanitizeInline(signal)}" is not a signal: use a name such as SIGTERM or HUP, or a number.`;
}

export async function killContainer(docker: Docker, id: string, signal: string): Promise<void> {
	const wanted = signal.trim().toUpperCase();
	const invalid = signalError(wanted);
	if (invalid) throw new EngineError('bad-config', invalid);
	try {
		await docker.getContainer(id).kill({signal: wanted});
	} catch (error) {
		throw toEngineError(error);
	}
}

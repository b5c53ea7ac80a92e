import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';

/** What a container's numbers are relative to, from one inspect (not per tick). */
export interface ContainerLimits {
	/** CPUs the container may use (NanoCpus or quota/period); undefined = no limit. */
	readonly cpus: number | undefined;
	/** Relative weight against other containers; undefined = default (1024). */
	readonly cpuShares: number | undefined;
	/** Bytes; undefined = no limit (the host's memory applies). */
	readonly memoryBytes: number | undefined;
	readonly pidsLimit: number | undefined;
	readonly restartCount: number;
	readonly restartPolicy: string;
	readonly startedAt: number | undefined;
}

export interface RawHostConfig {
	readonly NanoCpus?: number;
	readonly CpuQuota?: number;
	readonly CpuPeriod?: number;
	readonly CpuShares?: number;
	readonly Memory?: number;
	readonly PidsLimit?: number | null;
	readonly RestartPolicy?: {readonly Name?: string; readonly MaximumRetryCount?: number};
}

export interface RawInspect {
	readonly HostConfig?: RawHostConfig;
	readonly RestartCount?: number;
	readonly State?: {readonly StartedAt?: string};
}

/** Pure: the limits from an inspect document (tested without an engine). */
export function toLimits(raw: RawInspect): ContainerLimits {
	const host = raw.HostConfig ?? {};
	const quota = host.CpuQuota ?? 0;
	const period = host.CpuPeriod || 100_000;
	const cpus = host.NanoCpus ? host.NanoCpus / 1e9 : quota > 0 ? quota / period : undefined;
	const started = raw.State?.StartedAt ? Date.parse(raw.State.StartedAt) : Number.NaN;
	const policy = host.RestartPolicy?.Name || 'no';
	return {
		cpus,
		cpuShares: host.CpuShares || undefined,
		memoryBytes: host.Memory || undefined,
		pidsLimit: host.PidsLimit && host.PidsLimit > 0 ? host.PidsLimit : undefined,
		restartCount: raw.RestartCount ?? 0,
		restartPolicy: policy === 'on-failure' && host.RestartPolicy?.MaximumRetryCount ? `on-failure:${host.RestartPolicy.MaximumRetryCount}` : policy,
		startedAt: Number.isFinite(started) && started > 0 ? started : undefined,
	};
}

export async function containerLimits(docker: Docker, id: string, signal?: AbortSignal): Promise<ContainerLimits> {
	try {
		const raw = (await docker.getContainer(id).inspect(signal ? {abortSignal: signal} as object : {})) as RawInspect;
		return toLimits(raw);
	} catch (error) {
		throw toEngineError(error);
	}
}

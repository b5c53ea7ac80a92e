import type Docker from 'dockerode';
import {toEngineError} from './errors.js';

/** What the header puts container totals against: the host's CPUs and memory, and how many images and volumes it holds. */
export interface HostInfo {
	readonly cpus: number;
	readonly memoryBytes: number;
	readonly images: number;
	readonly volumes: number;
}

interface RawInfo {
	readonly NCPU?: number;
	readonly MemTotal?: number;
	readonly Images?: number;
}

/** One /info and one /volumes request. */
export async function hostInfo(docker: Docker, signal?: AbortSignal): Promise<HostInfo> {
	const options = signal ? {abortSignal: signal} : {};
	try {
		// @types/dockerode omits the options argument of info(); dockerode passes abortSignal through.
		const info = await (docker.info as (options: object) => Promise<RawInfo>).call(docker, options);
		const volumes = await docker.listVolumes(options);
		return {
			cpus: info.NCPU ?? 0,
			memoryBytes: info.MemTotal ?? 0,
			images: info.Images ?? 0,
			volumes: volumes.Volumes?.length ?? 0,
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

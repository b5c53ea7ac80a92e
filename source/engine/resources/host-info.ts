import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';

/** What the header puts container totals against: the host's CPUs and memory, and how many images and volumes it holds. */
export interface HostInfo {
	readonly cpus: number;
	readonly memoryBytes: number;
	readonly images: number;
	readonly volumes: number;
	/**
	 * The engine's clock minus ours, in ms; undefined if /info has no SystemTime.
	 * Status words count from times on the engine's clock, as `docker ps` does.
	 */
	readonly clockOffsetMs?: number;
}

interface RawInfo {
	readonly NCPU?: number;
	readonly MemTotal?: number;
	readonly Images?: number;
	readonly SystemTime?: string;
}

/**
 * The engine read its clock (SystemTime) while we waited for /info: taken as
 * halfway through the wait, the estimate is off by at most half the round
 * trip, milliseconds where status words change by the second. The words in a
 * list could say the same only to the second, and only for young containers.
 */
export function clockOffset(systemTime: string | undefined, sentAt: number, receivedAt: number): number | undefined {
	const engineNow = Date.parse(systemTime ?? '');
	return Number.isFinite(engineNow) ? Math.round(engineNow - (sentAt + receivedAt) / 2) : undefined;
}

/** One /info and one /volumes request. */
export async function hostInfo(docker: Docker, signal?: AbortSignal): Promise<HostInfo> {
	const options = signal ? {abortSignal: signal} : {};
	try {
		// @types/dockerode omits the options argument of info(); dockerode passes abortSignal through.
		const sentAt = Date.now();
		const info = await (docker.info as (options: object) => Promise<RawInfo>).call(docker, options);
		const clockOffsetMs = clockOffset(info.SystemTime, sentAt, Date.now());
		const volumes = await docker.listVolumes(options);
		return {
			cpus: info.NCPU ?? 0,
			memoryBytes: info.MemTotal ?? 0,
			images: info.Images ?? 0,
			volumes: volumes.Volumes?.length ?? 0,
			...(clockOffsetMs === undefined ? {} : {clockOffsetMs}),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

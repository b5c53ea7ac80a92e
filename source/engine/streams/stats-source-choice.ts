// Whether this berth can read the engine's containers from the kernel: each
// test is one the issue names (a local socket, not Podman, not rootless, the
// engine's own cgroup layout mounted here, a running container's process
// visible in our /proc as that container's), and a failed one is the reason
// shown for using the engine's streams instead.
import {readFileSync, statfsSync} from 'node:fs';
import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';
import {neededMountPoints, parseCgroupMounts, type CgroupDriver, type CgroupVersion} from './cgroup-paths.js';
import {locateContainer, type CgroupHost} from './cgroup-locate.js';
import {memTotal} from './proc-counters.js';

export interface EngineWhere {
	/** The unix socket berth talks to; undefined for tcp:// and ssh:// engines. */
	readonly socketPath: string | undefined;
	/** The endpoint as shown, for the reason. */
	readonly label: string;
	/** "Docker" or "Podman". */
	readonly product: string;
}

interface RawInfo {
	readonly CgroupDriver?: string;
	readonly CgroupVersion?: string;
	readonly SecurityOptions?: readonly string[] | null;
}

// statfs(2) magic numbers of the cgroup file systems: a folder of that name on another file system (a tmpfs over /sys/fs/cgroup) is not one.
const cgroupMagic = new Set([0x27e0eb, 0x63677270]);

function mountedHere(points: readonly string[]): string | undefined {
	for (const point of points) {
		try {
			if (!cgroupMagic.has(Number(statfsSync(point).type))) return `${point} is not a cgroup file system here`;
		} catch {
			return `${point} is not there`;
		}
	}
	return undefined;
}

const readText = (path: string) => {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return undefined;
	}
};

/** The host as the collector will read it, or why the engine's streams are used. */
export async function chooseCgroupHost(docker: Docker, where: EngineWhere, signal: AbortSignal, procRoot = '/proc'): Promise<CgroupHost | string> {
	if (where.socketPath === undefined) return `the engine (${where.label}) is not on this host's socket`;
	if (where.product !== 'Docker') return `${where.product}'s cgroup layout is not read by berth`;
	let info: RawInfo;
	try {
		info = await (docker.info as (options: object) => Promise<RawInfo>).call(docker, {abortSignal: signal});
	} catch (error) {
		return `the engine's /info failed: ${toEngineError(error).message}`;
	}
	if ((info.SecurityOptions ?? []).some(option => option.includes('name=rootless'))) return 'the engine is rootless';
	const version = info.CgroupVersion === '2' ? 2 : info.CgroupVersion === '1' ? 1 : undefined;
	const driver = info.CgroupDriver === 'cgroupfs' || info.CgroupDriver === 'systemd' ? info.CgroupDriver : undefined;
	if (version === undefined || driver === undefined) {
		return `the engine reports cgroup ${info.CgroupVersion ?? '?'} with the ${info.CgroupDriver ?? 'unknown'} driver, which berth does not read`;
	}
	const mountinfo = readText(`${procRoot}/self/mountinfo`);
	if (mountinfo === undefined) return `${procRoot}/self/mountinfo cannot be read`;
	const mounts = parseCgroupMounts(mountinfo);
	const points = neededMountPoints(version, mounts);
	if (typeof points === 'string') return points;
	const missing = mountedHere(points);
	if (missing) return missing;
	const host: CgroupHost = {version: version as CgroupVersion, driver: driver as CgroupDriver, mounts, machineMemory: memTotal(readText(`${procRoot}/meminfo`) ?? ''), procRoot};
	return (await checkOneContainer(docker, host, signal)) ?? host;
}

/** A running container, when there is one, read once: its process must be ours to see and its files readable. */
async function checkOneContainer(docker: Docker, host: CgroupHost, signal: AbortSignal): Promise<string | undefined> {
	let running: ReadonlyArray<{readonly Id: string}>;
	try {
		running = await docker.listContainers({filters: {status: ['running']}, abortSignal: signal} as Docker.ContainerListOptions);
	} catch (error) {
		return `the engine's container list failed: ${toEngineError(error).message}`;
	}
	// A container may stop while it is looked at: the next one is tried, up to three.
	for (const container of running.slice(0, 3)) {
		let located;
		try {
			located = await locateContainer(docker, container.Id, host, signal);
		} catch (error) {
			return `reading container ${container.Id.slice(0, 12)} failed: ${toEngineError(error).message}`;
		}
		if (located.kind === 'unusable') return located.reason;
		if (located.kind === 'found') {
			located.reader.close();
			located.net?.close();
			return undefined;
		}
	}
	return undefined;
}

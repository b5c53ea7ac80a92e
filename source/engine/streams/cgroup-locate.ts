// Finding one running container's counters: its init process from the engine
// (inspect's State.Pid), that process's cgroup from our /proc, checked to be
// the container's own before anything is read. Telling "the container just
// stopped" (try again later) apart from "this host's view is not the engine's"
// (use the engine's streams) is what makes the automatic choice safe.
import {readFileSync} from 'node:fs';
import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';
import {cgroupDirs, isContainerCgroup, parseProcCgroup, type CgroupDriver, type CgroupMount, type CgroupVersion} from './cgroup-paths.js';
import {cgroupReader, type CgroupReader} from './cgroup-counters.js';
import {KeptFile} from './kept-file.js';

/** What the collector knows of this host, found once. */
export interface CgroupHost {
	readonly version: CgroupVersion;
	readonly driver: CgroupDriver;
	readonly mounts: readonly CgroupMount[];
	/** MemTotal: the engine shows it as the limit of a container that has none. */
	readonly machineMemory: number | undefined;
	/** /proc, or another folder in tests. */
	readonly procRoot: string;
}

export type Located =
	| {readonly kind: 'found'; readonly pid: number; readonly reader: CgroupReader; readonly net: KeptFile | undefined}
	/** Not running (any more): nothing to read, and nothing wrong with the collector. */
	| {readonly kind: 'gone'}
	/** This container cannot be read here, and the reason says why (for the status line). */
	| {readonly kind: 'unusable'; readonly reason: string};

interface RawInspect {
	readonly State?: {readonly Running?: boolean; readonly Pid?: number};
	readonly HostConfig?: {readonly NetworkMode?: string};
}

async function inspectPid(docker: Docker, id: string, signal: AbortSignal): Promise<{pid: number; networkMode: string} | undefined> {
	try {
		const raw = await docker.getContainer(id).inspect({abortSignal: signal} as object) as RawInspect;
		const pid = raw.State?.Pid ?? 0;
		return raw.State?.Running && pid > 0 ? {pid, networkMode: raw.HostConfig?.NetworkMode ?? ''} : undefined;
	} catch (error) {
		const engineError = toEngineError(error);
		if (engineError.kind === 'not-found') return undefined;
		throw engineError;
	}
}

const short = (id: string) => id.slice(0, 12);

export async function locateContainer(docker: Docker, id: string, host: CgroupHost, signal: AbortSignal): Promise<Located> {
	const found = await inspectPid(docker, id, signal);
	if (!found) return {kind: 'gone'};
	const {pid} = found;
	// A failure is the host's only if the container is still running as the same process afterwards.
	const unless = async (reason: string): Promise<Located> => {
		const again = await inspectPid(docker, id, signal);
		return again?.pid === pid ? {kind: 'unusable', reason} : {kind: 'gone'};
	};
	let procCgroup: string;
	try {
		procCgroup = readFileSync(`${host.procRoot}/${pid}/cgroup`, 'utf8');
	} catch {
		return unless(`container ${short(id)}'s process ${pid} is not in this /proc: berth does not share the engine's PID namespace`);
	}
	const dirs = cgroupDirs(host.version, parseProcCgroup(procCgroup), host.mounts);
	if (typeof dirs === 'string') return unless(`container ${short(id)}: ${dirs}`);
	if (!isContainerCgroup(dirs.path, id, host.driver)) {
		return unless(`process ${pid} here is not container ${short(id)}'s (cgroup ${dirs.path}): berth does not share the engine's PID namespace`);
	}
	let reader: CgroupReader;
	try {
		reader = cgroupReader(dirs);
		reader.read();
	} catch (error) {
		return unless(`cannot read container ${short(id)}'s cgroup files: ${(error as Error).message}`);
	}
	// On the host's network the engine reports no container networks; neither does berth.
	if (found.networkMode === 'host') return {kind: 'found', pid, reader, net: undefined};
	try {
		return {kind: 'found', pid, reader, net: new KeptFile(`${host.procRoot}/${pid}/net/dev`)};
	} catch (error) {
		reader.close();
		return unless(`cannot read /proc/${pid}/net/dev: ${(error as Error).message}`);
	}
}

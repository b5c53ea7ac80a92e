// Where a container's cgroup files are: its init process's /proc/<pid>/cgroup
// read against our own mount table, never a path guessed from the driver's
// defaults. The engine's /info says which layout (CgroupVersion) and which
// naming (CgroupDriver) to expect; these pure functions are tested on recorded files.

export type CgroupVersion = 1 | 2;
export type CgroupDriver = 'cgroupfs' | 'systemd';

/** The v1 controllers the collector reads (v2 has one hierarchy for all). */
export const v1Controllers = ['cpuacct', 'memory', 'blkio', 'pids'] as const;
export type V1Controller = (typeof v1Controllers)[number];

export interface CgroupMount {
	readonly fsType: 'cgroup' | 'cgroup2';
	/** The cgroup this mount shows at its mount point ("/" unless bind-mounted or namespaced). */
	readonly root: string;
	readonly mountPoint: string;
	/** v1 only: the controllers of this hierarchy, from the super options. */
	readonly controllers: readonly string[];
}

export interface ProcCgroupLine {
	readonly hierarchy: string;
	readonly controllers: readonly string[];
	readonly path: string;
}

/** cgroup v1 mount options that are not controllers (name=... ones are left out by their "="). */
const mountOptions = new Set(['rw', 'ro', 'xattr', 'noprefix', 'clone_children', 'cpuset_v2_mode', 'favordynmods', 'all', 'none']);

/** Octal escapes in mountinfo (a space is \040). */
const unescape = (text: string) => text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));

/** The cgroup and cgroup2 mounts of a /proc/<pid>/mountinfo. */
export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
	const mounts: CgroupMount[] = [];
	for (const line of mountinfo.split('\n')) {
		const separator = line.indexOf(' - ');
		if (separator < 0) continue;
		const before = line.slice(0, separator).split(' ');
		const [fsType, , superOptions = ''] = line.slice(separator + 3).split(' ');
		if (fsType !== 'cgroup' && fsType !== 'cgroup2') continue;
		const root = before[3];
		const mountPoint = before[4];
		if (root === undefined || mountPoint === undefined) continue;
		const controllers = fsType === 'cgroup' ? superOptions.split(',').filter(option => !mountOptions.has(option) && !option.includes('=')) : [];
		mounts.push({fsType, root: unescape(root), mountPoint: unescape(mountPoint), controllers});
	}
	return mounts;
}

/** The lines of a /proc/<pid>/cgroup: "hierarchy-id:controller,list:/path". */
export function parseProcCgroup(text: string): ProcCgroupLine[] {
	const lines: ProcCgroupLine[] = [];
	for (const line of text.split('\n')) {
		const first = line.indexOf(':');
		const second = line.indexOf(':', first + 1);
		if (first < 0 || second < 0) continue;
		const controllers = line.slice(first + 1, second);
		lines.push({hierarchy: line.slice(0, first), controllers: controllers ? controllers.split(',') : [], path: line.slice(second + 1)});
	}
	return lines;
}

/** The folder a cgroup path is at under a mount, or undefined when the mount does not show it. */
function under(mount: CgroupMount, path: string): string | undefined {
	const root = mount.root === '/' ? '' : mount.root;
	if (root && path !== root && !path.startsWith(`${root}/`)) return undefined;
	const rest = path.slice(root.length);
	return `${mount.mountPoint.replace(/\/$/, '')}${rest === '/' ? '' : rest}`;
}

/** The mount showing `path` for this kind, the one with the shortest root (the whole hierarchy) first. */
function mountFor(mounts: readonly CgroupMount[], path: string, wanted: (mount: CgroupMount) => boolean): string | undefined {
	const candidates = mounts.filter(wanted).sort((a, b) => a.root.length - b.root.length);
	for (const mount of candidates) {
		const folder = under(mount, path);
		if (folder !== undefined) return folder;
	}
	return undefined;
}

export type CgroupDirs =
	| {readonly version: 1; readonly path: string; readonly dirs: Readonly<Record<V1Controller, string>>}
	| {readonly version: 2; readonly path: string; readonly dir: string};

/** The folders holding a process's counters, or why they cannot be found. */
export function cgroupDirs(version: CgroupVersion, procCgroup: readonly ProcCgroupLine[], mounts: readonly CgroupMount[]): CgroupDirs | string {
	if (version === 2) {
		const line = procCgroup.find(entry => entry.hierarchy === '0' && entry.controllers.length === 0);
		if (!line) return 'its /proc/<pid>/cgroup has no cgroup v2 line';
		const dir = mountFor(mounts, line.path, mount => mount.fsType === 'cgroup2');
		return dir === undefined ? `no cgroup2 mount shows ${line.path}` : {version: 2, path: line.path, dir};
	}
	const dirs: Partial<Record<V1Controller, string>> = {};
	let path = '';
	for (const controller of v1Controllers) {
		const line = procCgroup.find(entry => entry.controllers.includes(controller));
		if (!line) return `its /proc/<pid>/cgroup has no ${controller} hierarchy`;
		const dir = mountFor(mounts, line.path, mount => mount.fsType === 'cgroup' && mount.controllers.includes(controller));
		if (dir === undefined) return `no cgroup ${controller} mount shows ${line.path}`;
		dirs[controller] = dir;
		if (controller === 'memory') path = line.path;
	}
	return {version: 1, path, dirs: dirs as Record<V1Controller, string>};
}

/**
 * Whether a cgroup path is this container's, named as the engine's driver
 * names it: cgroupfs ends in the id (/docker/<id>), systemd in a scope
 * (system.slice/docker-<id>.scope). Anything else means /proc/<pid> is some
 * other process, as when berth runs in a PID namespace of its own.
 */
export function isContainerCgroup(path: string, id: string, driver: CgroupDriver): boolean {
	const last = path.slice(path.lastIndexOf('/') + 1);
	return driver === 'systemd' ? last.endsWith(`-${id}.scope`) : last === id;
}

/** The mount points the collector needs, to check they are there (not hidden under another file system). */
export function neededMountPoints(version: CgroupVersion, mounts: readonly CgroupMount[]): string[] | string {
	if (version === 2) {
		const mount = mounts.find(entry => entry.fsType === 'cgroup2');
		return mount ? [mount.mountPoint] : 'no cgroup2 file system is mounted';
	}
	const points: string[] = [];
	for (const controller of v1Controllers) {
		const mount = mounts.find(entry => entry.fsType === 'cgroup' && entry.controllers.includes(controller));
		if (!mount) return `no cgroup v1 ${controller} hierarchy is mounted`;
		points.push(mount.mountPoint);
	}
	return [...new Set(points)];
}

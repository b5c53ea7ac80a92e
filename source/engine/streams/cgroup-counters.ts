// What the collector reads from a container's cgroup, and how each file is
// parsed: the figures the engine puts in its stats (containerd's cgroups
// library underneath), so the docker CLI's formulas give the same numbers.
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import type {CgroupDirs} from './cgroup-paths.js';
import {openAll, type KeptFile} from './kept-file.js';

export interface CgroupCounters {
	/** CPU time used since the cgroup was made, in nanoseconds. */
	readonly cpuNs: number;
	readonly memoryUsage: number;
	/** v1 total_inactive_file, v2 inactive_file: page cache the docker CLI does not count as used. */
	readonly inactiveFile: number | undefined;
	/** undefined when the cgroup has no limit. */
	readonly memoryLimit: number | undefined;
	readonly blockRead: number;
	readonly blockWrite: number;
	readonly pids: number;
}

export interface CgroupReader {
	read(): CgroupCounters;
	close(): void;
}

/** A v1 limit of "no limit" is the largest page-aligned 63-bit number; anything near it means none. */
const unlimitedV1 = 2 ** 62;

const integer = (text: string, what: string) => {
	const value = Number(text.trim());
	if (!Number.isFinite(value) || text.trim() === '') throw new Error(`${what} is not a number: ${JSON.stringify(text.slice(0, 40))}`);
	return value;
};

/** One "key value" line of a flat-keyed file (memory.stat, cpu.stat). */
export function statField(text: string, key: string): number | undefined {
	const prefix = `${key} `;
	let start = prefix.length;
	if (!text.startsWith(prefix)) {
		const at = text.indexOf(`\n${prefix}`);
		if (at < 0) return undefined;
		start = at + 1 + prefix.length;
	}
	const end = text.indexOf('\n', start);
	const value = Number(text.slice(start, end < 0 ? undefined : end));
	return Number.isFinite(value) ? value : undefined;
}

/** v1 blkio "8:0 Read 4096" lines, summed over devices (the "Total" lines left out). */
export function blkioTotals(text: string): {readonly read: number; readonly write: number} {
	let read = 0;
	let write = 0;
	for (const line of text.split('\n')) {
		const [, op, value] = line.split(' ');
		if (op === 'Read') read += Number(value) || 0;
		else if (op === 'Write') write += Number(value) || 0;
	}
	return {read, write};
}

/** v2 io.stat "8:0 rbytes=4096 wbytes=0 ..." lines, summed over devices. */
export function ioStatTotals(text: string): {readonly read: number; readonly write: number} {
	let read = 0;
	let write = 0;
	for (const line of text.split('\n')) {
		for (const field of line.split(' ')) {
			if (field.startsWith('rbytes=')) read += Number(field.slice(7)) || 0;
			else if (field.startsWith('wbytes=')) write += Number(field.slice(7)) || 0;
		}
	}
	return {read, write};
}

/** cgroup v1: one folder per controller. */
export function v1Reader(dirs: Extract<CgroupDirs, {version: 1}>['dirs']): CgroupReader {
	// containerd reads CFQ's recursive counters where the kernel has them, else the throttle ones.
	const blkio = existsSync(join(dirs.blkio, 'blkio.io_serviced_recursive')) ? 'blkio.io_service_bytes_recursive' : 'blkio.throttle.io_service_bytes_recursive';
	const files: Record<string, KeptFile> = openAll({
		cpu: join(dirs.cpuacct, 'cpuacct.usage'),
		usage: join(dirs.memory, 'memory.usage_in_bytes'),
		stat: join(dirs.memory, 'memory.stat'),
		limit: join(dirs.memory, 'memory.limit_in_bytes'),
		blkio: join(dirs.blkio, blkio),
		pids: join(dirs.pids, 'pids.current'),
	});
	const text = (key: string) => (files[key] as KeptFile).text();
	return {
		read() {
			const limit = integer(text('limit'), 'memory.limit_in_bytes');
			const block = blkioTotals(text('blkio'));
			return {
				cpuNs: integer(text('cpu'), 'cpuacct.usage'),
				memoryUsage: integer(text('usage'), 'memory.usage_in_bytes'),
				inactiveFile: statField(text('stat'), 'total_inactive_file'),
				memoryLimit: limit >= unlimitedV1 ? undefined : limit,
				blockRead: block.read,
				blockWrite: block.write,
				pids: integer(text('pids'), 'pids.current'),
			};
		},
		close: () => Object.values(files).forEach(file => file.close()),
	};
}

/** cgroup v2: one folder with every controller's files. */
export function v2Reader(dir: string): CgroupReader {
	const files: Record<string, KeptFile> = openAll({
		cpu: join(dir, 'cpu.stat'),
		usage: join(dir, 'memory.current'),
		stat: join(dir, 'memory.stat'),
		limit: join(dir, 'memory.max'),
		io: join(dir, 'io.stat'),
		pids: join(dir, 'pids.current'),
	});
	const text = (key: string) => (files[key] as KeptFile).text();
	return {
		read() {
			const usec = statField(text('cpu'), 'usage_usec');
			if (usec === undefined) throw new Error('cpu.stat has no usage_usec');
			const limit = text('limit').trim();
			const io = ioStatTotals(text('io'));
			return {
				cpuNs: usec * 1000,
				memoryUsage: integer(text('usage'), 'memory.current'),
				inactiveFile: statField(text('stat'), 'inactive_file'),
				memoryLimit: limit === 'max' ? undefined : integer(limit, 'memory.max'),
				blockRead: io.read,
				blockWrite: io.write,
				pids: integer(text('pids'), 'pids.current'),
			};
		},
		close: () => Object.values(files).forEach(file => file.close()),
	};
}

export function cgroupReader(dirs: CgroupDirs): CgroupReader {
	return dirs.version === 1 ? v1Reader(dirs.dirs) : v2Reader(dirs.dir);
}

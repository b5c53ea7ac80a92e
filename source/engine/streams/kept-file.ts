import {closeSync, openSync, readSync} from 'node:fs';

// One buffer for every read: the collector reads files one after another on one thread.
let buffer = Buffer.allocUnsafe(64 * 1024);

/**
 * A kernel file (cgroup counters, /proc) kept open and read again from offset 0
 * each time: one pread instead of open, read and close, so a hundred containers
 * cost a few hundred system calls a second. Each read makes the kernel write
 * the file afresh.
 */
export class KeptFile {
	private fd: number | undefined;

	constructor(readonly path: string) {
		this.fd = openSync(path, 'r');
	}

	/** The whole file as text; throws when it can no longer be read (the cgroup or process went away). */
	text(): string {
		if (this.fd === undefined) throw new Error(`${this.path} is closed`);
		let length = readSync(this.fd, buffer, 0, buffer.length, 0);
		while (length === buffer.length) {
			const bigger = Buffer.allocUnsafe(buffer.length * 2);
			buffer.copy(bigger);
			buffer = bigger;
			length += readSync(this.fd, buffer, length, buffer.length - length, length);
		}
		return buffer.toString('latin1', 0, length);
	}

	close(): void {
		if (this.fd === undefined) return;
		try {
			closeSync(this.fd);
		} catch {
			// Closing a file of a cgroup that is gone cannot fail in a way that matters.
		}
		this.fd = undefined;
	}
}

/** Opens every path or none: on a failure the ones opened are closed again and the error names the file. */
export function openAll<K extends string>(paths: Readonly<Record<K, string>>): Record<K, KeptFile> {
	const opened: Partial<Record<K, KeptFile>> = {};
	try {
		for (const key of Object.keys(paths) as K[]) opened[key] = new KeptFile(paths[key]);
		return opened as Record<K, KeptFile>;
	} catch (error) {
		for (const file of Object.values(opened) as KeptFile[]) file.close();
		throw error;
	}
}

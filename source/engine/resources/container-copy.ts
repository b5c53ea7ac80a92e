// Files in and out of a container through the archive API, with `docker cp`'s
// rules: into an existing folder the source keeps its name; to a path that does
// not exist yet (in a folder that does) it takes that name; a file may replace a
// file, never a folder. What cannot work is refused in words before any byte moves.
import {constants, createWriteStream} from 'node:fs';
import {access, lstat, mkdtemp, readdir, rename, rm, stat} from 'node:fs/promises';
import type {IncomingMessage} from 'node:http';
import {homedir} from 'node:os';
import {basename, dirname, join, posix, resolve} from 'node:path';
import {PassThrough, Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type Docker from 'dockerode';
import tarFs from 'tar-fs';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';

export interface CopyProgress {
	readonly bytes: number;
	/** Undefined while the size is not known (a folder leaving the container). */
	readonly total: number | undefined;
}

export interface CopyResult {
	readonly bytes: number;
	readonly isFolder: boolean;
	/** Where it landed, as a person would type it. */
	readonly target: string;
}

type OnProgress = (progress: CopyProgress) => void;

/** The engine's stat of a path in a container (X-Docker-Container-Path-Stat). */
interface PathStat {
	readonly name: string;
	readonly size: number;
	readonly isFolder: boolean;
}

/** Go's os.ModeDir: the top bit of a 32-bit mode. */
const modeDir = 2 ** 31;

function parseStat(header: string | string[] | undefined): PathStat | undefined {
	if (typeof header !== 'string') return undefined;
	try {
		const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {name?: string; size?: number; mode?: number};
		return {name: raw.name ?? '', size: raw.size ?? 0, isFolder: Math.floor((raw.mode ?? 0) / modeDir) % 2 === 1};
	} catch {
		return undefined;
	}
}

/** `~/x` as the shell would have it; relative paths from where berth runs. */
export function localPath(typed: string): string {
	const trimmed = typed.trim();
	return resolve(trimmed === '~' ? homedir() : trimmed.startsWith('~/') ? join(homedir(), trimmed.slice(2)) : trimmed);
}

/** A container path is absolute (the archive API has no working directory to start from). */
function containerPath(typed: string): string {
	const trimmed = typed.trim();
	if (!trimmed.startsWith('/')) throw new EngineError('bad-config', `"${sanitizeInline(trimmed)}" is not a path in the container: start it with /.`);
	return posix.normalize(trimmed);
}

/** HEAD /containers/{id}/archive: the stat, or undefined when there is no such path. */
async function statIn(docker: Docker, id: string, path: string): Promise<PathStat | undefined> {
	try {
		const response = await docker.getContainer(id).infoArchive({path}) as unknown as IncomingMessage;
		response.resume();
		return parseStat(response.headers['x-docker-container-path-stat']);
	} catch (error) {
		const failure = toEngineError(error);
		// A HEAD answer has no body to tell a missing path from a missing container: the
		// container was just on the list, and a gone one is named by the copy's next call.
		if (failure.kind === 'not-found') return undefined;
		throw failure;
	}
}

async function localStat(path: string) {
	try {
		return await stat(path);
	} catch {
		return undefined;
	}
}

async function mustWrite(folder: string): Promise<void> {
	try {
		await access(folder, constants.W_OK);
	} catch {
		throw new EngineError('permission', `Cannot write to ${folder}: permission denied.`);
	}
}

/** Counts the bytes going by, for the progress bar. */
function counter(onBytes: (bytes: number) => void): Transform {
	let bytes = 0;
	return new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			onBytes(bytes);
			done(null, chunk);
		},
	});
}

/**
 * Copies `container:/path` to a local path. The tar arrives into a fresh
 * folder beside the target and is moved into place whole, so a copy cut short
 * leaves nothing half-written where the person looks.
 */
export async function copyFromContainer(docker: Docker, id: string, from: string, to: string, onProgress: OnProgress, signal?: AbortSignal): Promise<CopyResult> {
	const source = containerPath(from);
	if (source === '/') throw new EngineError('bad-config', 'Name a file or folder inside the container, not / itself: O exports the whole filesystem.');
	const target = localPath(to);
	const found = await statIn(docker, id, source);
	if (!found) throw new EngineError('not-found', `No such file or folder in the container: ${sanitizeInline(source)}.`);
	const existing = await localStat(target);
	const intoFolder = existing?.isDirectory() === true;
	if (existing && !intoFolder && found.isFolder) throw new EngineError('bad-config', `${target} is a file: a folder cannot replace it. Name a folder, or a path that does not exist yet.`);
	const folder = intoFolder ? target : dirname(target);
	const parent = await localStat(folder);
	if (!parent?.isDirectory()) throw new EngineError('not-found', `No such folder here: ${folder}.`);
	await mustWrite(folder);
	const finalName = intoFolder ? basename(found.name) : basename(target);
	const landed = join(folder, finalName);
	const there = await localStat(landed);
	if (there?.isDirectory() && !found.isFolder) throw new EngineError('bad-config', `${landed} is a folder: a file cannot replace it.`);
	const total = found.isFolder ? undefined : found.size;
	let bytes = 0;
	// A folder onto a folder merges into it, as docker cp does; anything else arrives in a fresh
	// folder beside the target and is moved into place whole, so a copy cut short leaves nothing half-written.
	const isMerge = there?.isDirectory() === true;
	const staging = isMerge ? folder : await mkdtemp(join(folder, '.berth-copy-')).catch((error: NodeJS.ErrnoException) => {
		throw new EngineError('permission', `Cannot write to ${folder}: ${error.code === 'EACCES' || error.code === 'EPERM' ? 'permission denied' : error.code === 'EROFS' ? 'a read-only file system' : error.message}.`);
	});
	try {
		const response = await docker.getContainer(id).getArchive({path: source, ...(signal ? {abortSignal: signal} : {})}) as unknown as IncomingMessage;
		const extract = tarFs.extract(staging, {
			chown: false,
			// The archive's top entry is named after the source; it lands under the name asked for.
			map: header => ({...header, name: header.name.replace(/^[^/]+/, finalName)}),
		} as tarFs.ExtractOptions);
		await pipeline(response, counter(count => {
			bytes = count;
			onProgress({bytes, total});
		}), extract, ...(signal ? [{signal}] : []));
		if (!isMerge) {
			if ((await readdir(staging)).length === 0) throw new EngineError('garbled', 'The engine sent an empty archive.');
			// rename replaces a file that is there in one step.
			await rename(join(staging, finalName), landed);
		}
		return {bytes: found.isFolder ? bytes : found.size, isFolder: found.isFolder, target: landed};
	} catch (error) {
		throw signal?.aborted ? new EngineError('unknown', 'Copy cancelled.') : toEngineError(error);
	} finally {
		if (!isMerge) await rm(staging, {recursive: true, force: true});
	}
}

async function sizeOf(path: string): Promise<number> {
	const info = await lstat(path);
	if (!info.isDirectory()) return info.isFile() ? info.size : 0;
	const entries = await readdir(path);
	let total = 0;
	for (const entry of entries) total += await sizeOf(join(path, entry));
	return total;
}

/** Copies a local file or folder into the container at `to`. */
export async function copyIntoContainer(docker: Docker, id: string, from: string, to: string, onProgress: OnProgress, signal?: AbortSignal): Promise<CopyResult> {
	const source = localPath(from);
	const info = await lstat(source).catch(() => undefined);
	if (!info) throw new EngineError('not-found', `No such file or folder here: ${source}.`);
	await access(source, constants.R_OK).catch(() => {
		throw new EngineError('permission', `Cannot read ${source}: permission denied.`);
	});
	const target = containerPath(to);
	const existing = await statIn(docker, id, target);
	const intoFolder = existing?.isFolder === true;
	if (existing && !intoFolder && info.isDirectory()) throw new EngineError('bad-config', `${sanitizeInline(target)} is a file in the container: a folder cannot replace it.`);
	const folder = intoFolder ? target : posix.dirname(target);
	const parent = intoFolder ? existing : await statIn(docker, id, folder);
	if (!parent?.isFolder) throw new EngineError('not-found', `No such folder in the container: ${sanitizeInline(folder)}.`);
	const name = basename(source);
	const finalName = intoFolder ? name : posix.basename(target);
	const total = await sizeOf(source);
	let bytes = 0;
	// docker cp's default: what lands is owned by root in the container, not by the local user.
	const pack = tarFs.pack(dirname(source), {
		entries: [name],
		map: header => ({...header, name: finalName + header.name.slice(name.length), uid: 0, gid: 0}),
	});
	const body = new PassThrough();
	// Held as a value, not a promise left to reject: an engine that refuses early cuts the upload short.
	const sending = pipeline(pack, counter(count => {
		bytes = Math.min(count, total);
		onProgress({bytes, total});
	}), body).then(() => undefined, (error: unknown) => error);
	try {
		await docker.getContainer(id).putArchive(body, {path: folder, noOverwriteDirNonDir: true, ...(signal ? {abortSignal: signal} : {})});
		const failed = await sending;
		if (failed) throw failed;
		return {bytes: total, isFolder: info.isDirectory(), target: posix.join(folder, finalName)};
	} catch (error) {
		pack.destroy();
		if (signal?.aborted) throw new EngineError('unknown', 'Copy cancelled.');
		const failure = toEngineError(error);
		if (failure.statusCode === 403 || /read-only|permission denied/i.test(failure.message)) throw new EngineError('permission', `Cannot write to ${sanitizeInline(folder)} in the container: ${failure.message}`);
		throw failure;
	}
}

/** GET /containers/{id}/export into a local tar file, written beside it first and moved into place when whole. */
export async function exportContainer(docker: Docker, id: string, to: string, onProgress: (bytes: number) => void, signal?: AbortSignal): Promise<{readonly bytes: number; readonly target: string}> {
	const target = localPath(to);
	const existing = await localStat(target);
	if (existing?.isDirectory()) throw new EngineError('bad-config', `${target} is a folder: name the tar file to write.`);
	const folder = dirname(target);
	if (!(await localStat(folder))?.isDirectory()) throw new EngineError('not-found', `No such folder here: ${folder}.`);
	await mustWrite(folder);
	const partial = join(folder, `.${basename(target)}.berth-partial`);
	let bytes = 0;
	try {
		const response = await docker.getContainer(id).export(signal ? {abortSignal: signal} : {}) as unknown as IncomingMessage;
		await pipeline(response, counter(count => {
			bytes = count;
			onProgress(bytes);
		}), createWriteStream(partial), ...(signal ? [{signal}] : []));
		await rename(partial, target);
		return {bytes, target};
	} catch (error) {
		await rm(partial, {force: true});
		throw signal?.aborted ? new EngineError('unknown', 'Export cancelled.') : toEngineError(error);
	}
}

// Images to and from tar files, as `docker save`, `docker load` and
// `docker import` do. A save is written beside its target and renamed into
// place once whole, so a cancelled or failed save leaves no half file.
import {createReadStream, createWriteStream} from 'node:fs';
import {rename, rm, stat} from 'node:fs/promises';
import {Transform} from 'node:stream';
import {pipeline} from 'node:stream/promises';
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {followProgressStream, type ProgressEvent, type StreamOutcome} from '../streams/progress.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {referenceError, splitReference} from './images.js';

async function fileSize(path: string): Promise<number | undefined> {
	try {
		const info = await stat(path);
		return info.isFile() ? info.size : undefined;
	} catch {
		return undefined;
	}
}

/** "./busybox-latest.tar" for "busybox:latest": where `S` offers to save, in the directory berth runs in. */
export function archiveName(references: readonly string[]): string {
	const first = references[0] ?? 'images';
	const base = first.replace(/^sha256:/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'image';
	return `${base}${references.length > 1 ? `-and-${references.length - 1}-more` : ''}.tar`;
}

/** Saves the images into one tar at path; onBytes hears how much is written. Overwrites only when asked to. */
export async function saveImages(
	docker: Docker,
	references: readonly string[],
	path: string,
	options: {readonly overwrite: boolean; readonly signal: AbortSignal; readonly onBytes?: (bytes: number) => void},
): Promise<StreamOutcome> {
	const target = path.trim();
	if (references.length === 0) throw new EngineError('bad-config', 'No image to save.');
	if (!target) throw new EngineError('bad-config', 'Type the file to save to, e.g. ./images.tar.');
	if (!options.overwrite && (await stat(target).then(() => true, () => false))) {
		throw new EngineError('conflict', `${sanitizeInline(target)} exists; turn on "Overwrite" to replace it.`);
	}
	const partial = `${target}.partial`;
	let written = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			written += chunk.length;
			options.onBytes?.(written);
			done(null, chunk);
		},
	});
	try {
		// dockerode has getImages (GET /images/get, several names) but its types do not declare it.
		const withGetImages = docker as unknown as {getImages: (options: Record<string, unknown>) => Promise<NodeJS.ReadableStream>};
		const stream = await withGetImages.getImages({names: [...references], abortSignal: options.signal});
		await pipeline(stream, counter, createWriteStream(partial, {mode: 0o644}), {signal: options.signal});
		await rename(partial, target);
		return 'done';
	} catch (error) {
		await rm(partial, {force: true}).catch(() => undefined);
		if (options.signal.aborted) return 'cancelled';
		const code = (error as NodeJS.ErrnoException).code;
		if (code && /^E[A-Z]+$/.test(code) && (error as {statusCode?: number}).statusCode === undefined && code !== 'ECONNRESET' && code !== 'ECONNREFUSED') {
			throw new EngineError('bad-config', `Cannot write ${sanitizeInline(target)}: ${code}.`);
		}
		throw toEngineError(error);
	}
}

async function archiveStream(path: string): Promise<NodeJS.ReadableStream> {
	const trimmed = path.trim();
	if (!trimmed) throw new EngineError('bad-config', 'Type the path of a tar file.');
	if ((await fileSize(trimmed)) === undefined) throw new EngineError('bad-config', `${sanitizeInline(trimmed)} is not a file berth can read.`);
	return createReadStream(trimmed);
}

/** The images a load names ("Loaded image: busybox:latest", "Loaded image ID: sha256:…"). */
export function loadedImages(events: readonly ProgressEvent[]): string[] {
	return events.flatMap(event => {
		const match = /^Loaded image(?: ID)?: (.+)$/m.exec(event.stream ?? '');
		return match?.[1] ? [sanitizeInline(match[1].trim())] : [];
	});
}

/** Loads a tar made by `docker save`, with the engine's per-layer progress. */
export async function loadImages(docker: Docker, path: string, signal: AbortSignal, onEvents: (events: readonly ProgressEvent[]) => void): Promise<StreamOutcome> {
	const file = await archiveStream(path);
	let stream: NodeJS.ReadableStream;
	try {
		stream = await docker.loadImage(file, {quiet: false, abortSignal: signal} as unknown as {quiet: boolean});
	} catch (error) {
		if (signal.aborted) return 'cancelled';
		throw toEngineError(error);
	}
	return followProgressStream(docker, stream, signal, onEvents);
}

/** Makes an image from a filesystem tar (`docker import`), named repository:tag. */
export async function importImage(
	docker: Docker,
	path: string,
	reference: string,
	signal: AbortSignal,
	onEvents: (events: readonly ProgressEvent[]) => void,
	message = '',
): Promise<StreamOutcome> {
	const invalid = referenceError(reference);
	if (invalid) throw invalid;
	const file = await archiveStream(path);
	const {repository, tag} = splitReference(reference.trim());
	let stream: NodeJS.ReadableStream;
	try {
		stream = await docker.importImage(file, {repo: repository, tag, ...(message.trim() ? {message: message.trim()} : {}), abortSignal: signal} as unknown as Record<string, string>);
	} catch (error) {
		if (signal.aborted) return 'cancelled';
		throw toEngineError(error);
	}
	return followProgressStream(docker, stream, signal, onEvents);
}

import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import type {RegistryAuth} from '../registry/credentials.js';
import {followProgressStream, type ProgressEvent, type StreamOutcome} from '../streams/progress.js';

/** One row per repository:tag, like `docker images`; an untagged image is one "<none>:<none>" row. */
export interface ImageSummary {
	readonly id: string;
	readonly shortId: string;
	/** "repo:tag", or "<none>:<none>" for a dangling image. */
	readonly reference: string;
	readonly repoTags: readonly string[];
	readonly size: number;
	readonly createdAt: number;
	/** Containers (any state) created from this image. */
	readonly containers: number;
	readonly isDangling: boolean;
	readonly labels: Readonly<Record<string, string>>;
}

export function shortImageId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}

const none = '<none>:<none>';

export async function listImages(docker: Docker, signal?: AbortSignal): Promise<ImageSummary[]> {
	try {
		const opts = signal ? {abortSignal: signal} : {};
		const [images, containers] = await Promise.all([docker.listImages(opts), docker.listContainers({all: true, ...opts})]);
		// The list endpoint reports Containers as -1 unless asked for usage; counting here costs no extra call.
		const using = new Map<string, number>();
		for (const container of containers) using.set(container.ImageID, (using.get(container.ImageID) ?? 0) + 1);
		return images.flatMap(image => {
			const tags = (image.RepoTags ?? []).filter(tag => tag !== none).map(tag => sanitizeInline(tag));
			const base = {
				id: image.Id,
				shortId: shortImageId(image.Id),
				repoTags: tags,
				size: image.Size,
				createdAt: image.Created,
				containers: using.get(image.Id) ?? 0,
				isDangling: tags.length === 0,
				labels: sanitizeLabels(image.Labels),
			};
			return tags.length === 0 ? [{...base, reference: none}] : tags.map(reference => ({...base, reference}));
		});
	} catch (error) {
		throw toEngineError(error);
	}
}

export function sanitizeLabels(labels: Readonly<Record<string, string>> | null | undefined): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(labels ?? {})) out[sanitizeInline(key)] = sanitizeInline(value);
	return out;
}

export interface ImageDetail {
	readonly id: string;
	readonly repoTags: readonly string[];
	readonly created: string;
	readonly architecture: string;
	readonly os: string;
	readonly size: number;
	readonly entrypoint: readonly string[];
	readonly cmd: readonly string[];
	readonly workingDir: string;
	readonly user: string;
	readonly env: readonly string[];
	readonly exposedPorts: readonly string[];
	readonly labels: Readonly<Record<string, string>>;
	readonly layers: readonly string[];
}

const clean = (values: readonly string[] | null | undefined) => (values ?? []).map(value => sanitizeInline(value));

export async function inspectImage(docker: Docker, reference: string): Promise<ImageDetail> {
	try {
		const raw = await docker.getImage(reference).inspect();
		const config = raw.Config ?? ({} as Docker.ImageInspectInfo['Config']);
		return {
			id: raw.Id,
			repoTags: clean(raw.RepoTags),
			created: raw.Created,
			architecture: sanitizeInline(raw.Architecture ?? ''),
			os: sanitizeInline(raw.Os ?? ''),
			size: raw.Size,
			entrypoint: clean(typeof config.Entrypoint === 'string' ? [config.Entrypoint] : config.Entrypoint),
			cmd: clean(config.Cmd),
			workingDir: sanitizeInline(config.WorkingDir ?? ''),
			user: sanitizeInline(config.User ?? ''),
			env: clean(config.Env),
			exposedPorts: Object.keys(config.ExposedPorts ?? {}).map(port => sanitizeInline(port)).sort(),
			labels: sanitizeLabels(config.Labels),
			layers: clean(raw.RootFS?.Layers),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface HistoryEntry {
	readonly id: string;
	readonly createdAt: number;
	readonly createdBy: string;
	readonly size: number;
	readonly comment: string;
}

interface RawHistory {
	readonly Id: string;
	readonly Created: number;
	readonly CreatedBy: string;
	readonly Size: number;
	readonly Comment?: string;
}

export async function imageHistory(docker: Docker, reference: string): Promise<HistoryEntry[]> {
	try {
		const raw = (await docker.getImage(reference).history()) as RawHistory[];
		return raw.map(entry => ({
			id: entry.Id === '<missing>' ? '<missing>' : shortImageId(entry.Id),
			createdAt: entry.Created,
			// "/bin/sh -c #(nop) CMD …" is how the legacy builder marks metadata-only steps.
			createdBy: sanitizeInline(entry.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '')),
			size: entry.Size,
			comment: sanitizeInline(entry.Comment ?? ''),
		}));
	} catch (error) {
		throw toEngineError(error);
	}
}

/** "name[:tag]" or "host:port/name[:tag]" or "name@digest" → repository and tag, like the docker CLI. */
export function splitReference(reference: string): {readonly repository: string; readonly tag: string} {
	const at = reference.indexOf('@');
	if (at !== -1) return {repository: reference.slice(0, at), tag: reference.slice(at + 1)};
	const slash = reference.lastIndexOf('/');
	const colon = reference.lastIndexOf(':');
	if (colon > slash) return {repository: reference.slice(0, colon), tag: reference.slice(colon + 1)};
	return {repository: reference, tag: 'latest'};
}

export function referenceError(reference: string): EngineError | undefined {
	const trimmed = reference.trim();
	if (!trimmed) return new EngineError('bad-config', 'Type an image name, e.g. busybox:latest.');
	if (/\s/.test(trimmed)) return new EngineError('bad-config', `"${sanitizeInline(trimmed)}" is not an image name: it has spaces.`);
	return undefined;
}

/** The docker CLI's credentials for the image's registry (see engine/registry), when it has some. */
export interface RegistryOptions {
	readonly auth?: RegistryAuth;
}

/**
 * Pulls an image. Progress events arrive in batches (see followProgressStream);
 * aborting the signal stops the pull and resolves 'cancelled'.
 */
export async function pullImage(
	docker: Docker,
	reference: string,
	signal: AbortSignal,
	onEvents: (events: readonly ProgressEvent[]) => void,
	options: RegistryOptions = {},
): Promise<StreamOutcome> {
	const invalid = referenceError(reference);
	if (invalid) throw invalid;
	let stream: NodeJS.ReadableStream;
	try {
		const trimmed = reference.trim();
		const {repository, tag} = splitReference(trimmed);
		// Without a tag the engine would pull every tag of the repository; a digest names one image by itself.
		const query = trimmed.includes('@') ? {fromImage: trimmed} : {fromImage: repository, tag};
		stream = await docker.createImage({...query, abortSignal: signal, ...(options.auth ? {authconfig: options.auth} : {})});
	} catch (error) {
		if (signal.aborted) return 'cancelled';
		throw toEngineError(error);
	}
	return followProgressStream(docker, stream, signal, onEvents);
}

export async function pushImage(
	docker: Docker,
	reference: string,
	signal: AbortSignal,
	onEvents: (events: readonly ProgressEvent[]) => void,
	options: RegistryOptions = {},
): Promise<StreamOutcome> {
	let stream: NodeJS.ReadableStream;
	try {
		const {repository, tag} = splitReference(reference);
		// The engine insists on an X-Registry-Auth header even for registries without auth; an empty one is fine.
		stream = await docker.getImage(repository).push({tag, abortSignal: signal, authconfig: options.auth ?? {}} as Docker.ImagePushOptions);
	} catch (error) {
		if (signal.aborted) return 'cancelled';
		throw toEngineError(error);
	}
	return followProgressStream(docker, stream, signal, onEvents);
}

export async function tagImage(docker: Docker, source: string, target: string): Promise<void> {
	const invalid = referenceError(target);
	if (invalid) throw invalid;
	const {repository, tag} = splitReference(target.trim());
	try {
		await docker.getImage(source).tag({repo: repository, tag});
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface RemovedImages {
	readonly untagged: readonly string[];
	readonly deleted: readonly string[];
}

export async function removeImage(docker: Docker, reference: string, options: {readonly force: boolean}): Promise<RemovedImages> {
	try {
		const raw = (await docker.getImage(reference).remove({force: options.force})) as Array<{Untagged?: string; Deleted?: string}>;
		return {
			untagged: raw.flatMap(item => (item.Untagged ? [sanitizeInline(item.Untagged)] : [])),
			deleted: raw.flatMap(item => (item.Deleted ? [shortImageId(item.Deleted)] : [])),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface ImagePruneOptions {
	/** false: dangling images only (the engine's default); true: every image no container uses. */
	readonly all: boolean;
	/** Only images with this label ("key" or "key=value"); tests use it to stay within their own images. */
	readonly label?: string;
}

export interface ImagePrunePreview {
	readonly images: readonly ImageSummary[];
	/** What the engine will free, at most: layers shared with kept images stay. */
	readonly reclaimable: number;
}

function matchesLabel(labels: Readonly<Record<string, string>>, label: string | undefined): boolean {
	if (!label) return true;
	const [key = '', value] = label.split('=', 2);
	return value === undefined ? key in labels : labels[key] === value;
}

/** What `pruneImages` with the same options would remove, computed from the same rules the engine uses. */
export async function previewImagePrune(docker: Docker, options: ImagePruneOptions): Promise<ImagePrunePreview> {
	const rows = await listImages(docker);
	const byId = new Map<string, ImageSummary>();
	for (const row of rows) {
		const candidate = options.all ? row.containers === 0 : row.isDangling && row.containers === 0;
		if (candidate && matchesLabel(row.labels, options.label) && !byId.has(row.id)) byId.set(row.id, row);
	}
	const images = [...byId.values()];
	let shared = new Map<string, number>();
	try {
		// SharedSize is only filled in by the disk-usage endpoint.
		const df = (await docker.df()) as {Images?: Array<{Id: string; SharedSize?: number}>};
		shared = new Map((df.Images ?? []).map(image => [image.Id, Math.max(0, image.SharedSize ?? 0)]));
	} catch {
		// Without df the sum of sizes is still an honest upper bound.
	}
	const reclaimable = images.reduce((sum, image) => sum + Math.max(0, image.size - (shared.get(image.id) ?? 0)), 0);
	return {images, reclaimable};
}

export interface PruneResult {
	readonly deleted: readonly string[];
	readonly reclaimed: number;
}

export async function pruneImages(docker: Docker, options: ImagePruneOptions): Promise<PruneResult> {
	const filters: Record<string, string[]> = {dangling: [options.all ? 'false' : 'true']};
	if (options.label) filters['label'] = [options.label];
	try {
		const raw = (await docker.pruneImages({filters})) as {ImagesDeleted?: Array<{Deleted?: string; Untagged?: string}> | null; SpaceReclaimed?: number};
		return {
			deleted: (raw.ImagesDeleted ?? []).flatMap(item => (item.Deleted ? [shortImageId(item.Deleted)] : [])),
			reclaimed: raw.SpaceReclaimed ?? 0,
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export {buildImage, type BuildResult} from './build-image.js';

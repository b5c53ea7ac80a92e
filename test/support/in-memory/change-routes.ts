// Changing a container in place and moving its files: rename, update, commit,
// and the archive and export endpoints. A container's files are a real folder
// under the stand-in's temp dir (made when a test puts a file in, or a copy
// does), packed and unpacked with tar as the engine does it, with the engine's
// stat header and its answers for a missing path.
import {existsSync, lstatSync, mkdirSync} from 'node:fs';
import {basename, dirname, join, posix} from 'node:path';
import {pipeline} from 'node:stream/promises';
import tarFs from 'tar-fs';
import {notFound, type Answer, type Route, type RouteContext} from './container-routes.js';
import type {ContainerRecord, EngineModel} from './model.js';
import {newId, normalizeReference} from './model.js';

/** The folder that stands for a container's root filesystem. */
export function rootOf(model: EngineModel, container: ContainerRecord): string {
	const root = join(model.filesRoot, container.id);
	mkdirSync(root, {recursive: true});
	return root;
}

function withContainer(handle: (container: ContainerRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const reference = context.params[0] ?? '';
		const container = context.model.findContainer(reference);
		return container ? handle(container, context) : notFound(`No such container: ${reference}`);
	};
}

/** X-Docker-Container-Path-Stat: base64 JSON with Go's file mode (the directory bit is 1 << 31). */
function statHeader(path: string, name: string): string {
	const info = lstatSync(path);
	const mode = (info.mode & 0o777) + (info.isDirectory() ? 2 ** 31 : 0) + (info.isSymbolicLink() ? 2 ** 27 : 0);
	return Buffer.from(JSON.stringify({name, size: info.size, mode, mtime: info.mtime.toISOString(), linkTarget: ''})).toString('base64');
}

function archive(isHead: boolean) {
	return withContainer((container, {model, query, res}) => {
		const wanted = posix.normalize(query.get('path') ?? '/');
		const local = join(rootOf(model, container), wanted);
		if (!existsSync(local)) return isHead ? {status: 404} : notFound(`Could not find the file ${wanted} in container ${container.name}`);
		res.setHeader('X-Docker-Container-Path-Stat', statHeader(local, posix.basename(wanted) || '/'));
		if (isHead) return {status: 200};
		res.writeHead(200, {'Content-Type': 'application/x-tar'});
		void pipeline(tarFs.pack(dirname(local), {entries: [basename(local)]}), res).catch(() => res.destroy());
		return undefined;
	});
}

const putArchive = withContainer((container, {model, query, body, res}) => {
	const wanted = posix.normalize(query.get('path') ?? '/');
	const local = join(rootOf(model, container), wanted);
	if (!existsSync(local) || !lstatSync(local).isDirectory()) return notFound(`Could not find the file ${wanted} in container ${container.name}`);
	if (container.readOnlyPaths.some(path => wanted === path || wanted.startsWith(`${path}/`))) return {status: 403, body: {message: `container rootfs is marked read-only`}};
	const extract = tarFs.extract(local);
	extract.on('finish', () => res.writeHead(200).end());
	extract.on('error', (error: Error) => res.writeHead(500, {'Content-Type': 'application/json'}).end(JSON.stringify({message: error.message})));
	extract.end(body instanceof Buffer ? body : Buffer.alloc(0));
	return undefined;
});

const exportContainer = withContainer((container, {model, res}) => {
	res.writeHead(200, {'Content-Type': 'application/x-tar'});
	void pipeline(tarFs.pack(rootOf(model, container)), res).catch(() => res.destroy());
	return undefined;
});

const renameContainer = withContainer((container, {model, query}) => {
	const name = (query.get('name') ?? '').replace(/^\//, '');
	if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return {status: 400, body: {message: `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`}};
	const taken = model.findContainer(name);
	if (taken?.name === name) return {status: 409, body: {message: `Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${taken.id}". You have to remove (or rename) that container to be able to reuse that name.`}};
	const oldName = container.name;
	container.name = name;
	model.emitContainer(container, 'rename', {oldName: `/${oldName}`});
	return {status: 204};
});

interface UpdateBody {
	NanoCpus?: number;
	Memory?: number;
	MemorySwap?: number;
	PidsLimit?: number;
	RestartPolicy?: {Name?: string; MaximumRetryCount?: number};
}

const updateContainer = withContainer((container, {model, body}) => {
	const wanted = (body ?? {}) as UpdateBody;
	const limits = container.limits;
	const memory = wanted.Memory ?? limits.memory;
	const swap = wanted.MemorySwap ?? limits.memorySwap;
	if (memory > 0 && swap > 0 && swap < memory) return {status: 400, body: {message: 'Cannot update container: Minimum memoryswap limit should be larger than memory limit, see usage'}};
	container.limits = {
		memory,
		memorySwap: swap,
		nanoCpus: wanted.NanoCpus ?? limits.nanoCpus,
		pidsLimit: wanted.PidsLimit === undefined ? limits.pidsLimit : Math.max(0, wanted.PidsLimit),
	};
	if (wanted.RestartPolicy) container.restartPolicy = {name: wanted.RestartPolicy.Name ?? '', maximumRetryCount: wanted.RestartPolicy.MaximumRetryCount ?? 0};
	model.emitContainer(container, 'update');
	return {status: 200, body: {Warnings: []}};
});

/** POST /commit: a new image with the container's image config, tagged as asked. */
function commit({model, query}: RouteContext): Answer {
	const reference = query.get('container') ?? '';
	const container = model.findContainer(reference);
	if (!container) return notFound(`No such container: ${reference}`);
	const base = model.images.get(container.imageId);
	const repo = query.get('repo') ?? '';
	const tag = repo ? normalizeReference(`${repo}:${query.get('tag') || 'latest'}`) : undefined;
	const id = `sha256:${newId()}`;
	for (const other of model.images.values()) other.tags = other.tags.filter(existing => existing !== tag);
	model.images.set(id, {
		id, tags: tag ? [tag] : [], size: (base?.size ?? 0) + container.sizeRw, createdAt: Date.now(), labels: {...base?.labels},
		config: base?.config ?? {cmd: [...container.command], entrypoint: [], env: [...container.env], workingDir: '', user: '', exposedPorts: []},
		layers: [...(base?.layers ?? []), `sha256:${newId()}`],
		history: [...(base?.history ?? []), {createdBy: container.command.join(' '), size: container.sizeRw, comment: query.get('comment') ?? ''}],
		sharedSize: 0,
	});
	model.emitContainer(container, 'commit', {comment: query.get('comment') ?? ''});
	return {status: 201, body: {Id: id}};
}

export const changeRoutes: readonly Route[] = [
	['HEAD', /^\/containers\/([^/]+)\/archive$/, archive(true)],
	['GET', /^\/containers\/([^/]+)\/archive$/, archive(false)],
	['PUT', /^\/containers\/([^/]+)\/archive$/, putArchive],
	['GET', /^\/containers\/([^/]+)\/export$/, exportContainer],
	['POST', /^\/containers\/([^/]+)\/rename$/, renameContainer],
	['POST', /^\/containers\/([^/]+)\/update$/, updateContainer],
	['POST', /^\/commit$/, commit],
];

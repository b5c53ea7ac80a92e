// The image endpoints berth calls: list, inspect, history, tag, remove, prune,
// and pull and push with the engine's progress lines.
import {createHash} from 'node:crypto';
import {notFound, type Answer, type Route, type RouteContext} from './container-routes.js';
import type {Outcome} from './lifecycle.js';
import {normalizeReference, type EngineModel, type ImageRecord} from './model.js';
import {imageHistory, imageInspect, imageSummary} from './resource-shapes.js';
import {answerProgress} from './streams.js';
import {importRoute, loginRefusal} from './archive-routes.js';
import {parseFilters} from './event-bus.js';

const isTrue = (value: string | null) => value === '1' || value === 'true';
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function withImage(handle: (image: ImageRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const reference = context.params[0] ?? '';
		const image = context.model.findImage(reference);
		return image ? handle(image, context) : notFound(`No such image: ${normalizeReference(reference)}`);
	};
}

/** Deletes the image record with its events; what it answers in ImagesDeleted. */
function deleteImage(model: EngineModel, image: ImageRecord): Array<{Untagged?: string; Deleted?: string}> {
	const items: Array<{Untagged?: string; Deleted?: string}> = image.tags.map(tag => ({Untagged: tag}));
	for (const tag of image.tags) model.bus.publish('image', 'untag', image.id, {name: tag});
	model.images.delete(image.id);
	model.bus.publish('image', 'delete', image.id, {name: image.id});
	return [...items, {Deleted: image.id}];
}

/** DELETE /images/{name}: a tag of several is only untagged; the last one (or the id) deletes the image. */
function removeImage(image: ImageRecord, {model, params, query}: RouteContext): Outcome {
	const reference = params[0] ?? '';
	const force = isTrue(query.get('force'));
	const tag = image.tags.find(candidate => candidate === normalizeReference(reference));
	if (tag && image.tags.length > 1) {
		image.tags = image.tags.filter(candidate => candidate !== tag);
		model.bus.publish('image', 'untag', image.id, {name: tag});
		return {status: 200, body: [{Untagged: tag}]};
	}
	if (!tag && image.tags.length > 1 && !force) {
		return {status: 409, body: {message: `conflict: unable to delete ${shortId(image.id)} (must be forced) - image is referenced in multiple repositories`}};
	}
	const users = model.usersOfImage(image.id);
	const running = users.find(user => model.isActive(user));
	if (running) return {status: 409, body: {message: `conflict: unable to ${tag ? `remove repository reference "${reference}"` : `delete ${shortId(image.id)}`} (cannot be forced) - image is being used by running container ${shortId(running.id)}`}};
	if (users[0] && !force) return {status: 409, body: {message: `conflict: unable to ${tag ? `remove repository reference "${reference}"` : `delete ${shortId(image.id)}`} (must force) - container ${shortId(users[0].id)} is using its referenced image ${shortId(image.id)}`}};
	return {status: 200, body: deleteImage(model, image)};
}

/** POST /images/prune: dangling (untagged) images no container uses, or with dangling=false every unused one. */
function pruneImages({model, query}: RouteContext): Outcome {
	const filters = parseFilters(query.get('filters'));
	if (filters instanceof Error) return {status: 400, body: {message: filters.message}};
	const onlyDangling = (filters['dangling'] ?? ['true']).every(value => isTrue(value));
	const label = filters['label'];
	const chosen = [...model.images.values()].filter(image => model.usersOfImage(image.id).length === 0 && (!onlyDangling || image.tags.length === 0)
		&& (!label || label.every(value => {
			const [key = '', expected] = value.split('=', 2);
			return expected === undefined ? key in image.labels : image.labels[key] === expected;
		})));
	const deleted = chosen.flatMap(image => deleteImage(model, image));
	const reclaimed = chosen.reduce((sum, image) => sum + image.size - image.sharedSize, 0);
	model.bus.publish('image', 'prune', '', {reclaimed: String(reclaimed)});
	return {status: 200, body: {ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed}};
}

const fakeDigest = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** POST /images/create: pulls an image the stand-in's registry knows (engine.addRemoteImage), with per-layer progress. */
function pullImage(context: RouteContext): Answer {
	const {model, query, res, req} = context;
	if (query.get('fromSrc')) return importRoute(context);
	const from = query.get('fromImage') ?? '';
	const reference = normalizeReference(query.get('tag') ? `${from}:${query.get('tag')}` : from);
	const refused = loginRefusal(model, reference, req);
	if (refused) return refused;
	const remote = model.registry.get(reference);
	const repository = reference.slice(0, reference.lastIndexOf(':'));
	if (!remote) return notFound(`pull access denied for ${repository}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`);
	const layers = Array.from({length: remote.layers}, (_, index) => fakeDigest(`${reference}#${index}`).slice(7, 19));
	const perLayer = Math.floor(remote.size / remote.layers);
	const lines = [
		{status: `Pulling from ${repository}`, id: reference.slice(repository.length + 1)},
		...layers.flatMap(id => [
			{status: 'Pulling fs layer', progressDetail: {}, id},
			{status: 'Downloading', progressDetail: {current: perLayer, total: perLayer}, progress: '[==================================================>]', id},
			{status: 'Pull complete', progressDetail: {}, id},
		]),
		{status: `Digest: ${fakeDigest(reference)}`},
		{status: `Status: Downloaded newer image for ${reference}`},
	];
	const existing = model.findImage(reference);
	if (!existing) {
		const id = fakeDigest(`image ${reference}`);
		model.images.set(id, {id, tags: [reference], size: remote.size, createdAt: Date.now() - 86_400_000, labels: {}, layers: layers.map(fakeDigest), history: [], sharedSize: 0, config: {cmd: ['sh'], entrypoint: [], env: ['PATH=/bin'], workingDir: '', user: '', exposedPorts: []}});
	}
	// dockerd says "pull" for an image already up to date too.
	model.bus.publish('image', 'pull', reference, {name: reference});
	answerProgress(res, lines);
	return undefined;
}

/** POST /images/{name}/push: "pushes" to the stand-in's registry, which a later pull then finds. */
function pushImage({model, params, query, req, res}: RouteContext): Answer {
	if (!req.headers['x-registry-auth']) return {status: 400, body: {message: 'X-Registry-Auth header is required'}};
	const reference = normalizeReference(query.get('tag') ? `${params[0] ?? ''}:${query.get('tag')}` : params[0] ?? '');
	const refused = loginRefusal(model, reference, req);
	if (refused) {
		// dockerd starts a push's stream before it meets the registry: the refusal is its error line.
		const message = (refused.body as {message: string}).message;
		answerProgress(res, [{status: `The push refers to repository [${reference.slice(0, reference.lastIndexOf(':'))}]`}, {errorDetail: {message}, error: message}]);
		return undefined;
	}
	const image = model.findImage(reference);
	if (!image || !image.tags.includes(reference)) {
		answerProgress(res, [{errorDetail: {message: `An image does not exist locally with the tag: ${params[0] ?? ''}`}, error: `An image does not exist locally with the tag: ${params[0] ?? ''}`}]);
		return undefined;
	}
	const ids = image.layers.map(layer => layer.replace(/^sha256:/, '').slice(0, 12));
	model.registry.set(reference, {size: image.size, layers: Math.max(1, ids.length)});
	model.bus.publish('image', 'push', reference, {name: reference});
	answerProgress(res, [
		{status: `The push refers to repository [${reference.slice(0, reference.lastIndexOf(':'))}]`},
		...ids.flatMap(id => [{status: 'Preparing', progressDetail: {}, id}, {status: 'Pushed', progressDetail: {}, id}]),
		{status: `${reference.slice(reference.lastIndexOf(':') + 1)}: digest: ${fakeDigest(reference)} size: 528`},
		{progressDetail: {}, aux: {Tag: reference.slice(reference.lastIndexOf(':') + 1), Digest: fakeDigest(reference), Size: 528}},
	]);
	return undefined;
}

export const imageRoutes: readonly Route[] = [
	['GET', /^\/images\/json$/, ({model, identity}) => ({status: 200, body: [...model.images.values()].sort((a, b) => b.createdAt - a.createdAt).map(image => imageSummary(identity, image))})],
	['POST', /^\/images\/prune$/, pruneImages],
	['POST', /^\/images\/create$/, pullImage],
	['GET', /^\/images\/(.+)\/json$/, withImage((image, {identity}) => ({status: 200, body: imageInspect(identity, image)}))],
	['GET', /^\/images\/(.+)\/history$/, withImage(image => ({status: 200, body: imageHistory(image)}))],
	['POST', /^\/images\/(.+)\/push$/, pushImage],
	['POST', /^\/images\/(.+)\/tag$/, withImage((image, {model, query}) => {
		const repo = query.get('repo') ?? '';
		if (!repo) return {status: 400, body: {message: 'repository name must have at least one component'}};
		const target = `${repo}:${query.get('tag') || 'latest'}`;
		for (const other of model.images.values()) other.tags = other.tags.filter(tag => tag !== target);
		image.tags = [...image.tags, target];
		model.bus.publish('image', 'tag', image.id, {name: target});
		return {status: 201};
	})],
	['DELETE', /^\/images\/(.+)$/, withImage(removeImage)],
];

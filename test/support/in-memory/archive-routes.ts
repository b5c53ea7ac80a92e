// Registry logins, image archives and builds for the stand-in engine: POST
// /auth against the logins a test set (requireRegistryLogin), the login check
// pulls and pushes make, save (GET /images/get) and load, import, and builds
// (recorded, answered in the classic builder's words whatever builder was asked:
// BuildKit's protobuf trace is the real engine tests' business).
import {createHash} from 'node:crypto';
import type {IncomingMessage} from 'node:http';
import type {Answer, Route, RouteContext} from './container-routes.js';
import type {Outcome} from './lifecycle.js';
import {normalizeReference, type EngineModel, type ImageRecord} from './model.js';
import {answerProgress} from './streams.js';

const hubIndex = 'https://index.docker.io/v1/';
const digest = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** The registry a reference lives on, as the engine reads it. */
function registryOf(reference: string): string {
	const slash = reference.indexOf('/');
	const first = slash === -1 ? '' : reference.slice(0, slash);
	return /[.:]/.test(first) || first === 'localhost' ? first : hubIndex;
}

function sentAuth(req: IncomingMessage): {username?: string; password?: string} {
	const header = req.headers['x-registry-auth'];
	if (typeof header !== 'string' || !header) return {};
	try {
		return JSON.parse(Buffer.from(header.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')) as {username?: string; password?: string};
	} catch {
		return {};
	}
}

/** The engine's refusal of a pull or push for want of the right login, as dockerd words it; undefined when it may go on. */
export function loginRefusal(model: EngineModel, reference: string, req: IncomingMessage): Outcome | undefined {
	const registry = registryOf(reference);
	const wanted = model.registryLogins.get(registry);
	if (!wanted) return undefined;
	const sent = sentAuth(req);
	if (!sent.username) return {status: 500, body: {message: `Head "http://${registry}/v2/${reference.slice(registry.length + 1).split(':')[0] ?? ''}/manifests/latest": no basic auth credentials`}};
	if (sent.username !== wanted.username || sent.password !== wanted.password) return {status: 500, body: {message: `Head "http://${registry}/v2/x/manifests/latest": unauthorized: authentication required`}};
	return undefined;
}

function checkAuth({model, body}: RouteContext): Outcome {
	const {username = '', password = '', serveraddress = hubIndex} = (body ?? {}) as {username?: string; password?: string; serveraddress?: string};
	const wanted = model.registryLogins.get(serveraddress);
	if (wanted && (wanted.username !== username || wanted.password !== password)) {
		return {status: 401, body: {message: `login attempt to http://${serveraddress}/v2/ failed with status: 401 Unauthorized`}};
	}
	return {status: 200, body: {Status: 'Login Succeeded', IdentityToken: ''}};
}

const archiveMark = 'berth-in-memory-archive\n';

/** GET /images/get: not a real tar, but the records it names, which a load of it brings back. */
function saveImages({model, query}: RouteContext): Outcome {
	const names = query.getAll('names');
	const images = names.map(name => model.findImage(name));
	const missing = names.find((_, index) => !images[index]);
	if (missing) return {status: 404, body: {message: `reference does not exist: ${missing}`}};
	return {status: 200, body: `${archiveMark}${JSON.stringify(images)}`};
}

function loadImages({model, body, res}: RouteContext): Answer {
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : '';
	if (!text.startsWith(archiveMark)) return {status: 500, body: {message: 'Error processing tar file(exit status 1): unexpected EOF'}};
	const images = JSON.parse(text.slice(archiveMark.length)) as ImageRecord[];
	const lines: object[] = [];
	for (const image of images) {
		model.images.set(image.id, {...image, tags: [...new Set([...(model.images.get(image.id)?.tags ?? []), ...image.tags])]});
		lines.push({status: 'Loading layer', progressDetail: {current: image.size, total: image.size}, id: image.id.slice(7, 19)});
		for (const tag of image.tags) lines.push({stream: `Loaded image: ${tag}\n`});
		model.bus.publish('image', 'load', image.id, {name: image.id});
	}
	answerProgress(res, lines);
	return undefined;
}

function importImage({model, body, query, res}: RouteContext): Answer {
	const repo = query.get('repo') ?? '';
	const reference = repo ? normalizeReference(query.get('tag') ? `${repo}:${query.get('tag')}` : repo) : '';
	const size = Buffer.isBuffer(body) ? body.length : 0;
	const id = digest(`import ${reference} ${size} ${Date.now()}`);
	model.images.set(id, {
		id, tags: reference ? [reference] : [], size, createdAt: Date.now(), labels: {}, layers: [digest(`layer ${id}`)], sharedSize: 0,
		history: [{createdBy: '', size, comment: query.get('message') ?? 'Imported from -'}],
		config: {cmd: [], entrypoint: [], env: [], workingDir: '', user: '', exposedPorts: []},
	} as ImageRecord);
	model.bus.publish('image', 'import', id, {name: id});
	answerProgress(res, [{status: id}]);
	return undefined;
}

function build({model, query, res}: RouteContext): Answer {
	model.builds.push(new URLSearchParams(query));
	const tag = normalizeReference(query.get('t') ?? '');
	const id = digest(`build ${tag} ${model.builds.length}`);
	for (const other of model.images.values()) other.tags = other.tags.filter(candidate => candidate !== tag);
	model.images.set(id, {
		id, tags: [tag], size: 1_000_000, createdAt: Date.now(), labels: JSON.parse(query.get('labels') ?? '{}') as Record<string, string>, layers: [digest(`layer ${id}`)], sharedSize: 0,
		history: [], config: {cmd: ['sh'], entrypoint: [], env: [], workingDir: '', user: '', exposedPorts: []},
	} as ImageRecord);
	model.bus.publish('image', 'tag', id, {name: tag});
	answerProgress(res, [
		{stream: `Step 1/1 : FROM ${query.get('target') ? 'base' : 'scratch'}\n`},
		{aux: {ID: id}},
		{stream: `Successfully built ${id.slice(7, 19)}\n`},
		{stream: `Successfully tagged ${tag}\n`},
	]);
	return undefined;
}

export const archiveRoutes: readonly Route[] = [
	['POST', /^\/auth$/, checkAuth],
	['GET', /^\/images\/get$/, saveImages],
	['POST', /^\/images\/load$/, loadImages],
	['POST', /^\/build$/, build],
];

/** POST /images/create with fromSrc: an import, not a pull. */
export const importRoute = importImage;

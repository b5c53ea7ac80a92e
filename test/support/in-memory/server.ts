// The stand-in engine's HTTP side: the API version in the path checked as the
// engine checks it, the request routed to its handler, the answer written
// with the engine's headers, and the faults a test has asked for applied first.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import {changeRoutes} from './change-routes.js';
import {containerRoutes, type Route, type RouteContext} from './container-routes.js';
import {archiveRoutes} from './archive-routes.js';
import {imageRoutes} from './image-routes.js';
import {pluginRoutes} from './plugin-routes.js';
import type {Outcome} from './lifecycle.js';
import type {EngineModel} from './model.js';
import type {EngineIdentity} from './resource-shapes.js';
import {resourceRoutes} from './resource-routes.js';
import {swarmRoutes} from './swarm-routes.js';

/** What a spoiled request gets: an error status, no answer at all, or a connection cut. */
export type FaultAnswer = {readonly status: number; readonly message?: string} | 'hang' | 'reset';

export interface Fault {
	readonly method?: string;
	/** The path without the /v1.xx prefix and query: exactly this text, or matching this pattern. */
	readonly path: string | RegExp;
	readonly answer: FaultAnswer;
	/** How many requests it spoils; every one while it is in place when not given. */
	readonly times?: number;
}

export interface FaultHandle {
	/** Requests this fault has spoiled so far. */
	readonly hits: number;
	readonly clear: () => void;
}

interface ActiveFault {
	readonly fault: Fault;
	hits: number;
}

const routes: readonly Route[] = [...changeRoutes, ...containerRoutes, ...archiveRoutes, ...imageRoutes, ...resourceRoutes, ...swarmRoutes, ...pluginRoutes];

export interface ServerContext {
	readonly model: EngineModel;
	readonly identity: EngineIdentity & {readonly statsIntervalMs: number};
	/** "METHOD /path?query" of every request, as it arrived (without the version prefix). */
	readonly requests: string[];
}

export class EngineServer {
	readonly server: Server;
	private readonly faults = new Set<ActiveFault>();
	/** Requests left unanswered by a 'hang' fault, ended when the engine goes away or closes. */
	private readonly hanging = new Set<ServerResponse>();

	constructor(private readonly context: ServerContext) {
		this.server = createServer((req, res) => this.handle(req, res));
	}

	fail(fault: Fault): FaultHandle {
		const active: ActiveFault = {fault, hits: 0};
		this.faults.add(active);
		return {
			get hits() {
				return active.hits;
			},
			clear: () => this.faults.delete(active),
		};
	}

	/** Cuts every open connection, including streams and requests left hanging. */
	dropConnections(): void {
		for (const res of this.hanging) res.socket?.destroy();
		this.hanging.clear();
		this.server.closeAllConnections();
	}

	private handle(req: IncomingMessage, res: ServerResponse): void {
		const url = new URL(req.url ?? '/', 'http://engine');
		const versioned = /^\/v(\d+\.\d+)(\/.*)$/.exec(url.pathname);
		const engineApi = Number.parseFloat(this.context.identity.apiVersion);
		const api = versioned ? Number.parseFloat(versioned[1] ?? '') : engineApi;
		const path = versioned ? versioned[2] ?? '/' : url.pathname;
		const method = req.method ?? 'GET';
		this.context.requests.push(`${method} ${path}${url.search}`);
		res.setHeader('Api-Version', this.context.identity.apiVersion);
		res.setHeader('Server', `Docker/${this.context.identity.engineVersion} (linux)`);
		if (api > engineApi) {
			write(res, {status: 400, body: {message: `client version ${versioned?.[1] ?? ''} is too new. Maximum supported API version is ${this.context.identity.apiVersion}`}});
			return;
		}
		if (this.applyFault(method, path, req, res)) return;
		readBody(req).then(body => {
			if (body instanceof Error) {
				write(res, {status: 400, body: {message: body.message}});
				return;
			}
			const route = routes.find(([routeMethod, pattern]) => routeMethod === method && pattern.test(path));
			if (!route) {
				write(res, {status: 404, body: {message: 'page not found'}});
				return;
			}
			const params = (route[1].exec(path) ?? []).slice(1).map(param => decodeURIComponent(param));
			const context: RouteContext = {...this.context, params, query: url.searchParams, body, req, res, api};
			const answer = route[2](context);
			if (answer) write(res, answer);
		}, () => res.socket?.destroy());
	}

	/** True when a fault took the request. */
	private applyFault(method: string, path: string, req: IncomingMessage, res: ServerResponse): boolean {
		for (const active of this.faults) {
			const {fault} = active;
			if (fault.method && fault.method !== method) continue;
			if (typeof fault.path === 'string' ? fault.path !== path : !fault.path.test(path)) continue;
			active.hits++;
			if (fault.times !== undefined && active.hits >= fault.times) this.faults.delete(active);
			if (fault.answer === 'reset') (req.socket as Socket).destroy();
			else if (fault.answer === 'hang') {
				this.hanging.add(res);
				res.on('close', () => this.hanging.delete(res));
			} else write(res, {status: fault.answer.status, body: {message: fault.answer.message ?? `stand-in engine: ${method} ${path} refused on purpose`}});
			return true;
		}
		return false;
	}
}

/** The JSON body of a request (a Buffer for a tar), undefined when it has none, an Error when it is not JSON. */
function readBody(req: IncomingMessage): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('error', reject);
		req.on('end', () => {
			// A tar (a build context, an archive to load or import, a copy into a container) is handed over as it came.
			if (/tar/.test(req.headers['content-type'] ?? '')) return resolve(Buffer.concat(chunks));
			const text = Buffer.concat(chunks).toString('utf8').trim();
			if (!text) return resolve(undefined);
			try {
				resolve(JSON.parse(text));
			} catch {
				resolve(new Error(`invalid JSON: ${text.slice(0, 40)}`));
			}
		});
	});
}

/** A plain answer: JSON (or text for /_ping) with its length, or no body for 204 and 304. */
function write(res: ServerResponse, outcome: Outcome): void {
	if (outcome.body === undefined) {
		res.writeHead(outcome.status).end();
		return;
	}
	const isText = typeof outcome.body === 'string';
	const text = isText ? outcome.body as string : JSON.stringify(outcome.body);
	res.writeHead(outcome.status, {'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json', 'Content-Length': Buffer.byteLength(text)}).end(text);
}

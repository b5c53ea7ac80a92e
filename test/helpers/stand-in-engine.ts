// A tiny HTTP server on a unix socket that answers like the engine for the
// fault proxy's tests, and a client call that reports what it saw instead of
// throwing, so a test can assert on a broken answer.
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, request, type Agent, type IncomingMessage} from 'node:http';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {Duplex} from 'node:stream';
import {performance} from 'node:perf_hooks';

export const containers = Array.from({length: 20}, (_, index) => ({Id: `c${index}`.padEnd(64, '0'), Names: [`/web-${index}`], State: 'running', Status: 'Up 5 minutes'}));
export const info = {Containers: 20, Images: 7, ServerVersion: '27.3.1', Name: 'stand-in', Labels: ['a=b']};
export const version = {Version: '27.3.1', ApiVersion: '1.47'};

export interface StandInEngine {
	readonly socketPath: string;
	/** "METHOD /path" of every request that reached it. */
	readonly requests: string[];
	/** Lines the /events stream has written so far, over all streams. */
	readonly linesWritten: () => number;
	readonly close: () => Promise<void>;
}

export async function startStandInEngine(): Promise<StandInEngine> {
	const directory = mkdtempSync(join(tmpdir(), 'berth-stand-in-'));
	const socketPath = join(directory, 'engine.sock');
	const requests: string[] = [];
	let lines = 0;
	const json = (body: unknown) => ({type: 'application/json', body: JSON.stringify(body)});
	const server = createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0]?.replace(/^\/v\d+\.\d+/, '') ?? '';
		requests.push(`${req.method} ${path}`);
		if (req.method === 'POST') {
			// Echo, so a test sees the body arrived whole.
			let body = '';
			req.setEncoding('utf8');
			req.on('data', chunk => (body += chunk));
			req.on('end', () => res.writeHead(200, {'Content-Type': 'application/json'}).end(JSON.stringify({path, body})));
			return;
		}
		if (path === '/events') {
			res.writeHead(200, {'Content-Type': 'application/json'}).flushHeaders();
			const timer = setInterval(() => res.write(`${JSON.stringify({status: 'start', n: ++lines})}\n`), 50);
			res.on('close', () => clearInterval(timer));
			return;
		}
		if (path === '/info') {
			// Written in two parts, so the answer is chunked.
			const text = JSON.stringify(info);
			res.writeHead(200, {'Content-Type': 'application/json'});
			res.write(text.slice(0, 30));
			res.end(text.slice(30));
			return;
		}
		const inspect = /^\/containers\/([^/]+)\/json$/.exec(path);
		const answer = path === '/_ping' ? {type: 'text/plain', body: 'OK'}
			: path === '/containers/json' ? json(containers)
			: path === '/version' ? json(version)
			: inspect ? json({Id: inspect[1], State: {Running: true}})
			: undefined;
		if (!answer) return res.writeHead(404).end();
		// A Content-Length answer, as the engine gives for a small body (a writeHead without one would be chunked).
		res.writeHead(200, {'Content-Type': answer.type, 'Content-Length': Buffer.byteLength(answer.body)}).end(answer.body);
	});
	// docker exec's hijack: 101, then a raw stream both ways (here an echo).
	const hijacked = new Set<Duplex>();
	server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
		requests.push(`${req.method} ${req.url} upgrade: ${req.headers.connection}`);
		hijacked.add(socket);
		socket.on('close', () => hijacked.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.write('HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n');
		socket.pipe(socket);
	});
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	return {
		socketPath,
		requests,
		linesWritten: () => lines,
		close: async () => {
			server.closeAllConnections();
			for (const socket of hijacked) socket.destroy();
			await new Promise(resolve => server.close(resolve));
			rmSync(directory, {recursive: true, force: true});
		},
	};
}

export interface Outcome {
	readonly status: number | undefined;
	readonly body: string;
	/** How many pieces the body arrived in. */
	readonly chunks: number;
	/** Set when the request failed or the answer broke off before its end. */
	readonly error: (Error & {code?: string}) | undefined;
	readonly reusedSocket: boolean;
	readonly ms: number;
}

export interface CallOptions {
	readonly method?: string;
	readonly body?: string;
	/** Awaited after the head is sent and before the body is. */
	readonly beforeBody?: () => Promise<void>;
	readonly agent?: Agent;
	readonly signal?: AbortSignal;
	/** Called with each piece of the body as it arrives. */
	readonly onChunk?: (text: string) => void;
}

export function call(socketPath: string, path: string, options: CallOptions = {}): Promise<Outcome> {
	const started = performance.now();
	return new Promise(resolve => {
		let response: IncomingMessage | undefined;
		let body = '';
		let chunks = 0;
		let done = false;
		const finish = (error: Outcome['error']) => {
			if (done) return;
			done = true;
			resolve({status: response?.statusCode, body, chunks, error, reusedSocket: req.reusedSocket, ms: performance.now() - started});
		};
		const req = request({socketPath, path, method: options.method ?? 'GET', agent: options.agent, signal: options.signal}, res => {
			response = res;
			res.setEncoding('latin1');
			res.on('data', (chunk: string) => {
				body += chunk;
				chunks++;
				options.onChunk?.(chunk);
			});
			res.on('error', finish);
			res.on('close', () => finish(res.complete ? undefined : new Error('the answer broke off')));
		});
		req.on('error', finish);
		if (options.body === undefined) return void req.end();
		req.flushHeaders();
		void (options.beforeBody?.() ?? Promise.resolve()).then(() => req.end(options.body));
	});
}

/** Polls for a condition, for at most `ms`. */
export async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
	const deadline = performance.now() + ms;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`condition not met in ${ms} ms: ${condition.toString()}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}

export const parses = (text: string): boolean => {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
};

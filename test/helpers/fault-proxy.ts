// A proxy between berth and the engine's unix socket that misbehaves on
// purpose: per request kind by rule, or at random from a seed that is logged
// so a failing run can be replayed. Each connection carries one request (the
// proxy asks the engine to close after answering), so a keep-alive client's
// requests are each classified and faulted on their own.
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {handleConnection} from './fault-proxy-connection.js';
import {FaultPlan, type FaultCounts, type FaultRule, type RandomFaults} from './fault-proxy-rules.js';

export type {RequestKind} from './fault-proxy-request.js';
export type {Fault, FaultCounts, FaultKind, FaultRule, RandomFaults} from './fault-proxy-rules.js';
export {faultKinds, mulberry32} from './fault-proxy-rules.js';

export interface FaultProxyOptions {
	/** The engine's socket path. */
	readonly target: string;
	/** Where to listen; a fresh path under os.tmpdir() when absent. */
	readonly socketPath?: string;
	/** Seeds the bytes that garbage and corrupt write under rules (random mode has its own seed). */
	readonly seed?: number;
	/** Where the random mode's seed is told; console.error when absent. */
	readonly log?: (line: string) => void;
	/** Told of every request's method and path (without /v1.xx), faulted or not. */
	readonly onRequest?: (request: {readonly method: string; readonly path: string}) => void;
}

export interface FaultProxy {
	/** `unix://<socketPath>`, as berth's --host takes it. */
	readonly host: string;
	readonly socketPath: string;
	readonly setRules: (rules: readonly FaultRule[]) => void;
	readonly setRandom: (options: RandomFaults | undefined) => void;
	/** Rules and random mode off: new connections are clean; connections already faulted go on as they were. */
	readonly clear: () => void;
	/** Down: stop listening (clients get ENOENT) and drop every open connection, as a stopped engine does. Up: listen again on the same path. */
	readonly setDown: (isDown: boolean) => Promise<void>;
	/** A snapshot of what was applied so far. */
	readonly counts: FaultCounts;
	/** Stops listening and destroys every connection (both sides) and timer. */
	readonly close: () => Promise<void>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
	const log = options.log ?? ((line: string) => console.error(line));
	const ownDirectory = options.socketPath ? undefined : mkdtempSync(join(tmpdir(), 'berth-proxy-'));
	const socketPath = options.socketPath ?? join(ownDirectory ?? tmpdir(), 'engine.sock');
	const plan = new FaultPlan(options.seed ?? Math.floor(Math.random() * 2 ** 32), log);
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let server: Server | undefined;
	let closed = false;
	// setDown and close run one after another, so an up right after a down finds the old server gone.
	let queue = Promise.resolve();
	const inTurn = (step: () => Promise<void>) => (queue = queue.then(step));

	const context = {
		target: options.target,
		...(options.onRequest ? {onRequest: options.onRequest} : {}),
		decide: plan.decide.bind(plan),
		log,
		track: (socket: Socket) => {
			sockets.add(socket);
			socket.once('close', () => sockets.delete(socket));
		},
		later: (run: () => void, ms: number) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				run();
			}, ms);
			timers.add(timer);
			return () => {
				clearTimeout(timer);
				timers.delete(timer);
			};
		},
	};

	const listen = () => new Promise<void>((resolve, reject) => {
		const next = createServer({allowHalfOpen: true}, client => handleConnection(client, context));
		next.once('error', reject);
		next.listen(socketPath, () => {
			next.off('error', reject);
			server = next;
			resolve();
		});
	});
	const stopListening = () => new Promise<void>(resolve => {
		const current = server;
		server = undefined;
		for (const socket of sockets) socket.destroy();
		for (const timer of timers) clearTimeout(timer);
		timers.clear();
		if (!current) return resolve();
		current.close(() => resolve());
	});

	await listen();
	return {
		host: `unix://${socketPath}`,
		socketPath,
		setRules: rules => plan.setRules(rules),
		setRandom: random => plan.setRandom(random),
		clear: () => plan.clear(),
		setDown: isDown => inTurn(async () => {
			if (closed || isDown === !server) return;
			if (isDown) return stopListening();
			await listen();
		}),
		get counts() {
			return plan.counts;
		},
		close: () => inTurn(async () => {
			if (closed) return;
			closed = true;
			plan.clear();
			await stopListening();
			if (ownDirectory) rmSync(ownDirectory, {recursive: true, force: true});
		}),
	};
}

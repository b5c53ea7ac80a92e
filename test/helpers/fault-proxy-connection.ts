// One client connection through the fault proxy: read its request head, ask
// for a decision, then refuse, hang, or forward to the engine with the answer
// passed through the fault's sink.
import {connect, type Socket} from 'node:net';
import {responseCorruptor} from './fault-proxy-corrupt.js';
import {headLength, maxHeadBytes, oneRequestHead, parseRequestHead, type RequestHead, type RequestKind} from './fault-proxy-request.js';
import {mulberry32, type Decision, type Fault} from './fault-proxy-rules.js';

/** What the proxy lends each connection, so close() can find every socket and timer. */
export interface ConnectionContext {
	readonly target: string;
	readonly decide: (kind: RequestKind) => Decision;
	readonly track: (socket: Socket) => void;
	/** setTimeout that close() clears; returns the cancel. */
	readonly later: (run: () => void, ms: number) => () => void;
	readonly log: (line: string) => void;
	/** Told of every request that reaches the proxy, before any fault (the read-only test records them). */
	readonly onRequest?: (head: RequestHead) => void;
}

export function handleConnection(client: Socket, context: ConnectionContext): void {
	context.track(client);
	client.on('error', () => client.destroy());
	let received = Buffer.alloc(0);
	const onData = (chunk: Buffer) => {
		received = Buffer.concat([received, chunk]);
		const length = headLength(received);
		if (length === -1) {
			if (received.length > maxHeadBytes) {
				context.log(`fault-proxy: no request head in ${received.length} bytes, hanging up`);
				client.destroy();
			}
			return;
		}
		client.off('data', onData);
		client.pause();
		const head = parseRequestHead(received.subarray(0, length));
		context.onRequest?.(head);
		begin(client, head, received.subarray(length), context);
	};
	client.on('data', onData);
}

function begin(client: Socket, head: RequestHead, body: Buffer, context: ConnectionContext): void {
	const {fault, byteSeed} = context.decide(head.kind);
	switch (fault?.kind) {
		case 'refuse':
			client.destroy();
			return;
		case 'hang':
			// Keep reading, so the client's writes never block, until it gives up.
			client.on('data', () => undefined);
			client.on('end', () => client.destroy());
			client.resume();
			return;
		case 'delay': {
			const cancel = context.later(() => forward(client, head, body, fault, byteSeed, context), fault.ms);
			client.once('close', cancel);
			return;
		}
		default:
			forward(client, head, body, fault, byteSeed, context);
	}
}

interface Sink {
	readonly data: (chunk: Buffer) => void;
	/** The engine finished its answer and half-closed. */
	readonly end: () => void;
}

function forward(client: Socket, head: RequestHead, body: Buffer, fault: Fault | undefined, byteSeed: number, context: ConnectionContext): void {
	if (client.destroyed) return;
	const engine = connect({path: context.target, allowHalfOpen: true});
	context.track(engine);
	// Once the answer has ended, or a fault has taken over the ending, the engine's close must not cut short what the client side still flushes.
	let settled = false;
	const destroyBoth = () => {
		client.destroy();
		engine.destroy();
	};
	/** Send what is left, then destroy both sides: the link broke after these bytes. */
	const breakAfter = (last: Buffer) => {
		settled = true;
		engine.destroy();
		client.end(last, () => client.destroy());
	};
	// After a fault has broken the link, the engine side's errors (writes to it after destroy) change nothing.
	engine.on('error', () => settled || destroyBoth());
	client.on('error', destroyBoth);
	client.once('close', () => engine.destroy());
	engine.once('close', () => {
		if (!settled) client.destroy();
	});
	engine.write(oneRequestHead(head));
	if (body.length > 0) engine.write(body);
	// The rest of the body, and a half-close, go on as they come.
	client.pipe(engine);

	const sink = makeSink(fault, byteSeed, head, client, engine, breakAfter, context);
	engine.on('data', sink.data);
	engine.once('end', () => {
		settled = true;
		sink.end();
	});
}

function makeSink(fault: Fault | undefined, byteSeed: number, head: RequestHead, client: Socket, engine: Socket, breakAfter: (last: Buffer) => void, context: ConnectionContext): Sink {
	/** Write with backpressure: a slow client slows the engine, as without the proxy. */
	const pass = (chunk: Buffer) => {
		if (!client.write(chunk)) {
			engine.pause();
			client.once('drain', () => engine.resume());
		}
	};
	const random = mulberry32(byteSeed);
	switch (fault?.kind) {
		case 'cut':
		case 'garbage': {
			const tail = () => fault.kind === 'garbage' ? garbageBytes(random, fault.bytes ?? 64) : Buffer.alloc(0);
			let passed = 0;
			let broken = false;
			return {
				data: chunk => {
					if (broken) return;
					const room = fault.afterBytes - passed;
					passed += chunk.length;
					if (chunk.length < room) return pass(chunk);
					broken = true;
					breakAfter(Buffer.concat([chunk.subarray(0, Math.max(0, room)), tail()]));
				},
				// An answer shorter than afterBytes: garbage still follows it, a cut has nothing left to cut.
				end: () => broken || breakAfter(tail()),
			};
		}
		case 'corrupt': {
			const corrupt = responseCorruptor(random, head.method);
			return {data: chunk => pass(corrupt(chunk)), end: () => client.end()};
		}
		case 'drip':
			return dripSink(fault.intervalMs, client, engine, context);
		default:
			return {data: pass, end: () => client.end()};
	}
}

function dripSink(intervalMs: number, client: Socket, engine: Socket, context: ConnectionContext): Sink {
	let queue = Buffer.alloc(0);
	let ended = false;
	let cancel: (() => void) | undefined;
	client.once('close', () => cancel?.());
	const tick = () => {
		cancel = undefined;
		if (client.destroyed) return;
		client.write(queue.subarray(0, 1));
		queue = queue.subarray(1);
		if (queue.length > 0) return schedule();
		if (ended) client.end();
		else engine.resume();
	};
	const schedule = () => {
		cancel = context.later(tick, intervalMs);
	};
	return {
		data: chunk => {
			queue = Buffer.concat([queue, chunk]);
			// The engine waits while its bytes trickle out, as behind a slow link.
			engine.pause();
			if (!cancel) schedule();
		},
		end: () => {
			ended = true;
			if (queue.length === 0 && !cancel) client.end();
		},
	};
}

function garbageBytes(random: () => number, count: number): Buffer {
	const bytes = Buffer.alloc(count);
	for (let index = 0; index < count; index++) bytes[index] = Math.floor(random() * 256);
	// A high first byte is neither HTTP, a chunk size nor JSON, so the garbage is never mistaken for an answer.
	if (count > 0) bytes[0] = 0x80 | (bytes[0] ?? 0);
	return bytes;
}

// The request side of the fault proxy: reading a connection's request head,
// telling what kind of engine call it is, and rewriting it so the connection
// carries that one request only.

/** What an engine call is, for choosing faults and counting them. */
export type RequestKind = 'list' | 'inspect' | 'events' | 'stats' | 'logs' | 'exec' | 'ping' | 'version' | 'info' | 'action' | 'other';

export const requestKinds: readonly RequestKind[] = ['list', 'inspect', 'events', 'stats', 'logs', 'exec', 'ping', 'version', 'info', 'action', 'other'];

export interface RequestHead {
	readonly method: string;
	/** The path without query and without a /v1.xx prefix. */
	readonly path: string;
	readonly kind: RequestKind;
	/** An Upgrade request (docker's exec/attach hijack) keeps its connection after the answer. */
	readonly upgrade: boolean;
	/** The head's bytes as received, blank line included. */
	readonly raw: Buffer;
}

const headEnd = Buffer.from('\r\n\r\n');

/** Far more than any engine call's head: a client that sends more without a blank line is not speaking HTTP. */
export const maxHeadBytes = 64 * 1024;

/** Where the head's blank line ends in what arrived so far, or -1 while it has not. */
export function headLength(received: Buffer): number {
	const at = received.indexOf(headEnd);
	return at === -1 ? -1 : at + headEnd.length;
}

export function parseRequestHead(raw: Buffer): RequestHead {
	// latin1 maps each byte to one character, so a rewritten head keeps every byte it did not touch.
	const lines = raw.toString('latin1').split('\r\n');
	const [method = '', target = ''] = (lines[0] ?? '').split(' ');
	const path = enginePath(target);
	const upgrade = lines.slice(1).some(line => /^upgrade\s*:/i.test(line));
	return {method: method.toUpperCase(), path, kind: classify(method.toUpperCase(), path), upgrade, raw};
}

function enginePath(target: string): string {
	// An absolute-form target (http://host/path) names the same path.
	const origin = /^[a-z]+:\/\/[^/]*/i.exec(target);
	const path = (origin ? target.slice(origin[0].length) : target).split('?')[0] ?? '';
	return path.replace(/^\/v\d+\.\d+(?=\/)/, '') || '/';
}

export function classify(method: string, path: string): RequestKind {
	if (path === '/_ping') return 'ping';
	if (path === '/version') return 'version';
	if (path === '/info') return 'info';
	if (path === '/events') return 'events';
	if (method === 'GET' && path === '/containers/json') return 'list';
	const container = /^\/containers\/[^/]+\/(json|stats|logs|exec)$/.exec(path);
	if (container?.[1] === 'json' && method === 'GET') return 'inspect';
	if (container?.[1] === 'stats') return 'stats';
	if (container?.[1] === 'logs') return 'logs';
	if (container?.[1] === 'exec' || path.startsWith('/exec/')) return 'exec';
	if (method === 'POST' || method === 'DELETE') return 'action';
	return 'other';
}

/**
 * The head with one `Connection: close` in place of any Connection header, so
 * the engine answers once and hangs up, and a keep-alive client's next request
 * arrives on a new connection the proxy can classify. Upgrade requests pass as
 * they came: their Connection header is what asks for the hijack.
 */
export function oneRequestHead(head: RequestHead): Buffer {
	if (head.upgrade) return head.raw;
	const lines = head.raw.toString('latin1').split('\r\n').slice(0, -2);
	const kept = lines.filter((line, index) => index === 0 || !/^connection\s*:/i.test(line));
	return Buffer.from([...kept, 'Connection: close', '', ''].join('\r\n'), 'latin1');
}

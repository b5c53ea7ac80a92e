import type {IncomingMessage} from 'node:http';
import type {Socket} from 'node:net';
import type Docker from 'dockerode';
import {apiPath, deadlineFor, type CallDeadline} from './call-deadline.js';
import {EngineError} from './errors.js';
import {linkHealthOf, type LinkHealth} from './link-health.js';
import {OvertakenRead, OvertakenReads} from './overtaken-read.js';

type DialCallback = (error: unknown, result?: unknown) => void;

interface DialOptions {
	path: string;
	method: string;
	isStream?: boolean;
	hijack?: boolean;
	openStdin?: boolean;
	abortSignal?: AbortSignal;
	statusCodes?: Record<number, boolean | string>;
	options?: Record<string, unknown>;
	[key: string]: unknown;
}

type Dial = (options: DialOptions, callback: DialCallback) => void;

// Every status passes docker-modem, so the body is read here, where a cut or a
// garbled answer can be told from a complete one.
const everyStatus = new Proxy({}, {get: () => true});

/**
 * Puts every request of this client under a deadline (call-deadline.ts) and
 * reads plain answers itself: docker-modem waits forever for an answer cut
 * part-way, and hands back the raw bytes when JSON does not parse. Each
 * outcome is told to the client's LinkHealth, which says in the header when
 * the link fails. The dependency itself is untouched: this wraps the
 * instance's dial.
 */
export function guardRequests(docker: Docker, deadlines: typeof deadlineFor = deadlineFor): Docker {
	const modem = docker.modem as unknown as {dial: Dial};
	const dial = modem.dial.bind(modem);
	const health = linkHealthOf(docker);
	// The probe is not watched itself: it has a deadline of its own, and a stuck probe must not ask for more probes.
	const probe = () => new Promise<void>(resolve => {
		guardedDial(dial, health, deadlines, undefined, {path: '/_ping?', method: 'GET', statusCodes: {200: true, 500: 'server error'}, abortSignal: AbortSignal.timeout(probeDeadlineMs)}, () => resolve());
	});
	const overtakenReads = new OvertakenReads(health, probe);
	modem.dial = (options, callback) => guardedDial(dial, health, deadlines, overtakenReads, options, callback);
	return docker;
}

/** A probe that gets no answer in this time says nothing new: the stuck read it was sent for already says the link fails. */
const probeDeadlineMs = 1_500;

function guardedDial(dial: Dial, health: LinkHealth, deadlines: typeof deadlineFor, overtakenReads: OvertakenReads | undefined, options: DialOptions, callback: DialCallback): void {
	const path = apiPath(options.path);
	const what = `${options.method} ${path}`;
	const deadline = deadlines({
		method: options.method,
		path,
		query: options.options ?? {},
		isStream: options.isStream === true,
		isHijack: options.hijack === true || options.openStdin === true,
	});
	if (!deadline) {
		dial(options, callback);
		return;
	}
	const caller = options.abortSignal;
	const sentAt = Date.now();
	const expiry = new AbortController();
	const timer = setTimeout(() => expiry.abort(), deadline.ms);
	const signal = caller ? AbortSignal.any([caller, expiry.signal]) : expiry.signal;
	const isPlain = options.isStream !== true && options.hijack !== true && options.openStdin !== true;
	let isOvertaken = false;
	const stopWatching = overtakenReads && isPlain && options.method === 'GET' && health.current.status === 'failing'
		? overtakenReads.watch(sentAt, () => {
			isOvertaken = true;
			expiry.abort();
		})
		: undefined;
	let isSettled = false;
	const settle = (error: unknown, result?: unknown) => {
		if (isSettled) return;
		isSettled = true;
		clearTimeout(timer);
		stopWatching?.();
		if (error !== undefined && error !== null) {
			const failure = expiry.signal.aborted && !caller?.aborted ? (isOvertaken ? new OvertakenRead(what) : timedOut(what, deadline)) : error;
			// Only a failure of the link counts; the engine saying no is a working link.
			if (!caller?.aborted && isLinkFailure(failure)) health.failed(what, failure, sentAt);
			callback(failure);
			return;
		}
		health.succeeded(sentAt);
		callback(null, result);
	};
	if (!isPlain) {
		dial({...options, abortSignal: signal}, (error, result) => {
			if (!error && deadline.kind === 'progress') watchProgress(result as IncomingMessage, deadline.silenceMs, what);
			if (!error && result && typeof result === 'object' && 'complete' in result) watchForCut(result as IncomingMessage, caller, health, what);
			settle(error, result);
		});
		return;
	}
	const codes = options.statusCodes ?? {};
	dial({...options, isStream: true, statusCodes: everyStatus, abortSignal: signal}, (error, result) => {
		if (error) {
			settle(error);
			return;
		}
		readAnswer(result as IncomingMessage, codes, what).then(answer => settle(null, answer), settle);
	});
	expiry.signal.addEventListener('abort', () => {
		if (!isSettled) settle(new Error('aborted'));
	}, {once: true});
}

/** The body, parsed as docker-modem would, or an error for a cut or garbled one. */
function readAnswer(response: IncomingMessage, codes: Record<number, boolean | string>, what: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		response.on('data', (chunk: Buffer) => chunks.push(chunk));
		response.on('error', () => reject(cutShort(what)));
		response.on('close', () => {
			if (!response.complete) reject(cutShort(what));
		});
		response.on('end', () => {
			if (!response.complete) {
				reject(cutShort(what));
				return;
			}
			const body = Buffer.concat(chunks);
			const text = body.toString();
			let json: unknown = null;
			try {
				json = text ? JSON.parse(text) as unknown : null;
			} catch {
				if (/json/i.test(response.headers['content-type'] ?? '')) {
					reject(new EngineError('garbled', `The engine's answer to ${what} was not valid JSON; retrying.`));
					return;
				}
			}
			const status = response.statusCode ?? 0;
			const verdict = codes[status];
			if (verdict === true) {
				resolve(json ?? body);
				return;
			}
			// The same error docker-modem makes, so every caller's handling stays as it was.
			const cause = json as {message?: string; error?: string} | null;
			const error = new Error(`(HTTP code ${status}) ${typeof verdict === 'string' ? verdict : 'unexpected'} - ${cause?.message ?? cause?.error ?? text} `) as Error & {reason?: unknown; statusCode?: number; json?: unknown};
			error.reason = verdict;
			error.statusCode = status;
			error.json = json;
			reject(error);
		});
	});
}

/** A stream whose answer stops before its end is a failed request, not a quiet one. */
function watchForCut(response: IncomingMessage, caller: AbortSignal | undefined, health: LinkHealth, what: string): void {
	response.once('close', () => {
		if (!response.complete && !caller?.aborted) health.failed(what, cutShort(what));
	});
}

/** Pull, push, build and load may take long, but never long without a word. */
function watchProgress(response: IncomingMessage, silenceMs: number, what: string): void {
	const socket = response.socket as Socket | null;
	if (!socket) return;
	let timer = setTimeout(expire, silenceMs);
	function expire() {
		response.destroy(new EngineError('timeout', `The engine sent no progress for ${what} in ${Math.round(silenceMs / 1000)} s; it was given up.`));
	}
	const onData = () => {
		clearTimeout(timer);
		timer = setTimeout(expire, silenceMs);
	};
	socket.on('data', onData);
	response.once('close', () => {
		clearTimeout(timer);
		socket.off('data', onData);
	});
}

function timedOut(what: string, deadline: CallDeadline): EngineError {
	return new EngineError('timeout', `The engine did not answer ${what} within ${Math.round(deadline.ms / 1000)} s.`);
}

function cutShort(what: string): EngineError {
	return new EngineError('unreachable', `The engine's answer to ${what} was cut short.`);
}

/** Failures of the link itself (as opposed to the engine answering with an error status). */
export function isLinkFailure(error: unknown): boolean {
	if (error instanceof EngineError) return error.kind === 'timeout' || error.kind === 'unreachable' || error.kind === 'garbled';
	const raw = error as {statusCode?: number; code?: string} | undefined;
	if (raw?.statusCode !== undefined) return false;
	return true;
}

// One request to the engine's Swarm API, and the plain words for an engine that
// cannot answer it (not in a Swarm, or a worker). The manager-only endpoints
// answer 503 there; berth reads /info once to say which and what to do.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';

export interface SwarmRequest {
	readonly method: 'GET' | 'POST' | 'DELETE';
	readonly path: string;
	readonly query?: Readonly<Record<string, string | number | boolean>>;
	readonly body?: unknown;
	readonly signal?: AbortSignal | undefined;
}

/** Where this engine stands in a Swarm, from /info. */
export interface SwarmState {
	/** inactive, pending, active, error or locked, as the engine says it. */
	readonly localState: string;
	readonly isManager: boolean;
	readonly nodeId: string;
	readonly error: string;
}

/** The engine cannot show the cluster: the views say so in one line, never as a failure. */
export class SwarmUnavailable extends EngineError {
	constructor(readonly state: SwarmState, message: string) {
		// bad-config: not retried (refreshing will not change it), shown as a note rather than an error.
		super('bad-config', message, 503);
		this.name = 'SwarmUnavailable';
	}
}

export function swarmUnavailableMessage(state: SwarmState): string {
	switch (state.localState) {
		case 'inactive': return 'This engine is not in Swarm mode. `docker swarm init` turns it on (or `docker swarm join` adds it to a Swarm).';
		case 'locked': return 'This engine\'s Swarm is locked: `docker swarm unlock` opens it.';
		case 'pending': return 'This engine is still joining its Swarm; try again in a moment.';
		case 'active': return 'This engine is a Swarm worker: only managers see the cluster. Connect berth to a manager (--host or --context).';
		default: return `This engine's Swarm is not working${state.error ? `: ${sanitizeInline(state.error)}` : ''}.`;
	}
}

interface RawInfo {
	readonly Swarm?: {readonly LocalNodeState?: string; readonly ControlAvailable?: boolean; readonly NodeID?: string; readonly Error?: string} | null;
}

export async function swarmState(docker: Docker, signal?: AbortSignal): Promise<SwarmState> {
	const info = await swarmRequest<RawInfo>(docker, {method: 'GET', path: '/info', signal}, false);
	const swarm = info.Swarm ?? {};
	return {localState: swarm.LocalNodeState ?? 'inactive', isManager: Boolean(swarm.ControlAvailable), nodeId: swarm.NodeID ?? '', error: swarm.Error ?? ''};
}

/** The JSON answer of one Swarm call; a 503 becomes SwarmUnavailable with the reason in words. */
export async function swarmRequest<T>(docker: Docker, request: SwarmRequest, explains503 = true): Promise<T> {
	try {
		return await new Promise<T>((resolve, reject) => {
			docker.modem.dial({
				path: `${request.path}?`,
				method: request.method,
				options: {_query: {...request.query}, ...(request.body === undefined ? {} : {_body: request.body})},
				...(request.signal ? {abortSignal: request.signal} : {}),
				statusCodes: {200: true, 201: true, 204: true, 400: 'bad parameter', 404: 'no such object', 409: 'conflict', 500: 'server error', 503: 'node is not part of a swarm'},
			} as Parameters<typeof docker.modem.dial>[0], (error: unknown, result: unknown) => {
				if (error) reject(error);
				else resolve(result as T);
			});
		});
	} catch (error) {
		const failure = toEngineError(error);
		if (explains503 && failure.statusCode === 503) {
			const state = await swarmState(docker, request.signal);
			throw new SwarmUnavailable(state, swarmUnavailableMessage(state));
		}
		// A list endpoint that does not exist at all: an engine without the Swarm API (podman's, say).
		if (explains503 && failure.statusCode === 404 && /^\/(services|tasks|nodes|secrets|configs)$/.test(request.path)) {
			throw new SwarmUnavailable({localState: 'absent', isManager: false, nodeId: '', error: ''}, 'This engine has no Swarm API: these views need a Docker Engine in Swarm mode.');
		}
		throw new EngineError(failure.kind, plainRefusal(failure.message), failure.statusCode);
	}
}

/** The engine's Swarm refusals come wrapped in gRPC words: "rpc error: code = InvalidArgument desc = …". */
export function plainRefusal(message: string): string {
	const text = sanitizeInline(message.replace(/^.*?rpc error: code = \w+ desc = /, ''));
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "2024-05-01T10:00:00.123456789Z" as ms since the epoch; 0 when absent. */
export function swarmTime(text: string | undefined): number {
	const ms = Date.parse(text ?? '');
	return Number.isFinite(ms) ? ms : 0;
}

/** For a Swarm view's `explain`: the words when the engine cannot show the cluster, undefined for a real failure. */
export function explainSwarm(error: Error): string | undefined {
	return error instanceof SwarmUnavailable ? error.message : undefined;
}

/** How often the Swarm views re-read: tasks converge without any event. */
export const swarmPollMs = 3000;

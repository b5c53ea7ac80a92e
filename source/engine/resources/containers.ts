import type Docker from 'dockerode';
import type {EventFilters} from '../streams/events.js';
import {sanitizeInline} from '../../text/sanitize.js';
import {readBackContainer} from './action-read-back.js';
import {composeLabels, type ComposeLabels} from './compose-labels.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {isLinkFailure} from '../transport/guarded-dial.js';

// Only events that change what the list shows. The engine matches
// health_status by prefix ("health_status: healthy"), and leaving exec_* out
// keeps health checks, which exec on every interval, from causing re-lists.
export const listChangingEvents: EventFilters = {
	type: ['container'],
	event: ['create', 'start', 'restart', 'die', 'destroy', 'pause', 'unpause', 'rename', 'health_status', 'update'],
};

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type Health = 'starting' | 'healthy' | 'unhealthy' | 'none';

export interface ContainerSummary {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly state: ContainerState;
	/** The engine's own status words, e.g. "Up 3 minutes (healthy)". */
	readonly status: string;
	readonly health: Health;
	readonly ports: string;
	readonly createdAt: number;
	readonly composeProject?: string;
	/** Compose's labels, when a Compose made it (project and service sanitised; paths raw, for reading the files). */
	readonly compose?: ComposeLabels;
	/** The engine it is on, when berth watches several (the HOST column); absent with one engine. */
	readonly host?: string;
}

const knownStates: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function parseState(state: string | undefined): ContainerState {
	return knownStates.find(known => known === state) ?? 'dead';
}

/** The list endpoint only reports health inside the status text. */
export function parseHealth(status: string): Health {
	if (status.includes('(health: starting)')) return 'starting';
	if (status.includes('(unhealthy)')) return 'unhealthy';
	if (status.includes('(healthy)')) return 'healthy';
	return 'none';
}

/** "0.0.0.0:8080->80/tcp, 53/udp" with IPv4/IPv6 duplicates folded, like `docker ps`. */
export function formatPorts(ports: readonly Docker.Port[] | undefined): string {
	if (!ports) return '';
	const seen = new Set<string>();
	const parts: string[] = [];
	const sorted = [...ports].sort((a, b) => (a.PrivatePort - b.PrivatePort) || ((a.PublicPort ?? 0) - (b.PublicPort ?? 0)));
	for (const port of sorted) {
		const text = port.PublicPort
			? `${port.IP && port.IP !== '::' ? port.IP : '0.0.0.0'}:${port.PublicPort}->${port.PrivatePort}/${port.Type}`
			: `${port.PrivatePort}/${port.Type}`;
		if (!seen.has(text)) {
			seen.add(text);
			parts.push(text);
		}
	}
	return parts.join(', ');
}

export function toSummary(info: Docker.ContainerInfo): ContainerSummary {
	const rawName = info.Names?.[0] ?? info.Id.slice(0, 12);
	const status = sanitizeInline(info.Status ?? '');
	const project = info.Labels?.['com.docker.compose.project'];
	const name = sanitizeInline(rawName.replace(/^\//, ''));
	const compose = composeLabels(info.Labels, name);
	return {
		id: info.Id,
		name,
		image: sanitizeInline(info.Image ?? ''),
		state: parseState(info.State),
		status,
		health: parseHealth(status),
		ports: formatPorts(info.Ports),
		createdAt: info.Created,
		...(project ? {composeProject: sanitizeInline(project)} : {}),
		...(compose ? {compose: {...compose, project: sanitizeInline(compose.project), service: sanitizeInline(compose.service)}} : {}),
	};
}

export async function listContainers(docker: Docker, signal?: AbortSignal): Promise<ContainerSummary[]> {
	try {
		const infos = await docker.listContainers({all: true, ...(signal ? {abortSignal: signal} : {})});
		return infos.map(toSummary);
	} catch (error) {
		throw toEngineError(error);
	}
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill' | 'remove';

/** Which actions make sense in which state; the UI offers nothing else. */
export function availableActions(state: ContainerState): readonly ContainerAction[] {
	switch (state) {
		case 'running': return ['stop', 'restart', 'pause', 'kill', 'remove'];
		case 'paused': return ['unpause', 'kill', 'remove'];
		case 'restarting': return ['stop', 'kill', 'remove'];
		case 'created':
		case 'exited':
		case 'dead': return ['start', 'restart', 'remove'];
		case 'removing': return [];
	}
}

export interface RemoveOptions {
	readonly force: boolean;
	readonly volumes: boolean;
}

/**
 * Runs an action. 'already' when the engine answered that the container was
 * already as asked (304: started, or stopped, meanwhile or by a key pressed
 * twice): what the person wanted is true, so that is not a failure.
 * 'read-back' when the answer was lost on the way (cut, late, garbled) and
 * reading the container back shows the action done; when it does not, the
 * error says what the engine shows instead.
 */
export async function runContainerAction(
	docker: Docker,
	id: string,
	action: ContainerAction,
	removeOptions: RemoveOptions = {force: false, volumes: false},
	/** A stop's or restart's grace before SIGKILL: named, so the call's deadline is the container's own (StopTimeout) and not the engine's default. */
	stopSeconds?: number,
): Promise<'done' | 'already' | 'read-back'> {
	const container = docker.getContainer(id);
	const sentAt = Date.now();
	try {
		switch (action) {
			case 'start': await container.start(); break;
			case 'stop': await container.stop(stopSeconds === undefined ? {} : {t: stopSeconds}); break;
			case 'restart': await container.restart(stopSeconds === undefined ? {} : {t: stopSeconds}); break;
			case 'pause': await container.pause(); break;
			case 'unpause': await container.unpause(); break;
			case 'kill': await container.kill(); break;
			case 'remove': await container.remove({force: removeOptions.force, v: removeOptions.volumes}); break;
		}
		return 'done';
	} catch (error) {
		const engineError = toEngineError(error);
		if (engineError.statusCode === 304) return 'already';
		if (!isLinkFailure(engineError)) throw engineError;
		const now = await readBackContainer(docker, id, action, sentAt);
		if (now.isDone) return 'read-back';
		throw new EngineError(engineError.kind, `${engineError.message} The engine shows it ${now.state} now.`);
	}
}

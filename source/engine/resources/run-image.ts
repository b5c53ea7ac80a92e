// `docker run` from a small form: parse what a person typed into the create
// options the engine wants, with a plain message for each mistake.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';

export type RestartPolicy = 'no' | 'always' | 'unless-stopped' | 'on-failure';
export const restartPolicies: readonly RestartPolicy[] = ['no', 'always', 'unless-stopped', 'on-failure'];

export interface RunOptions {
	readonly image: string;
	readonly name: string;
	/** Typed as in a shell: words split on spaces, quotes group. Empty keeps the image's CMD. */
	readonly command: string;
	/** KEY=value, comma or space separated. */
	readonly env: string;
	/** "8080:80", "127.0.0.1:8080:80/tcp", "53/udp", comma or space separated. */
	readonly ports: string;
	/** "volume-name:/data", "/host/path:/data:ro", comma or space separated. */
	readonly volumes: string;
	readonly restart: RestartPolicy;
	readonly detached: boolean;
	readonly labels?: Readonly<Record<string, string>>;
}

/** Splits a command line into words: spaces separate, single and double quotes group, backslash escapes. */
export function splitWords(text: string): string[] {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < text.length; i++) {
		const char = text[i] ?? '';
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
			else word += char;
		} else if (char === '"' || char === "'") {
			quote = char;
			inWord = true;
		} else if (char === '\\' && i + 1 < text.length) {
			word += text[++i];
			inWord = true;
		} else if (/\s/.test(char)) {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
		} else {
			word += char;
			inWord = true;
		}
	}
	if (quote) throw new EngineError('bad-config', `The command has an unclosed ${quote} quote.`);
	if (inWord) words.push(word);
	return words;
}

const items = (text: string) => text.split(/[,\s]+/).map(item => item.trim()).filter(Boolean);

export interface PortSpec {
	readonly hostIp: string;
	readonly hostPort: string;
	readonly containerPort: string;
}

export function parsePorts(text: string): PortSpec[] {
	return items(text).map(item => {
		const match = /^(?:(?:(\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:]+\]):)?(\d{1,5})?:)?(\d{1,5})(\/(?:tcp|udp|sctp))?$/i.exec(item);
		if (!match) throw new EngineError('bad-config', `"${sanitizeInline(item)}" is not a port binding; write e.g. 8080:80 or 127.0.0.1:8080:80/udp.`);
		const [, hostIp = '', hostPort = '', port = '', protocol = '/tcp'] = match;
		return {hostIp: hostIp.replace(/^\[|\]$/g, ''), hostPort, containerPort: `${port}${protocol.toLowerCase()}`};
	});
}

export function parseEnv(text: string): string[] {
	return items(text).map(item => {
		if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(item)) throw new EngineError('bad-config', `"${sanitizeInline(item)}" is not KEY=value.`);
		return item;
	});
}

export function parseVolumes(text: string): string[] {
	return items(text).map(item => {
		const parts = item.split(':');
		const [source, target, mode] = parts;
		if (parts.length < 2 || parts.length > 3 || !source || !target?.startsWith('/') || (mode !== undefined && !/^(ro|rw)$/.test(mode))) {
			throw new EngineError('bad-config', `"${sanitizeInline(item)}" is not a mount; write volume:/path or /host/path:/path[:ro].`);
		}
		return item;
	});
}

/** The engine's create body for the form; throws EngineError('bad-config') with a plain message on a typo. */
export function createOptions(options: RunOptions): Docker.ContainerCreateOptions {
	const name = options.name.trim();
	if (name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new EngineError('bad-config', `"${sanitizeInline(name)}" is not a container name: letters, digits, _ . - only.`);
	const ports = parsePorts(options.ports);
	const exposed: Record<string, object> = {};
	const bindings: Record<string, Array<{HostIp: string; HostPort: string}>> = {};
	for (const port of ports) {
		exposed[port.containerPort] = {};
		if (port.hostPort || port.hostIp) (bindings[port.containerPort] ??= []).push({HostIp: port.hostIp, HostPort: port.hostPort});
	}
	const command = splitWords(options.command);
	return {
		Image: options.image,
		...(name ? {name} : {}),
		...(command.length > 0 ? {Cmd: command} : {}),
		Env: parseEnv(options.env),
		ExposedPorts: exposed,
		...(options.labels ? {Labels: {...options.labels}} : {}),
		HostConfig: {
			PortBindings: bindings,
			Binds: parseVolumes(options.volumes),
			RestartPolicy: {Name: options.restart === 'no' ? '' : options.restart},
		},
	};
}

/** Creates and starts a container; returns its id. A failed start removes nothing: the person may want to look. */
export async function runImage(docker: Docker, options: RunOptions): Promise<string> {
	const body = createOptions(options);
	let container: Docker.Container;
	try {
		container = await docker.createContainer(body);
	} catch (error) {
		throw toEngineError(error);
	}
	try {
		await container.start();
	} catch (error) {
		const failure = toEngineError(error);
		throw new EngineError(failure.kind, `Created ${container.id.slice(0, 12)} but could not start it: ${failure.message}`, failure.statusCode);
	}
	return container.id;
}

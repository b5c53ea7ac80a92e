// Managed plugins (the Plugin API): list, inspect, enable and disable, change a
// setting, remove, and install: the privileges a plugin asks for are read
// first, so nothing is installed before a person has seen them.
import type {IncomingMessage} from 'node:http';
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {followProgressStream} from '../streams/progress.js';

export interface PluginSetting {
	readonly name: string;
	readonly value: string;
	readonly description: string;
	/** Set with `s` (the plugin lists it as settable). */
	readonly isSettable: boolean;
}

export interface PluginMount {
	readonly source: string;
	readonly destination: string;
	readonly type: string;
	readonly options: readonly string[];
	readonly isSettable: boolean;
}

export interface PluginPrivilege {
	readonly name: string;
	readonly description: string;
	readonly values: readonly string[];
}

export interface PluginSummary {
	readonly id: string;
	/** The name without its tag, e.g. vieux/sshfs. */
	readonly name: string;
	readonly tag: string;
	/** Name and tag, as the API addresses it. */
	readonly reference: string;
	readonly isEnabled: boolean;
	/** volume, network, ipam, authz, log, metrics: what the plugin provides. */
	readonly types: readonly string[];
	readonly description: string;
	readonly documentation: string;
	readonly pluginReference: string;
	readonly entrypoint: readonly string[];
	readonly settings: readonly PluginSetting[];
	readonly args: readonly string[];
	readonly mounts: readonly PluginMount[];
	readonly devices: readonly string[];
	readonly privileges: readonly PluginPrivilege[];
}

interface RawPlugin {
	Id?: string;
	Name?: string;
	Enabled?: boolean;
	PluginReference?: string;
	Settings?: {Env?: string[] | null; Args?: string[] | null; Mounts?: RawMount[] | null; Devices?: Array<{Path?: string | null}> | null};
	Config?: {
		Description?: string;
		Documentation?: string;
		Entrypoint?: string[] | null;
		/** The engine writes each as one string, "docker.volumedriver/1.0"; the API docs show objects. */
		Interface?: {Types?: Array<string | {Capability?: string}> | null};
		Env?: Array<{Name?: string; Description?: string; Settable?: string[] | null; Value?: string | null}> | null;
		Mounts?: RawMount[] | null;
		Network?: {Type?: string};
		IpcHost?: boolean;
		PidHost?: boolean;
		Linux?: {Capabilities?: string[] | null; AllowAllDevices?: boolean; Devices?: Array<{Path?: string | null}> | null};
	};
}

interface RawMount {
	Source?: string | null;
	Destination?: string;
	Type?: string;
	Options?: string[] | null;
	Settable?: string[] | null;
}

const typeWords: Readonly<Record<string, string>> = {
	volumedriver: 'volume', networkdriver: 'network', ipamdriver: 'ipam', authz: 'authz', logdriver: 'log', metricscollector: 'metrics',
};

/** "vieux/sshfs:latest" as name and tag; a digest stays with the name. */
export function splitPluginName(full: string): {readonly name: string; readonly tag: string} {
	const slash = full.lastIndexOf('/');
	const colon = full.lastIndexOf(':');
	return colon > slash ? {name: full.slice(0, colon), tag: full.slice(colon + 1)} : {name: full, tag: ''};
}

/**
 * The privileges an installed plugin holds, worked out from its config the way
 * the engine works them out for /plugins/privileges before an install.
 */
export function pluginPrivileges(config: RawPlugin['Config']): readonly PluginPrivilege[] {
	const out: PluginPrivilege[] = [];
	const network = config?.Network?.Type;
	if (network) out.push({name: 'network', description: 'permissions to access a network', values: [network]});
	if (config?.IpcHost) out.push({name: 'host ipc namespace', description: 'allow access to host ipc namespace', values: ['true']});
	if (config?.PidHost) out.push({name: 'host pid namespace', description: 'allow access to host pid namespace', values: ['true']});
	const sources = (config?.Mounts ?? []).flatMap(mount => (mount.Source ? [mount.Source] : []));
	if (sources.length > 0) out.push({name: 'mount', description: 'host path to mount', values: sources});
	if (config?.Linux?.AllowAllDevices) out.push({name: 'allow-all-devices', description: 'allow \'rwm\' access to all devices', values: ['true']});
	const devices = (config?.Linux?.Devices ?? []).flatMap(device => (device.Path ? [device.Path] : []));
	if (devices.length > 0) out.push({name: 'device', description: 'host device to access', values: devices});
	const capabilities = config?.Linux?.Capabilities ?? [];
	if (capabilities.length > 0) out.push({name: 'capabilities', description: 'list of additional capabilities required', values: capabilities});
	return out.map(privilege => ({name: sanitizeInline(privilege.name), description: sanitizeInline(privilege.description), values: privilege.values.map(sanitizeInline)}));
}

/** "docker.volumedriver/1.0" (or its object form) as "volumedriver". */
function capabilityOf(type: string | {Capability?: string}): string {
	if (typeof type !== 'string') return type.Capability ?? '';
	return type.replace(/\/[^/]*$/, '').replace(/^[^.]*\./, '');
}

export function toPlugin(raw: RawPlugin): PluginSummary {
	const full = sanitizeInline(raw.Name ?? '');
	const {name, tag} = splitPluginName(full);
	const config = raw.Config ?? {};
	const settableEnv = new Set((config.Env ?? []).filter(env => (env.Settable ?? []).includes('value')).map(env => env.Name ?? ''));
	const described = new Map((config.Env ?? []).map(env => [env.Name ?? '', env.Description ?? '']));
	const settings = (raw.Settings?.Env ?? []).map(pair => {
		const at = pair.indexOf('=');
		const key = at === -1 ? pair : pair.slice(0, at);
		return {name: sanitizeInline(key), value: sanitizeInline(at === -1 ? '' : pair.slice(at + 1)), description: sanitizeInline(described.get(key) ?? ''), isSettable: settableEnv.has(key)};
	});
	return {
		id: raw.Id ?? '',
		name,
		tag,
		reference: full,
		isEnabled: raw.Enabled === true,
		types: [...new Set((config.Interface?.Types ?? []).map(capabilityOf).map(capability => typeWords[capability.toLowerCase()] ?? sanitizeInline(capability)))],
		description: sanitizeInline(config.Description ?? ''),
		documentation: sanitizeInline(config.Documentation ?? ''),
		pluginReference: sanitizeInline(raw.PluginReference ?? ''),
		entrypoint: (config.Entrypoint ?? []).map(sanitizeInline),
		settings,
		args: (raw.Settings?.Args ?? []).map(sanitizeInline),
		mounts: ((raw.Settings?.Mounts ?? []).length > 0 ? raw.Settings?.Mounts ?? [] : config.Mounts ?? []).map(mount => ({
			source: sanitizeInline(mount.Source ?? ''), destination: sanitizeInline(mount.Destination ?? ''), type: sanitizeInline(mount.Type ?? ''),
			options: (mount.Options ?? []).map(sanitizeInline), isSettable: (mount.Settable ?? []).length > 0,
		})),
		devices: (raw.Settings?.Devices ?? []).flatMap(device => (device.Path ? [sanitizeInline(device.Path)] : [])),
		privileges: pluginPrivileges(config),
	};
}

export async function listPlugins(docker: Docker, signal?: AbortSignal): Promise<readonly PluginSummary[]> {
	try {
		const raw = await docker.listPlugins(signal ? {abortSignal: signal} : {}) as RawPlugin[];
		return raw.map(toPlugin);
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function inspectPlugin(docker: Docker, reference: string): Promise<PluginSummary> {
	try {
		return toPlugin(await docker.getPlugin(reference, undefined).inspect() as RawPlugin);
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function enablePlugin(docker: Docker, reference: string): Promise<void> {
	try {
		// timeout: seconds the engine waits for the plugin to answer on its socket (its own default is 30).
		await docker.getPlugin(reference, undefined).enable({timeout: 30});
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function disablePlugin(docker: Docker, reference: string, force: boolean): Promise<void> {
	try {
		// dockerode's disable sends its options as a body; the engine reads force from the query.
		const modem = docker.modem as {dial: (options: object, callback: (error: unknown, data: unknown) => void) => void};
		await new Promise((resolve, reject) => {
			modem.dial({
				path: `/plugins/${reference}/disable?`, method: 'POST', options: force ? {force: true} : {},
				statusCodes: {200: true, 404: 'no such plugin', 500: 'server error'},
			}, (error, data) => (error ? reject(error as Error) : resolve(data)));
		});
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function removePlugin(docker: Docker, reference: string): Promise<void> {
	try {
		await docker.getPlugin(reference, undefined).remove({});
	} catch (error) {
		throw toEngineError(error);
	}
}

/** "DEBUG=1 LOG=x": one or more key=value pairs, as `docker plugin set` takes them. */
export function parseSettings(typed: string): readonly string[] | string {
	const pairs = typed.trim().split(/\s+/).filter(Boolean);
	if (pairs.length === 0) return 'Type a setting as key=value, e.g. DEBUG=1.';
	const bad = pairs.find(pair => !/^[^=\s]+=/.test(pair));
	return bad ? `"${sanitizeInline(bad)}" is not key=value.` : pairs;
}

export async function setPlugin(docker: Docker, reference: string, pairs: readonly string[]): Promise<void> {
	try {
		// dockerode sends opts._body as the JSON body: here the list of "key=value".
		await docker.getPlugin(reference, undefined).configure({_body: [...pairs]});
	} catch (error) {
		throw toEngineError(error);
	}
}

/** GET /plugins/privileges: what a plugin would be granted, before anything is pulled. */
export async function remotePrivileges(docker: Docker, remote: string): Promise<readonly PluginPrivilege[]> {
	const reference = remote.trim();
	if (!reference || /\s/.test(reference)) throw new EngineError('bad-config', 'Type a plugin reference, e.g. vieux/sshfs:latest.');
	try {
		const raw = await docker.getPlugin(reference, reference).privileges() as Array<{Name?: string; Description?: string; Value?: string[] | null}>;
		return (raw ?? []).map(privilege => ({name: sanitizeInline(privilege.Name ?? ''), description: sanitizeInline(privilege.Description ?? ''), values: (privilege.Value ?? []).map(sanitizeInline)}));
	} catch (error) {
		throw toEngineError(error);
	}
}

/**
 * POST /plugins/pull with the privileges granted, then (as `docker plugin
 * install` does unless told not to) enable. The pull's progress lines go to onStatus.
 */
export async function installPlugin(docker: Docker, remote: string, privileges: readonly PluginPrivilege[], options: {readonly enable: boolean; readonly signal: AbortSignal; readonly onStatus: (line: string) => void}): Promise<{readonly enabled: boolean; readonly enableError?: string}> {
	const reference = remote.trim();
	const body = privileges.map(privilege => ({Name: privilege.name, Description: privilege.description, Value: [...privilege.values]}));
	try {
		const stream = await docker.getPlugin(reference, reference).pull({_query: {remote: reference}, _body: body, abortSignal: options.signal}) as unknown as IncomingMessage;
		// An error line in the stream rejects; an abort resolves 'cancelled'.
		const outcome = await followProgressStream(docker, stream, options.signal, events => {
			const last = events.at(-1);
			if (last?.status) options.onStatus(sanitizeInline(last.status));
		});
		if (outcome === 'cancelled') throw new EngineError('unknown', 'Install cancelled.');
	} catch (error) {
		throw toEngineError(error);
	}
	if (!options.enable) return {enabled: false};
	try {
		await enablePlugin(docker, reference);
		return {enabled: true};
	} catch (error) {
		return {enabled: false, enableError: (error as Error).message};
	}
}

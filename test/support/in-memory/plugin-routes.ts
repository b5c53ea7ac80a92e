// The Plugin API as the engine answers it: list, inspect, enable, disable,
// set, remove, privileges and pull, with the engine's refusals in its words
// and its plugin events.
import {notFound, type Answer, type Route, type RouteContext} from './container-routes.js';
import type {EngineModel} from './model.js';
import {newId} from './model.js';

export interface PluginRecord {
	readonly id: string;
	/** name:tag, as the API addresses it. */
	readonly name: string;
	enabled: boolean;
	readonly description: string;
	/** volumedriver, networkdriver, authz, logdriver, …: the interface's capabilities. */
	readonly capabilities: readonly string[];
	/** The config's env: each with its default and whether `set` may change it. */
	readonly env: ReadonlyArray<{readonly name: string; readonly value: string; readonly settable: boolean; readonly description: string}>;
	/** The settings in effect: KEY=value. */
	settings: string[];
	readonly mounts: ReadonlyArray<{readonly source: string; readonly destination: string}>;
	readonly capabilitiesLinux: readonly string[];
	readonly network: string;
	/** Enabling fails as when nothing answers on the plugin's socket. */
	readonly failsToStart: boolean;
	/** Volumes or networks of it exist: disable and remove are refused (unless forced). */
	inUse: boolean;
	readonly pluginReference: string;
}

export function pluginShape(plugin: PluginRecord) {
	// The engine copies the config's mounts into the settings at install: what `set` may change.
	const mounts = plugin.mounts.map(mount => ({Name: '', Description: '', Settable: null, Source: mount.source, Destination: mount.destination, Type: 'bind', Options: ['rbind']}));
	return {
		Id: plugin.id,
		Name: plugin.name,
		Enabled: plugin.enabled,
		Settings: {Mounts: mounts, Env: [...plugin.settings], Args: [], Devices: []},
		PluginReference: plugin.pluginReference || plugin.name,
		Config: {
			DockerVersion: '20.10.24+dfsg1',
			Description: plugin.description,
			Documentation: '',
			// The engine writes each type as one string, "docker.volumedriver/1.0", not the object its API docs show.
			Interface: {Types: plugin.capabilities.map(capability => `docker.${capability}/1.0`), Socket: 'plugin.sock'},
			Entrypoint: ['/bin/plugin'],
			WorkDir: '',
			User: {},
			Network: {Type: plugin.network},
			Linux: {Capabilities: plugin.capabilitiesLinux.length > 0 ? [...plugin.capabilitiesLinux] : null, AllowAllDevices: false, Devices: null},
			PropagatedMount: '',
			IpcHost: false,
			PidHost: false,
			Mounts: mounts.length > 0 ? mounts : null,
			Env: plugin.env.map(env => ({Name: env.name, Description: env.description, Settable: env.settable ? ['value'] : null, Value: env.value})),
			Args: {Name: '', Description: '', Settable: null, Value: null},
			rootfs: {type: 'layers', diff_ids: [`sha256:${plugin.id}`]},
		},
	};
}

/** The privileges the engine lists for a plugin's config (GET /plugins/privileges). */
export function privilegesOf(plugin: Pick<PluginRecord, 'network' | 'mounts' | 'capabilitiesLinux'>) {
	return [
		...(plugin.network ? [{Name: 'network', Description: 'permissions to access a network', Value: [plugin.network]}] : []),
		...(plugin.mounts.length > 0 ? [{Name: 'mount', Description: 'host path to mount', Value: plugin.mounts.map(mount => mount.source)}] : []),
		...(plugin.capabilitiesLinux.length > 0 ? [{Name: 'capabilities', Description: 'list of additional capabilities required', Value: [...plugin.capabilitiesLinux]}] : []),
	];
}

/** A name without a tag is :latest, as the engine resolves it. */
const withTag = (name: string) => (/:[^/]+$/.test(name) ? name : `${name}:latest`);

function findPlugin(model: EngineModel, reference: string): PluginRecord | undefined {
	const all = [...model.plugins.values()];
	return all.find(plugin => plugin.name === withTag(reference)) ?? all.find(plugin => plugin.id === reference) ?? onlyOne(all.filter(plugin => plugin.id.startsWith(reference)));
}

function onlyOne<T>(candidates: readonly T[]): T | undefined {
	return candidates.length === 1 ? candidates[0] : undefined;
}

function withPlugin(handle: (plugin: PluginRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const reference = context.params[0] ?? '';
		const plugin = findPlugin(context.model, reference);
		return plugin ? handle(plugin, context) : notFound(`plugin "${reference}" not found`);
	};
}

const emit = (model: EngineModel, plugin: PluginRecord, action: string) => model.bus.publish('plugin', action, plugin.id, {name: plugin.name});
const isTrue = (value: string | null) => value === '1' || value === 'true';

function setPlugin(plugin: PluginRecord, {body}: RouteContext): Answer {
	if (plugin.enabled) return {status: 500, body: {message: 'cannot set on an active plugin, disable plugin before setting'}};
	const pairs = Array.isArray(body) ? body.map(String) : [];
	for (const pair of pairs) {
		const [key = ''] = pair.split('=', 1);
		const env = plugin.env.find(candidate => candidate.name === key);
		if (!env) return {status: 500, body: {message: `setting "${key}" not found in the plugin configuration`}};
		if (!env.settable) return {status: 500, body: {message: `"${key}" is not settable`}};
	}
	for (const pair of pairs) {
		const key = pair.slice(0, pair.indexOf('='));
		plugin.settings = [...plugin.settings.filter(setting => !setting.startsWith(`${key}=`)), pair];
	}
	return {status: 204};
}

/** POST /plugins/pull: from the stand-in's registry of plugins, with the privileges granted in the body. */
function pull({model, query, body, res}: RouteContext): Answer {
	const remote = withTag(query.get('remote') ?? '');
	const source = model.remotePlugins.get(remote);
	if (!source) return {status: 404, body: {message: `pull access denied for ${remote.replace(/:latest$/, '')}, repository does not exist or may require 'docker login'`}};
	const granted = Array.isArray(body) ? body as Array<{Name?: string}> : [];
	const wanted = privilegesOf(source);
	if (wanted.some(privilege => !granted.some(grant => grant.Name === privilege.Name))) return {status: 500, body: {message: 'privileges do not match the plugin\'s privileges'}};
	const name = withTag(query.get('name') || remote);
	if (findPlugin(model, name)) return {status: 409, body: {message: `plugin "${name}" already exists`}};
	const plugin: PluginRecord = {...source, id: newId(), name, enabled: false, settings: source.env.map(env => `${env.name}=${env.value}`), pluginReference: `docker.io/${remote}`};
	res.writeHead(200, {'Content-Type': 'application/json'});
	res.write(`${JSON.stringify({status: `Pulling from ${remote.replace(/:[^:]+$/, '')}`, id: remote.replace(/^.*:/, '')})}\n`);
	res.write(`${JSON.stringify({status: 'Download complete', id: plugin.id.slice(0, 12)})}\n`);
	model.plugins.set(plugin.id, plugin);
	emit(model, plugin, 'pull');
	res.end(`${JSON.stringify({status: `Digest: sha256:${newId()}`})}\n${JSON.stringify({status: `Status: Downloaded newer image for ${remote}`})}\n`);
	return undefined;
}

export const pluginRoutes: readonly Route[] = [
	['GET', /^\/plugins$/, ({model}) => ({status: 200, body: [...model.plugins.values()].map(pluginShape)})],
	['GET', /^\/plugins\/privileges$/, ({model, query}) => {
		const remote = withTag(query.get('remote') ?? '');
		const source = model.remotePlugins.get(remote);
		return source ? {status: 200, body: privilegesOf(source)} : {status: 500, body: {message: `pull access denied for ${remote.replace(/:latest$/, '')}, repository does not exist or may require 'docker login'`}};
	}],
	['POST', /^\/plugins\/pull$/, pull],
	['GET', /^\/plugins\/(.+)\/json$/, withPlugin(plugin => ({status: 200, body: pluginShape(plugin)}))],
	['POST', /^\/plugins\/(.+)\/enable$/, withPlugin((plugin, {model, query}) => {
		// The engine parses timeout before anything else, and an absent one fails.
		if (!/^\d+$/.test(query.get('timeout') ?? '')) return {status: 500, body: {message: 'strconv.Atoi: parsing "": invalid syntax'}};
		if (plugin.enabled) return {status: 409, body: {message: `plugin is already enabled: plugin ${plugin.name} found but enabled`}};
		if (plugin.failsToStart) return {status: 500, body: {message: `dial unix /run/docker/plugins/${plugin.id}/plugin.sock: connect: no such file or directory`}};
		plugin.enabled = true;
		emit(model, plugin, 'enable');
		return {status: 200};
	})],
	['POST', /^\/plugins\/(.+)\/disable$/, withPlugin((plugin, {model, query}) => {
		if (!plugin.enabled) return {status: 409, body: {message: `plugin is already disabled: plugin ${plugin.name} found but disabled`}};
		if (plugin.inUse && !isTrue(query.get('force'))) return {status: 500, body: {message: `plugin ${plugin.name} is in use`}};
		plugin.enabled = false;
		emit(model, plugin, 'disable');
		return {status: 200};
	})],
	['POST', /^\/plugins\/(.+)\/set$/, withPlugin(setPlugin)],
	['DELETE', /^\/plugins\/(.+)$/, withPlugin((plugin, {model, query}) => {
		if (plugin.enabled && !isTrue(query.get('force'))) return {status: 409, body: {message: `plugin ${plugin.name} is enabled`}};
		if (plugin.inUse && !isTrue(query.get('force'))) return {status: 409, body: {message: `plugin ${plugin.name} is in use`}};
		model.plugins.delete(plugin.id);
		emit(model, plugin, 'remove');
		return {status: 200};
	})],
];

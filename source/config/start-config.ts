// The configuration's part of starting berth: read the file, pick the engine
// (a configured host's name works as --host), settle every setting and apply
// it. Any problem is a ConfigError, which cli.tsx prints and exits 2 on.
import {contextEndpoint, resolveEndpoint, type Endpoint} from '../engine/transport/connection.js';
import type {HostConfig} from './config-schema.js';
import {applyConfig, schemaContext} from './apply-config.js';
import {ConfigError, defaultConfigPath, loadConfig, type LoadedConfig} from './read-config.js';
import {hostInUse, resolveSettings, type FlagSettings, type ResolvedSettings} from './settings.js';

export interface StartFlags extends FlagSettings {
	readonly host?: string;
	readonly context?: string;
	readonly config?: string;
	/** Several engines at once: every --host and --context given (two or more), in order. */
	readonly fleet?: readonly EngineWord[];
}

/** One engine named on the command line. */
export interface EngineWord {
	readonly kind: 'host' | 'context';
	readonly value: string;
}

/** One engine of several watched at once. */
export interface FleetTarget {
	readonly name: string;
	readonly endpoint: Endpoint;
	readonly isReadOnly: boolean;
}

export interface PreparedRun {
	readonly loaded: LoadedConfig;
	readonly resolved: ResolvedSettings;
	readonly endpoint: Endpoint;
	/** Where the engine address came from, for `berth config`. */
	readonly engineOrigin: string;
	/** Where berth looked for the file. */
	readonly lookedAt: string;
	/** What `:ctx` calls the engine: the configured host's name, the context's, or the address. */
	readonly engineName: string;
	/** Read-only whatever the engine (the flag or the file's top level); a host's own readOnly adds to it. */
	readonly isReadOnlyEverywhere: boolean;
	/** With several engines: each, the first being `endpoint`. */
	readonly fleet?: readonly FleetTarget[];
	/** Said once at start: an engine named twice, watched once. */
	readonly fleetWarnings?: readonly string[];
}

/** A short, readable name for an address (the HOST column): the socket's path, or host[:port]. */
export function addressName(url: string): string {
	const match = /^([a-z]+):\/\/(.*)$/.exec(url);
	if (!match) return url;
	if (match[1] === 'unix') return match[2] ?? url;
	return (match[2] ?? url).replace(/^[^@]*@/, '').replace(/\/.*$/, '');
}

function fleetTargets(words: readonly EngineWord[], hosts: readonly HostConfig[], env: NodeJS.ProcessEnv): {targets: FleetTarget[]; warnings: string[]} {
	const homeDir = env['HOME'] ?? '';
	const targets: FleetTarget[] = [];
	const warnings: string[] = [];
	for (const word of words) {
		const named = word.kind === 'host' ? hosts.find(host => host.name === word.value) : undefined;
		const endpoint = named
			? (named.host ? resolveEndpoint({host: named.host, env, homeDir}) : contextEndpoint(named.context ?? '', {env, homeDir}, 'context'))
			: word.kind === 'context' ? contextEndpoint(word.value, {env, homeDir}, 'context') : resolveEndpoint({host: word.value, env, homeDir});
		const name = named?.name ?? (word.kind === 'context' ? word.value : addressName(word.value));
		const same = targets.find(target => target.name === name || target.endpoint.url === endpoint.url);
		if (same) {
			warnings.push(`${word.value} names the engine ${same.name} again; it is watched once`);
			continue;
		}
		const configured = named ?? hosts.find(host => (host.host !== undefined && host.host === endpoint.url) || (host.context !== undefined && host.context === endpoint.contextName));
		targets.push({name, endpoint, isReadOnly: configured?.readOnly ?? false});
	}
	return {targets, warnings};
}

export async function prepareRun(flags: StartFlags, env: NodeJS.ProcessEnv): Promise<PreparedRun> {
	const lookedAt = flags.config ?? defaultConfigPath(env);
	const loaded = await loadConfig({...(flags.config === undefined ? {} : {path: flags.config}), env, context: schemaContext()});
	const hosts = loaded.config?.hosts ?? [];
	const fleet = flags.fleet && flags.fleet.length > 1 ? fleetTargets(flags.fleet, hosts, env) : undefined;
	if (fleet && fleet.targets.length > 1) {
		const [first] = fleet.targets;
		if (!first) throw new Error('no engine');
		// Read-only when any engine watched is: keys act on whichever engine's row is selected.
		const isReadOnlyEverywhere = flags.readOnly === true || loaded.config?.values.readOnly === true;
		const readOnlyHost = fleet.targets.some(target => target.isReadOnly) ? {name: fleet.targets.filter(target => target.isReadOnly).map(target => target.name).join(', '), readOnly: true, line: 0} : undefined;
		const resolved = resolveSettings({flags, ...(loaded.config ? {file: loaded.config} : {}), ...(loaded.path ? {path: loaded.path} : {}), env, ...(readOnlyHost ? {host: readOnlyHost} : {})});
		const problems = applyConfig(resolved.settings, loaded.config, loaded.path, first.endpoint.url);
		if (problems.length > 0) throw new ConfigError(problems);
		return {loaded, resolved, endpoint: first.endpoint, engineOrigin: 'flags (several engines)', lookedAt, engineName: first.name, isReadOnlyEverywhere, fleet: fleet.targets, fleetWarnings: fleet.warnings};
	}
	const single = fleet?.targets[0];
	if (single) flags = {...flags, ...(single.endpoint.contextName && single.endpoint.source === 'context' ? {context: single.endpoint.contextName, host: undefined} : {host: single.endpoint.url, context: undefined})};
	const named = flags.host === undefined ? undefined : hosts.find(host => host.name === flags.host);
	const endpoint = resolveEndpoint({
		...(named ? (named.host ? {host: named.host} : {context: named.context ?? ''}) : flags.host === undefined ? {} : {host: flags.host}),
		...(flags.context === undefined ? {} : {context: flags.context}),
		env,
		homeDir: env['HOME'] ?? '',
	});
	const host = hostInUse(hosts, endpoint, flags.host);
	const resolved = resolveSettings({flags, ...(loaded.config ? {file: loaded.config} : {}), ...(loaded.path ? {path: loaded.path} : {}), env, ...(host ? {host} : {})});
	const problems = applyConfig(resolved.settings, loaded.config, loaded.path, endpoint.url);
	if (problems.length > 0) throw new ConfigError(problems);
	const engineOrigin = named ? `file (host ${named.name})` : endpoint.source === 'flag' ? 'flag' : endpoint.source === 'env' ? 'environment (DOCKER_HOST)' : endpoint.source === 'context' ? `context ${endpoint.contextName ?? ''}` : 'default';
	const engineName = host?.name ?? endpoint.contextName ?? endpoint.url;
	const isReadOnlyEverywhere = flags.readOnly === true || loaded.config?.values.readOnly === true;
	return {loaded, resolved, endpoint, engineOrigin, lookedAt, engineName, isReadOnlyEverywhere};
}

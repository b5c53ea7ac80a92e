// The configuration's part of starting berth: read the file, pick the engine
// (a configured host's name works as --host), settle every setting and apply
// it. Any problem is a ConfigError, which cli.tsx prints and exits 2 on.
import {resolveEndpoint, type Endpoint} from '../engine/transport/connection.js';
import {applyConfig, schemaContext} from './apply-config.js';
import {ConfigError, defaultConfigPath, loadConfig, type LoadedConfig} from './read-config.js';
import {hostInUse, resolveSettings, type FlagSettings, type ResolvedSettings} from './settings.js';

export interface StartFlags extends FlagSettings {
	readonly host?: string;
	readonly context?: string;
	readonly config?: string;
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
}

export async function prepareRun(flags: StartFlags, env: NodeJS.ProcessEnv): Promise<PreparedRun> {
	const lookedAt = flags.config ?? defaultConfigPath(env);
	const loaded = await loadConfig({...(flags.config === undefined ? {} : {path: flags.config}), env, context: schemaContext()});
	const hosts = loaded.config?.hosts ?? [];
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

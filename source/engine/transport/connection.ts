import {existsSync, readFileSync} from 'node:fs';
import type * as Http from 'node:http';
import type {Agent} from 'node:http';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import Docker from 'dockerode';
import {missingTlsFiles, readContextStore} from './context-store.js';
import {engineProduct, engineVersionText} from './engine-product.js';
import {EngineError, toEngineError} from './errors.js';
import {guardRequests, isLinkFailure} from './guarded-dial.js';
import {sshAuth, type SshAuth} from './ssh-auth.js';
import type {StrictHostKeyChecking} from './ssh-config.js';
import {hopConnection, sshRoute, type SshHop} from './ssh-route.js';
import {createSshAgent} from './ssh-transport.js';

export type EndpointSource = 'flag' | 'env' | 'context' | 'default';

export interface Endpoint {
	readonly url: string;
	readonly label: string;
	readonly source: EndpointSource;
	readonly contextName?: string;
	readonly options: Docker.DockerOptions;
}

export interface ResolveInput {
	readonly host?: string;
	readonly context?: string;
	readonly env: NodeJS.ProcessEnv;
	readonly homeDir: string;
}

// Required when used: berth's start-up snapshot cannot hold node:http (scripts/build.mjs).
const requireModule = createRequire(import.meta.url);

const defaultHost = 'unix:///var/run/docker.sock';

function configDir(input: ResolveInput): string {
	return input.env['DOCKER_CONFIG'] || join(input.homeDir, '.docker');
}

function readTls(dir: string): Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'> {
	const read = (file: string) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined);
	const ca = read('ca.pem');
	const cert = read('cert.pem');
	const key = read('key.pem');
	return {...(ca ? {ca} : {}), ...(cert ? {cert} : {}), ...(key ? {key} : {})};
}

/** DOCKER_TLS_VERIFY's folder: all three files, or a message that says which is missing (the CLI refuses too). */
function readTlsFolder(dir: string): Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'> {
	const missing = ['ca.pem', 'cert.pem', 'key.pem'].filter(file => !existsSync(join(dir, file)));
	if (missing.length > 0) {
		throw new EngineError('bad-config', `DOCKER_TLS_VERIFY is set, but ${dir || 'DOCKER_CERT_PATH'} has no ${missing.join(', ')}. Point DOCKER_CERT_PATH at the folder holding the engine's ca.pem, cert.pem and key.pem.`);
	}
	return readTls(dir);
}

/** Turns a DOCKER_HOST-style URL into dockerode options; `origin` says where it came from for messages. */
export function hostOptions(url: string, origin: string, tls?: Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'>, ssh?: SshAuth): Docker.DockerOptions {
	const bad = () => new EngineError('bad-config', `The engine address "${url}" (from ${origin}) is not one berth understands. Use unix:///path/to/docker.sock, tcp://host:port or ssh://[user@]host[:port].`);
	const match = /^([a-z]+):\/\/(.*)$/.exec(url);
	if (!match) throw bad();
	const [, scheme, rest = ''] = match;
	if (scheme === 'unix') {
		if (!rest.startsWith('/')) throw bad();
		return {socketPath: rest};
	}
	if (scheme === 'tcp' || scheme === 'http' || scheme === 'https' || scheme === 'ssh') {
		let parsed: URL;
		try {
			parsed = new URL(`${scheme === 'ssh' ? 'ssh' : 'http'}://${rest}`);
		} catch {
			throw bad();
		}
		if (!parsed.hostname) throw bad();
		if (scheme === 'ssh') {
			// The address may name a Host of ~/.ssh/config, reached through the jump hosts its ProxyJump names.
			const route = ssh ? sshRoute(rest, ssh, `${url} (from ${origin})`) : [];
			const target = route.at(-1);
			const jumps = route.slice(0, -1);
			const username = target?.username ?? (parsed.username ? decodeURIComponent(parsed.username) : undefined);
			const sshOptions = {
				readyTimeout: 10_000,
				...(ssh?.agent ? {agent: ssh.agent} : {}),
				...(target?.privateKey ? {privateKey: target.privateKey} : {}),
				...(target ? {knownHostsFiles: target.knownHostsFiles} : {}),
				...(target?.strictHostKeyChecking ? {strictHostKeyChecking: target.strictHostKeyChecking} : {}),
				...(target?.hashKnownHosts ? {hashKnownHosts: true} : {}),
				...(jumps.length > 0 ? {jumps} : {}),
				...(target && target.name !== target.host ? {alias: target.name} : {}),
			};
			// @types/dockerode lacks sshOptions; docker-modem passes them to ssh2's connect.
			return {protocol: 'ssh', host: target?.host ?? parsed.hostname, port: target?.port ?? Number(parsed.port || 22), ...(username ? {username} : {}), sshOptions} as Docker.DockerOptions;
		}
		const secure = scheme === 'https' || Boolean(tls);
		return {protocol: secure ? 'https' : 'http', host: parsed.hostname, port: Number(parsed.port || (secure ? 2376 : 2375)), ...(tls ?? {})};
	}
	throw bad();
}

export function contextEndpoint(name: string, input: ResolveInput, source: EndpointSource): Endpoint {
	if (name === 'default') return fromUrl(input.env['DOCKER_HOST'] || defaultHost, source === 'context' ? 'the default context' : 'DOCKER_HOST', 'context', 'default', input.env, input.homeDir);
	const store = readContextStore(input);
	const entry = store.contexts.find(context => context.name === name);
	if (!entry) {
		throw new EngineError('unknown-context', `There is no docker context named "${name}". Known contexts: ${store.contexts.map(context => context.name).join(', ')}. \`docker context ls\` lists them.`);
	}
	const host = entry.host;
	if (!host) throw new EngineError('bad-config', `The docker context "${name}" has no Docker endpoint (${join(configDir(input), 'contexts', 'meta')}).`);
	const tls = entry.tlsDir ? contextTls(name, entry.tlsDir) : undefined;
	const options = hostOptions(host, `context ${name}`, tls, host.startsWith('ssh://') ? sshAuth(input.env, input.homeDir) : undefined);
	return {url: host, label: `${host} (context ${name})`, source: 'context', contextName: name, options};
}

/** A context's TLS files: a client certificate needs its key (and the reverse), as the CLI's store keeps them. */
function contextTls(name: string, dir: string): Pick<Docker.DockerOptions, 'ca' | 'cert' | 'key'> {
	const missing = missingTlsFiles(dir);
	const lacksPair = missing.includes('cert.pem') !== missing.includes('key.pem');
	if (missing.length === 3 || lacksPair) {
		throw new EngineError('bad-config', `The docker context "${name}" is missing its TLS files ${missing.join(', ')} in ${dir}. Create the context again with \`docker context create ${name} --docker host=…,ca=…,cert=…,key=…\`.`);
	}
	return readTls(dir);
}

function fromUrl(url: string, origin: string, source: EndpointSource, contextName?: string, env?: NodeJS.ProcessEnv, homeDir?: string): Endpoint {
	const tls = env && env['DOCKER_TLS_VERIFY'] && /^(tcp|https?):/.test(url) ? readTlsFolder(env['DOCKER_CERT_PATH'] || '') : undefined;
	const ssh = url.startsWith('ssh://') ? sshAuth(env ?? {}, homeDir ?? '') : undefined;
	return {url, label: url, source, ...(contextName ? {contextName} : {}), options: hostOptions(url, origin, tls, ssh)};
}

/** Finds the engine the way the docker CLI does: flag, DOCKER_HOST, context, config, default socket. */
export function resolveEndpoint(input: ResolveInput): Endpoint {
	if (input.host && input.context) throw new EngineError('bad-config', 'Use either --host or --context, not both (the docker CLI refuses that too).');
	if (input.host) return fromUrl(input.host, '--host', 'flag', undefined, {...input.env, DOCKER_CERT_PATH: input.env['DOCKER_CERT_PATH'] || join(input.homeDir, '.docker')}, input.homeDir);
	const envHost = input.env['DOCKER_HOST'];
	if (envHost) return fromUrl(envHost, 'DOCKER_HOST', 'env', undefined, {...input.env, DOCKER_CERT_PATH: input.env['DOCKER_CERT_PATH'] || join(input.homeDir, '.docker')}, input.homeDir);
	const context = input.context || input.env['DOCKER_CONTEXT'];
	if (context) return contextEndpoint(context, input, 'context');
	const configPath = join(configDir(input), 'config.json');
	if (existsSync(configPath)) {
		try {
			const current = (JSON.parse(readFileSync(configPath, 'utf8')) as {currentContext?: string}).currentContext;
			if (current) return contextEndpoint(current, input, 'context');
		} catch (error) {
			if (error instanceof EngineError) throw error;
		}
	}
	return fromUrl(defaultHost, 'the default', 'default');
}

/**
 * Each engine gets an HTTP agent of its own, so that leaving it (a context
 * switch) can close every socket it holds; with Node's shared global agent, idle
 * keep-alive sockets to the old engine would linger.
 */
function ownAgent(options: Docker.DockerOptions): Agent {
	const secure = options.protocol === 'https';
	const {Agent: HttpAgent} = requireModule(secure ? 'node:https' : 'node:http') as typeof Http;
	return new HttpAgent({keepAlive: true});
}

const agents = new WeakMap<Docker, Agent>();

/** Closes every socket a client made by connect() holds (streams should be aborted first; this ends what lingers). */
export function disconnect(docker: Docker): void {
	agents.get(docker)?.destroy();
}

/**
 * docker-modem writes every request's options out with util.inspect (depth
 * unlimited, hidden properties too) for its debug log, whether or not that log
 * is on: an agent in those options, with its sockets, cost more CPU than all of
 * berth's own work. It is shown as one word instead.
 */
function cheapToInspect(agent: Agent): Agent {
	Object.defineProperty(agent, Symbol.for('nodejs.util.inspect.custom'), {value: () => '[berth engine agent]'});
	return agent;
}

/** ssh:// goes through berth's own pooled agent (see ssh-transport.ts), checking each host key against known_hosts; the rest is dockerode's. */
async function transportOptions(options: Docker.DockerOptions): Promise<Docker.DockerOptions> {
	// @types/dockerode lacks `agent`; docker-modem hands it to http.request.
	if (options.protocol !== 'ssh') return {...options, agent: cheapToInspect(ownAgent(options))} as Docker.DockerOptions;
	type TargetOptions = Record<string, unknown> & {knownHostsFiles?: readonly string[]; strictHostKeyChecking?: StrictHostKeyChecking; jumps?: readonly SshHop[]; alias?: string; hashKnownHosts?: boolean; privateKey?: Buffer; agent?: string};
	const {sshOptions, ...rest} = options as Docker.DockerOptions & {sshOptions?: TargetOptions};
	const {knownHostsFiles: knownHostsPaths = [], strictHostKeyChecking, hashKnownHosts, jumps = [], alias, ...connectOptions} = sshOptions ?? {};
	const target: SshHop = {
		name: alias ?? rest.host ?? '',
		host: rest.host ?? '',
		port: Number(rest.port),
		username: rest.username ?? '',
		knownHostsFiles: knownHostsPaths,
		...(strictHostKeyChecking ? {strictHostKeyChecking} : {}),
		...(hashKnownHosts ? {hashKnownHosts} : {}),
	};
	const {readyTimeout, agent: sshAgent} = connectOptions;
	const agent = cheapToInspect(await createSshAgent([
		...jumps.map(jump => hopConnection(jump, {readyTimeout, ...(sshAgent ? {agent: sshAgent} : {}), ...(jump.privateKey ? {privateKey: jump.privateKey} : {})})),
		hopConnection(target, connectOptions),
	]));
	// @types/dockerode lacks `agent`; docker-modem hands it to http.request.
	return {host: rest.host, port: rest.port, protocol: 'http', agent} as Docker.DockerOptions;
}

export interface EngineIdentity {
	readonly apiVersion: string;
	readonly engineVersion: string;
	/** "Docker" or "Podman" (engine-product.ts). */
	readonly engineProduct: string;
}

const newestApi = 1.47;

// docker-modem reads DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH itself
// whenever a client is made, and its values win over ours (a tcp DOCKER_HOST
// beat --host unix://...; a missing cert folder threw ENOENT). berth has
// already resolved the endpoint the docker CLI's way, so the client is made
// with those variables out of sight.
const modemEnvironment = ['DOCKER_HOST', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CLIENT_TIMEOUT', 'DOCKER_PATH_PREFIX'] as const;

export function createClient(options: Docker.DockerOptions): Docker {
	const saved = modemEnvironment.map(name => [name, process.env[name]] as const);
	for (const name of modemEnvironment) delete process.env[name];
	try {
		return guardRequests(new Docker(options));
	} finally {
		for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
	}
}

/** Connects and pins the API version to what both sides speak, so older (1.41) and newer engines work. */
export interface ConnectOptions {
	readonly timeoutMs?: number;
	/**
	 * Given the first client as soon as it exists, before the version handshake,
	 * so a caller can send its first request alongside it (one round trip less to
	 * the first frame, which over SSH is the slow part). That client speaks the
	 * engine's own API version.
	 */
	readonly onClient?: (client: Docker) => void;
}

export async function connect(endpoint: Endpoint, {timeoutMs = 5000, onClient}: ConnectOptions = {}): Promise<{docker: Docker; identity: EngineIdentity}> {
	const options = await transportOptions(endpoint.options);
	// ssh:// gets its pooled agent from transportOptions, the rest their own: either way one per engine.
	const agent = (options as {agent?: Agent}).agent;
	const probe = createClient({...options, timeout: timeoutMs});
	if (agent) agents.set(probe, agent);
	onClient?.(probe);
	let version: Docker.DockerVersion;
	try {
		version = await firstVersion(probe, endpoint.label);
	} catch (error) {
		// An engine berth gave up on keeps no socket open (a failed switch, a fleet member retried later).
		agent?.destroy();
		throw error;
	}
	const server = Number.parseFloat(version.ApiVersion);
	const api = Number.isFinite(server) ? Math.min(server, newestApi).toFixed(2).replace(/0$/, '') : '1.41';
	const docker = createClient({...options, version: `v${api}`});
	if (agent) agents.set(docker, agent);
	return {docker, identity: {apiVersion: api, engineVersion: engineVersionText(version), engineProduct: engineProduct(version)}};
}

/**
 * A client for an engine that did not answer yet (one of several watched at once):
 * no handshake, so it speaks the engine's own API version once it answers; the
 * views retry through it as they do after any lost link.
 */
export async function clientForLater(endpoint: Endpoint): Promise<Docker> {
	const options = await transportOptions(endpoint.options);
	const docker = createClient(options);
	const agent = (options as {agent?: Agent}).agent;
	if (agent) agents.set(docker, agent);
	return docker;
}

/** A faulty link may lose the first answer: two more tries before berth says the engine cannot be reached. */
async function firstVersion(probe: Docker, label: string): Promise<Docker.DockerVersion> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await probe.version();
		} catch (error) {
			const failure = toEngineError(error, label);
			if (attempt >= 2 || !isLinkFailure(failure) || /nothing is listening/.test(failure.message)) throw failure;
			await new Promise(resolve => setTimeout(resolve, 250 * 2 ** attempt));
		}
	}
}

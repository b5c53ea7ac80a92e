// The docker CLI's credentials for one registry: a credential helper named for
// that host (credHelpers), else the credential store (credsStore), else the
// file's own `auths` entry; and stored or erased the same way `docker login`
// and `docker logout` do, so either tool can use what the other wrote.
import {sanitizeInline} from '../../text/sanitize.js';
import {hostnameOf, readDockerConfig, writeDockerAuths, type AuthEntry, type DockerConfig, type DockerConfigPlace} from './docker-config.js';
import {helperErase, helperGet, helperStore} from './credential-helper.js';
import {dockerHubIndex} from './registry-host.js';

/** The engine's AuthConfig (X-Registry-Auth, POST /auth). */
export interface RegistryAuth {
	readonly username?: string;
	readonly password?: string;
	readonly identitytoken?: string;
	readonly serveraddress: string;
}

export interface FoundCredentials {
	readonly auth: RegistryAuth;
	/** Where they came from, for messages: "config.json", "docker-credential-pass". */
	readonly source: string;
}

/** A helper's user name for an identity token rather than a password (docker-credential-helpers' convention). */
const tokenUser = '<token>';

/** The helper for this registry, if any: credHelpers by key or hostname, else credsStore. */
export function helperFor(config: DockerConfig, key: string): string | undefined {
	return config.credHelpers[key] ?? config.credHelpers[hostnameOf(key)] ?? (key === dockerHubIndex ? config.credHelpers['docker.io'] : undefined) ?? config.credsStore;
}

/** The `auths` entry for a key, or one written in an older form ("https://host/v1/"), as the CLI's file store finds it. */
function fileEntry(config: DockerConfig, key: string): [string, AuthEntry] | undefined {
	const exact = config.auths[key];
	if (exact) return [key, exact];
	return Object.entries(config.auths).find(([candidate]) => key !== dockerHubIndex && hostnameOf(candidate) === key);
}

function decodeEntry(entry: AuthEntry, key: string): RegistryAuth | undefined {
	if (entry.identitytoken) return {identitytoken: entry.identitytoken, serveraddress: key};
	if (entry.auth) {
		const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		if (colon <= 0) return undefined;
		return {username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serveraddress: key};
	}
	if (entry.username && entry.password) return {username: entry.username, password: entry.password, serveraddress: key};
	return undefined;
}

export async function credentialsFor(key: string, place: DockerConfigPlace): Promise<FoundCredentials | undefined> {
	const config = await readDockerConfig(place);
	const helper = helperFor(config, key);
	if (helper) {
		const found = await helperGet(helper, key, place.env);
		if (!found || !found.Secret) return undefined;
		const auth: RegistryAuth = found.Username === tokenUser
			? {identitytoken: found.Secret, serveraddress: key}
			: {username: found.Username, password: found.Secret, serveraddress: key};
		return {auth, source: `docker-credential-${helper}`};
	}
	const entry = fileEntry(config, key);
	const auth = entry ? decodeEntry(entry[1], key) : undefined;
	return auth ? {auth, source: 'config.json'} : undefined;
}

/** Stores a login as `docker login` does; says where it went. */
export async function storeCredentials(key: string, login: {readonly username: string; readonly password: string; readonly identityToken?: string}, place: DockerConfigPlace): Promise<string> {
	const config = await readDockerConfig(place);
	const helper = helperFor(config, key);
	const others = Object.fromEntries(Object.entries(config.auths).filter(([candidate]) => candidate !== key));
	if (helper) {
		await helperStore(helper, {
			ServerURL: key,
			Username: login.identityToken ? tokenUser : login.username,
			Secret: login.identityToken ?? login.password,
		}, place.env);
		// The CLI leaves an empty entry in the file, so `docker` lists the registry as logged in.
		await writeDockerAuths(place, config, {...others, [key]: {}});
		return `docker-credential-${helper}`;
	}
	const entry: AuthEntry = login.identityToken
		? {auth: Buffer.from(`${login.username}:`).toString('base64'), identitytoken: login.identityToken}
		: {auth: Buffer.from(`${login.username}:${login.password}`).toString('base64')};
	await writeDockerAuths(place, config, {...others, [key]: entry});
	return 'config.json';
}

/** Removes a login as `docker logout` does; false when there was none to remove. */
export async function eraseCredentials(key: string, place: DockerConfigPlace): Promise<boolean> {
	const config = await readDockerConfig(place);
	const helper = helperFor(config, key);
	const keys = Object.keys(config.auths).filter(candidate => candidate === key || (key !== dockerHubIndex && hostnameOf(candidate) === key));
	let had = keys.length > 0;
	if (helper) {
		had = had || (await helperGet(helper, key, place.env).catch(() => undefined)) !== undefined;
		await helperErase(helper, key, place.env);
	}
	if (keys.length > 0) {
		const auths = Object.fromEntries(Object.entries(config.auths).filter(([candidate]) => !keys.includes(candidate)));
		await writeDockerAuths(place, config, auths);
	}
	return had;
}

/** The registries the file lists a login or a helper for, for `:logout` to offer. */
export async function loggedInRegistries(place: DockerConfigPlace): Promise<readonly string[]> {
	const config = await readDockerConfig(place);
	return [...new Set([...Object.keys(config.auths), ...Object.keys(config.credHelpers)].map(key => (key === dockerHubIndex ? key : hostnameOf(key))))].sort();
}

/** For messages: never the secret, only who. */
export function describeAuth(auth: RegistryAuth): string {
	return auth.username ? `user ${sanitizeInline(auth.username)}` : 'an identity token';
}

// `docker login` and `docker logout` for berth: the engine checks the user and
// password with the registry (POST /auth), then they are stored where the
// docker CLI would store them. The password goes to the engine and the store
// only: never into a message.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import type {DockerConfigPlace} from './docker-config.js';
import {credentialsFor, eraseCredentials, storeCredentials, type FoundCredentials} from './credentials.js';
import {isRegistryName, registryKey, registryLabel, registryOfReference} from './registry-host.js';

export interface LoginResult {
	/** The key it is filed under ("127.0.0.1:5000", Docker Hub's index name). */
	readonly registry: string;
	/** "config.json" or "docker-credential-NAME". */
	readonly storedIn: string;
}

function checkedKey(typed: string): string {
	const key = registryKey(typed);
	if (!isRegistryName(key)) throw new EngineError('bad-config', `"${sanitizeInline(typed.trim())}" is not a registry address; type host[:port], e.g. ghcr.io or 127.0.0.1:5000, or leave it empty for Docker Hub.`);
	return key;
}

export async function login(docker: Docker, input: {readonly registry: string; readonly username: string; readonly password: string}, place: DockerConfigPlace): Promise<LoginResult> {
	const key = checkedKey(input.registry);
	const username = input.username.trim();
	if (!username) throw new EngineError('bad-config', 'Type a user name.');
	if (!input.password) throw new EngineError('bad-config', 'Type the password (or an access token).');
	let answer: {IdentityToken?: string};
	try {
		answer = (await docker.checkAuth({username, password: input.password, serveraddress: key})) as {IdentityToken?: string};
	} catch (error) {
		throw loginRefusal(error, key, username, input.password);
	}
	const storedIn = await storeCredentials(key, {username, password: input.password, ...(answer.IdentityToken ? {identityToken: answer.IdentityToken} : {})}, place);
	return {registry: key, storedIn};
}

/** The engine's refusal in plain words; an engine that echoed the password gets it blanked. */
function loginRefusal(error: unknown, key: string, username: string, password: string): EngineError {
	const engineError = toEngineError(error);
	const said = password ? engineError.message.split(password).join('***') : engineError.message;
	if (engineError.statusCode === 401 || /unauthorized|401|incorrect username or password|authentication required/i.test(said)) {
		return new EngineError('permission', `${registryLabel(key)} refused user ${sanitizeInline(username)}: wrong user name or password.`, engineError.statusCode);
	}
	return new EngineError(engineError.kind, `Could not log in to ${registryLabel(key)}: ${sanitizeInline(said)}`, engineError.statusCode);
}

export async function logout(typed: string, place: DockerConfigPlace): Promise<{readonly registry: string; readonly hadLogin: boolean}> {
	const key = checkedKey(typed);
	return {registry: key, hadLogin: await eraseCredentials(key, place)};
}

/** The docker CLI's credentials for the registry a reference lives on, if it has any. */
export function credentialsForReference(reference: string, place: DockerConfigPlace): Promise<FoundCredentials | undefined> {
	return credentialsFor(registryOfReference(reference), place);
}

/**
 * A pull or push the registry refused for want of a (right) login: the
 * registry to log in to and what to say; undefined for any other failure.
 * Docker Hub answers a missing repository and a private one alike ("does not
 * exist or may require 'docker login'"): then the engine's words come first and
 * the login is offered as a maybe.
 */
export function loginNeeded(message: string, reference: string, hadLogin: boolean): {readonly registry: string; readonly text: string; readonly isAmbiguous: boolean} | undefined {
	const isCertain = /no basic auth credentials|unauthorized|authentication required|\b401\b/i.test(message);
	if (!isCertain && !/denied|may require 'docker login'/i.test(message)) return undefined;
	const registry = registryOfReference(reference);
	const label = registryLabel(registry);
	const command = registry === registryKey('') ? ':login' : `:login ${registry}`;
	if (!isCertain) return {registry, isAmbiguous: true, text: `${sanitizeInline(message)} (private? L logs in${hadLogin ? ' again' : ''}, or ${command})`};
	// The registry's own words are the last part of the engine's ("Head \"http://…\": no basic auth credentials").
	const reason = sanitizeInline(message.split(': ').at(-1) ?? message).trim();
	const text = hadLogin
		? `${label} refused the stored login (${reason}). L logs in again, or ${command}.`
		: `${label} wants a login (${reason}). L logs in, or ${command}.`;
	return {registry, text, isAmbiguous: false};
}

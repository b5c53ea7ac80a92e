// The docker CLI's config.json ($DOCKER_CONFIG, else ~/.docker): read for its
// credential entries, and rewritten as `docker login` rewrites it: every other
// key kept, the new file put in place whole (a rename), mode 0600.
import {randomBytes} from 'node:crypto';
import {chmod, mkdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {dirname, join} from 'node:path';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError} from '../transport/errors.js';

/** Where berth looks: the environment and home directory, as the docker CLI does; tests pass their own. */
export interface DockerConfigPlace {
	readonly env: NodeJS.ProcessEnv;
	readonly homeDir: string;
}

export const processConfigPlace = (): DockerConfigPlace => ({env: process.env, homeDir: homedir()});

export function dockerConfigPath(place: DockerConfigPlace): string {
	return join(place.env['DOCKER_CONFIG'] || join(place.homeDir, '.docker'), 'config.json');
}

/** One `auths` entry as the CLI writes it: `auth` is base64 of "user:password". */
export interface AuthEntry {
	readonly auth?: string;
	readonly username?: string;
	readonly password?: string;
	readonly identitytoken?: string;
	readonly email?: string;
}

export interface DockerConfig {
	readonly auths: Readonly<Record<string, AuthEntry>>;
	readonly credsStore?: string;
	readonly credHelpers: Readonly<Record<string, string>>;
	/** The whole file as read, so a rewrite keeps what berth does not know. */
	readonly raw: Readonly<Record<string, unknown>>;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file, or an empty one when there is none; a file that is not JSON is a plain error (the CLI refuses it too). */
export async function readDockerConfig(place: DockerConfigPlace): Promise<DockerConfig> {
	const path = dockerConfigPath(place);
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {auths: {}, credHelpers: {}, raw: {}};
		throw new EngineError('bad-config', `Cannot read ${sanitizeInline(path)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
	}
	let raw: unknown;
	try {
		raw = text.trim() === '' ? {} : JSON.parse(text);
	} catch {
		throw new EngineError('bad-config', `${sanitizeInline(path)} is not valid JSON; the docker CLI cannot read it either. Fix or remove it.`);
	}
	if (!isObject(raw)) throw new EngineError('bad-config', `${sanitizeInline(path)} does not hold a JSON object.`);
	const auths: Record<string, AuthEntry> = {};
	if (isObject(raw['auths'])) {
		for (const [key, entry] of Object.entries(raw['auths'])) if (isObject(entry)) auths[key] = entry as AuthEntry;
	}
	const credHelpers: Record<string, string> = {};
	if (isObject(raw['credHelpers'])) {
		for (const [key, helper] of Object.entries(raw['credHelpers'])) if (typeof helper === 'string' && helper) credHelpers[key] = helper;
	}
	const credsStore = typeof raw['credsStore'] === 'string' && raw['credsStore'] ? raw['credsStore'] : undefined;
	return {auths, credHelpers, raw, ...(credsStore ? {credsStore} : {})};
}

/** Writes the file with `auths` replaced, everything else as it was. */
export async function writeDockerAuths(place: DockerConfigPlace, config: DockerConfig, auths: Readonly<Record<string, AuthEntry>>): Promise<void> {
	const path = dockerConfigPath(place);
	const text = `${JSON.stringify({...config.raw, auths}, null, '\t')}\n`;
	const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
	try {
		await mkdir(dirname(path), {recursive: true, mode: 0o700});
		await writeFile(temporary, text, {mode: 0o600});
		// writeFile's mode yields to the umask; credentials must not be readable by others whatever it is.
		await chmod(temporary, 0o600);
		await rename(temporary, path);
	} catch (error) {
		await rm(temporary, {force: true}).catch(() => undefined);
		throw new EngineError('bad-config', `Cannot write ${sanitizeInline(path)}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`);
	}
}

/** The hostname in a key the CLI may have written in an older form ("https://host/v1/"), as its ConvertToHostname does. */
export function hostnameOf(key: string): string {
	return key.replace(/^https?:\/\//i, '').split('/')[0] ?? key;
}

// The docker CLI's context store ($DOCKER_CONFIG/contexts): every context with
// its Docker endpoint, and which one the CLI would use now. Read afresh each
// time it is asked for: `docker context create` in another terminal shows at once.
import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

export interface ContextEntry {
	readonly name: string;
	/** The Docker endpoint's address; undefined for a context with none (a Kubernetes-only one). */
	readonly host?: string;
	readonly description: string;
	/** The folder of its TLS files (ca.pem, cert.pem, key.pem), when the store has one. */
	readonly tlsDir?: string;
}

export interface ContextStore {
	readonly contexts: readonly ContextEntry[];
	/** The context the docker CLI would pick: DOCKER_CONTEXT, else config.json's currentContext, else default. */
	readonly current: string;
	/** Store entries that could not be read, one line each (berth lists the rest). */
	readonly problems: readonly string[];
}

export interface StoreInput {
	readonly env: NodeJS.ProcessEnv;
	readonly homeDir: string;
}

const defaultSocket = 'unix:///var/run/docker.sock';

export function dockerConfigDir(input: StoreInput): string {
	return input.env['DOCKER_CONFIG'] || join(input.homeDir, '.docker');
}

interface MetaFile {
	readonly Name?: unknown;
	readonly Metadata?: {readonly Description?: unknown};
	readonly Endpoints?: {readonly docker?: {readonly Host?: unknown}};
}

/** The store's contexts, `default` first (the docker CLI lists it though it is not stored), then by name. */
export function readContextStore(input: StoreInput): ContextStore {
	const dir = dockerConfigDir(input);
	const metaDir = join(dir, 'contexts', 'meta');
	const problems: string[] = [];
	const stored: ContextEntry[] = [];
	const digests = existsSync(metaDir) ? safeList(metaDir) : [];
	for (const digest of digests) {
		const path = join(metaDir, digest, 'meta.json');
		let meta: MetaFile;
		try {
			meta = JSON.parse(readFileSync(path, 'utf8')) as MetaFile;
		} catch (error) {
			problems.push(`${path}: ${(error as Error).message}`);
			continue;
		}
		if (typeof meta.Name !== 'string' || meta.Name === '') {
			problems.push(`${path}: no Name`);
			continue;
		}
		const host = meta.Endpoints?.docker?.Host;
		const description = meta.Metadata?.Description;
		const tlsDir = join(dir, 'contexts', 'tls', digest, 'docker');
		stored.push({
			name: meta.Name,
			...(typeof host === 'string' && host !== '' ? {host} : {}),
			description: typeof description === 'string' ? description : '',
			...(existsSync(tlsDir) ? {tlsDir} : {}),
		});
	}
	stored.sort((a, b) => a.name.localeCompare(b.name));
	const defaultEntry: ContextEntry = {name: 'default', host: input.env['DOCKER_HOST'] || defaultSocket, description: 'Current DOCKER_HOST based configuration'};
	return {contexts: [defaultEntry, ...stored.filter(entry => entry.name !== 'default')], current: currentContext(input, dir), problems};
}

function safeList(dir: string): string[] {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
}

function currentContext(input: StoreInput, dir: string): string {
	const fromEnv = input.env['DOCKER_CONTEXT'];
	if (fromEnv) return fromEnv;
	try {
		const current = (JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {currentContext?: unknown}).currentContext;
		if (typeof current === 'string' && current !== '') return current;
	} catch {
		// No config.json, or one the CLI would also ignore for this purpose.
	}
	return 'default';
}

/** Which of a TLS folder's three files are missing (a context made with ca=, cert=, key= keeps all three). */
export function missingTlsFiles(dir: string): readonly string[] {
	return ['ca.pem', 'cert.pem', 'key.pem'].filter(file => !existsSync(join(dir, file)));
}

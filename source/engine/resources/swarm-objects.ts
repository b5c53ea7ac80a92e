// Swarm secrets and configs: named blobs that services mount. They are alike
// but for one thing: a secret's data never comes back from the engine (and
// berth never shows or logs what it sends), a config's does.
import {readFile} from 'node:fs/promises';
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {summarize} from '../../text/summarize.js';
import {EngineError} from '../transport/errors.js';
import {sanitizeLabels} from './images.js';
import {swarmRequest, swarmTime} from './swarm-call.js';
import {listServices, type ServiceSummary} from './swarm-services.js';

export type SwarmObjectKind = 'secret' | 'config';

export interface SwarmObjectSummary {
	readonly kind: SwarmObjectKind;
	readonly id: string;
	readonly name: string;
	readonly createdAt: number;
	readonly updatedAt: number;
	readonly labels: Readonly<Record<string, string>>;
	/** Names of the services that mount it. */
	readonly services: readonly string[];
}

interface RawObject {
	ID: string;
	CreatedAt?: string;
	UpdatedAt?: string;
	Spec?: {Name?: string; Labels?: Record<string, string> | null; Data?: string};
}

const plural = (kind: SwarmObjectKind) => `/${kind}s`;

function usersOf(kind: SwarmObjectKind, name: string, services: readonly ServiceSummary[]): string[] {
	return services.filter(service => (kind === 'secret' ? service.secrets : service.configs).includes(name)).map(service => service.name);
}

export async function listSwarmObjects(docker: Docker, kind: SwarmObjectKind, signal?: AbortSignal): Promise<SwarmObjectSummary[]> {
	const [raw, services] = await Promise.all([swarmRequest<RawObject[]>(docker, {method: 'GET', path: plural(kind), signal}), listServices(docker, signal)]);
	return raw.map(object => {
		const name = sanitizeInline(object.Spec?.Name ?? object.ID.slice(0, 12));
		return {kind, id: object.ID, name, createdAt: swarmTime(object.CreatedAt), updatedAt: swarmTime(object.UpdatedAt), labels: sanitizeLabels(object.Spec?.Labels), services: usersOf(kind, name, services)};
	}).sort((a, b) => a.name.localeCompare(b.name));
}

/** A config's data as text (sanitised: it goes to the terminal); secrets have none to read. */
export async function configData(docker: Docker, id: string): Promise<string> {
	const raw = await swarmRequest<RawObject>(docker, {method: 'GET', path: `/configs/${encodeURIComponent(id)}`});
	return Buffer.from(raw.Spec?.Data ?? '', 'base64').toString('utf8');
}

export interface SwarmObjectSource {
	readonly name: string;
	/** A file to read, or the text itself; exactly one. */
	readonly file?: string;
	readonly text?: string;
}

/** Names the engine takes: letters, digits, - _ . (it says the same, less plainly). */
const namePattern = /^[a-zA-Z0-9]+(?:[a-zA-Z0-9_.-]*[a-zA-Z0-9])?$/;

async function dataOf(source: SwarmObjectSource): Promise<Buffer> {
	if (source.file) {
		try {
			return await readFile(source.file);
		} catch (error) {
			throw new EngineError('bad-config', `Cannot read ${sanitizeInline(source.file)}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : sanitizeInline((error as Error).message)}.`);
		}
	}
	return Buffer.from(source.text ?? '', 'utf8');
}

/** Creates a secret or config from a file or typed text; resolves with its id. */
export async function createSwarmObject(docker: Docker, kind: SwarmObjectKind, source: SwarmObjectSource): Promise<string> {
	const name = source.name.trim();
	if (!namePattern.test(name)) throw new EngineError('bad-config', `"${sanitizeInline(name)}" is not a ${kind} name: letters, digits, - _ and . (starting and ending with a letter or digit).`);
	const data = await dataOf(source);
	if (data.length === 0) throw new EngineError('bad-config', `A ${kind} needs some data: give a file or type the text.`);
	const created = await swarmRequest<{ID: string}>(docker, {method: 'POST', path: `${plural(kind)}/create`, body: {Name: name, Data: data.toString('base64'), Labels: {}}});
	return created.ID;
}

export function inUseMessage(kind: SwarmObjectKind, name: string, services: readonly string[]): string {
	return `The ${kind} ${name} is used by ${services.length === 1 ? 'the service' : 'the services'} ${summarize(services, 5)}. Take it out of ${services.length === 1 ? 'that service' : 'those services'} (or remove ${services.length === 1 ? 'it' : 'them'}) first.`;
}

/** Removes it, after checking no service uses it (the engine refuses too, in gRPC words). */
export async function removeSwarmObject(docker: Docker, kind: SwarmObjectKind, id: string, name: string): Promise<void> {
	const users = usersOf(kind, name, await listServices(docker));
	if (users.length > 0) throw new EngineError('conflict', inUseMessage(kind, name, users), 409);
	await swarmRequest(docker, {method: 'DELETE', path: `${plural(kind)}/${encodeURIComponent(id)}`});
}

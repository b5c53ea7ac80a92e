// The project's compose files, read where berth runs: whether they are there
// (Compose's own verbs need them) and the scale each service asks for.
import {constants} from 'node:fs';
import {access, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {parse} from 'yaml';
import type {ComposeProject} from './compose-projects.js';

export type ComposeFiles =
	| {readonly kind: 'readable'; readonly workingDir: string; readonly files: readonly string[]; readonly scale: ReadonlyMap<string, number>}
	| {readonly kind: 'unreadable'; readonly reason: string};

/** The names Compose looks for when no -f is given, in its order. */
const defaultNames = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

const readable = async (path: string) => access(path, constants.R_OK).then(() => true, () => false);

/** `${NAME:-default}`, `${NAME-default}`, `${NAME}` and `$NAME`, from the environment, for a scale written as a variable. */
export function interpolate(text: string, env: NodeJS.ProcessEnv): string {
	return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_whole, braced: string | undefined, operator: string | undefined, fallback: string | undefined, bare: string | undefined) => {
		const value = env[braced ?? bare ?? ''];
		if (operator === ':-') return value ? value : fallback ?? '';
		if (operator === '-') return value ?? fallback ?? '';
		return value ?? '';
	});
}

function wholeNumber(value: unknown, env: NodeJS.ProcessEnv): number | undefined {
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(interpolate(value, env).trim()) : Number.NaN;
	return Number.isInteger(number) && number >= 0 ? number : undefined;
}

/**
 * Each service's wanted scale from parsed compose documents, later files
 * overriding earlier ones as `-f a -f b` does: `scale`, else `deploy.replicas`,
 * else 1. A value berth cannot read as a whole number leaves the service out.
 */
export function wantedScale(documents: readonly unknown[], env: NodeJS.ProcessEnv = {}): ReadonlyMap<string, number> {
	const merged = new Map<string, {scale?: unknown; replicas?: unknown}>();
	for (const document of documents) {
		const services = (document as {services?: unknown} | null)?.services;
		if (!services || typeof services !== 'object') continue;
		for (const [name, raw] of Object.entries(services as Record<string, unknown>)) {
			const service = (raw ?? {}) as {scale?: unknown; deploy?: {replicas?: unknown} | null};
			const previous = merged.get(name) ?? {};
			merged.set(name, {
				...previous,
				...(service.scale === undefined ? {} : {scale: service.scale}),
				...(service.deploy?.replicas === undefined ? {} : {replicas: service.deploy.replicas}),
			});
		}
	}
	const scale = new Map<string, number>();
	for (const [name, service] of merged) {
		const wanted = service.scale !== undefined ? wholeNumber(service.scale, env) : service.replicas !== undefined ? wholeNumber(service.replicas, env) : 1;
		if (wanted !== undefined) scale.set(name, wanted);
	}
	return scale;
}

/** Reads a project's files; says in words why not when they moved, are unreadable or are not YAML. */
export async function readComposeFiles(project: Pick<ComposeProject, 'name' | 'workingDirs' | 'configFiles'>, env: NodeJS.ProcessEnv = process.env): Promise<ComposeFiles> {
	if (project.workingDirs.length > 1) {
		return {kind: 'unreadable', reason: `Project ${project.name} was brought up from ${project.workingDirs.length} folders (${project.workingDirs.join(', ')}): which files are meant is not clear.`};
	}
	const [workingDir] = project.workingDirs;
	if (!workingDir) return {kind: 'unreadable', reason: `Project ${project.name}'s containers do not say where its files are (no working_dir label).`};
	let files = project.configFiles;
	if (files.length === 0) {
		const found = [];
		for (const name of defaultNames) if (await readable(join(workingDir, name))) found.push(join(workingDir, name));
		if (found.length === 0) return {kind: 'unreadable', reason: `No compose file in ${workingDir}.`};
		files = found.slice(0, 1);
	}
	const documents: unknown[] = [];
	for (const file of files) {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			const why = code === 'ENOENT' ? 'is not there (moved or deleted?)' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? String(error)})`;
			return {kind: 'unreadable', reason: `${file} ${why}.`};
		}
		try {
			documents.push(parse(text, {merge: true}));
		} catch (error) {
			return {kind: 'unreadable', reason: `${file} is not valid YAML: ${(error as Error).message.split('\n')[0]}`};
		}
	}
	return {kind: 'readable', workingDir, files, scale: wantedScale(documents, env)};
}

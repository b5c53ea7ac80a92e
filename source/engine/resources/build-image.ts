// `docker build` through the API: the directory as the context, the form's
// options as the query, BuildKit (version=2) where the engine can run it and
// the classic builder otherwise, and which one ran said in the output.
import {readdir, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {credentialsForReference} from '../registry/login.js';
import type {DockerConfigPlace} from '../registry/docker-config.js';
import type {RegistryAuth} from '../registry/credentials.js';
import {openBuildkitSession, type BuildkitSession} from '../registry/buildkit-session.js';
import {BuildkitTrace} from '../streams/buildkit-trace.js';
import {followProgressStream, type StreamOutcome} from '../streams/progress.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {engineProduct} from '../transport/engine-product.js';
import {baseImages, checkPlatform, dockerfileInContext, parsePairs} from './build-options.js';
import {referenceError} from './images.js';

export type BuilderChoice = 'auto' | 'buildkit' | 'classic';
export const builderChoices: readonly BuilderChoice[] = ['auto', 'buildkit', 'classic'];
export type Builder = 'buildkit' | 'classic';

export interface BuildOptions {
	/** Inside the directory; "Dockerfile" when empty. */
	readonly dockerfile?: string;
	/** Typed: KEY=value, comma or space separated. */
	readonly buildArgs?: string;
	readonly target?: string;
	readonly labels?: string;
	readonly platform?: string;
	readonly noCache?: boolean;
	/** Always pull the base images, as `--pull`. */
	readonly pull?: boolean;
	readonly builder?: BuilderChoice;
	/** Where the docker CLI's credentials are, for base images on registries that want a login; none sent without it. */
	readonly credentials?: DockerConfigPlace;
}

export interface BuildResult {
	readonly outcome: StreamOutcome;
	readonly imageId?: string;
	readonly builder: Builder;
}

/** BuildKit came with API 1.39 (Docker 18.09) on Linux engines; Podman's compatible API builds its own way. */
export async function engineRunsBuildkit(docker: Docker): Promise<{readonly can: boolean; readonly why?: string}> {
	try {
		const version = await docker.version();
		if (engineProduct(version) === 'Podman') return {can: false, why: 'Podman builds with its own builder'};
		if ((version.Os ?? 'linux') !== 'linux') return {can: false, why: `BuildKit does not run on ${sanitizeInline(version.Os ?? '')} engines`};
		const [major = 0, minor = 0] = (version.ApiVersion ?? '0.0').split('.').map(Number);
		if (major < 1 || (major === 1 && minor < 39)) return {can: false, why: `API ${sanitizeInline(version.ApiVersion ?? '')} is older than BuildKit`};
		return {can: true};
	} catch (error) {
		throw toEngineError(error);
	}
}

async function hasBridgeNetwork(docker: Docker): Promise<boolean> {
	try {
		await docker.getNetwork('bridge').inspect();
		return true;
	} catch (error) {
		if (toEngineError(error).kind === 'not-found') return false;
		throw toEngineError(error);
	}
}

/** The credentials for the Dockerfile's base images, keyed by registry, as X-Registry-Config carries them. */
async function baseImageAuths(dockerfile: string, place: DockerConfigPlace | undefined): Promise<Record<string, RegistryAuth>> {
	if (!place) return {};
	const auths: Record<string, RegistryAuth> = {};
	for (const image of baseImages(dockerfile)) {
		const found = await credentialsForReference(image, place);
		if (found) auths[found.auth.serveraddress] = found.auth;
	}
	return auths;
}

/**
 * Builds the directory and tags the result. Output lines arrive batched and
 * sanitised, the first saying which builder runs; the engine's error rejects.
 */
export async function buildImage(
	docker: Docker,
	directory: string,
	tag: string,
	signal: AbortSignal,
	onOutput: (lines: readonly string[]) => void,
	options: BuildOptions = {},
): Promise<BuildResult> {
	let entries: string[];
	try {
		entries = await readdir(directory);
	} catch {
		throw new EngineError('bad-config', `Cannot read the directory ${sanitizeInline(directory)}.`);
	}
	const dockerfile = dockerfileInContext(directory, options.dockerfile ?? '');
	let dockerfileText: string;
	try {
		dockerfileText = await readFile(join(directory, dockerfile), 'utf8');
	} catch {
		throw new EngineError('bad-config', dockerfile === 'Dockerfile' ? `There is no Dockerfile in ${sanitizeInline(directory)}.` : `There is no ${sanitizeInline(dockerfile)} in ${sanitizeInline(directory)}.`);
	}
	const invalid = referenceError(tag);
	if (invalid) throw invalid;
	const buildargs = parsePairs(options.buildArgs ?? '', 'build arg');
	const labels = parsePairs(options.labels ?? '', 'label');
	const platform = checkPlatform(options.platform ?? '');
	const auths = await baseImageAuths(dockerfileText, options.credentials);
	const choice = options.builder ?? 'auto';
	let builder: Builder = 'classic';
	let why = '';
	let session: BuildkitSession | undefined;
	if (choice !== 'classic') {
		const engine = await engineRunsBuildkit(docker);
		if (engine.can || choice === 'buildkit') builder = 'buildkit';
		else why = engine.why ?? '';
	}
	if (builder === 'buildkit' && Object.keys(auths).length > 0) {
		// BuildKit asks for registry logins through a session of the client's; without one it pulls anonymously.
		try {
			session = await openBuildkitSession(docker, auths);
		} catch (error) {
			if (choice === 'buildkit') throw error;
			builder = 'classic';
			why = `the engine opened no BuildKit session for the base image's login: ${(error as Error).message}`;
		}
	}
	// An engine without the default bridge (dockerd --bridge=none) runs the classic builder's RUN steps with no
	// network; BuildKit would stop at the first RUN ("network bridge not found") unless told the same.
	const networkmode = builder === 'buildkit' && !(await hasBridgeNetwork(docker)) ? 'none' : undefined;
	const query = {
		// A number, not "2": dockerode opens a gRPC session of its own for version "2", which berth's bundle leaves
		// out; dockerd builds a tar context with BuildKit without a session, and berth opens its own for logins.
		t: tag.trim(), dockerfile, version: builder === 'buildkit' ? 2 : 1,
		...(session ? {session: session.id} : {}),
		...(networkmode ? {networkmode} : {}),
		...(Object.keys(buildargs).length > 0 ? {buildargs} : {}),
		...(Object.keys(labels).length > 0 ? {labels} : {}),
		...(options.target?.trim() ? {target: options.target.trim()} : {}),
		...(platform ? {platform} : {}),
		...(options.noCache ? {nocache: true} : {}),
		...(options.pull ? {pull: 'true'} : {}),
		// The classic builder takes the logins with the request; BuildKit asks the session for them.
		...(builder === 'classic' && Object.keys(auths).length > 0 ? {registryconfig: auths} : {}),
		abortSignal: signal,
	};
	onOutput([builder === 'buildkit' ? `Builder: BuildKit (version=2)${networkmode ? '; the engine has no bridge network, so RUN steps have none' : ''}` : `Builder: classic${why ? ` (${why})` : ''}`]);
	try {
		return await runBuild(docker, directory, entries, query, signal, onOutput, builder);
	} finally {
		session?.close();
	}
}

async function runBuild(
	docker: Docker,
	directory: string,
	entries: readonly string[],
	query: Record<string, unknown>,
	signal: AbortSignal,
	onOutput: (lines: readonly string[]) => void,
	builder: Builder,
): Promise<BuildResult> {
	let stream: NodeJS.ReadableStream;
	try {
		stream = await docker.buildImage({context: directory, src: [...entries]}, query as unknown as Docker.ImageBuildOptions);
	} catch (error) {
		if (signal.aborted) return {outcome: 'cancelled', builder};
		throw toEngineError(error);
	}
	const trace = new BuildkitTrace();
	let imageId: string | undefined;
	let partial = '';
	const outcome = await followProgressStream(docker, stream, signal, events => {
		const lines: string[] = [];
		for (const event of events) {
			const aux = event.aux as unknown;
			if ((event as {id?: string}).id === 'moby.buildkit.trace' && typeof aux === 'string') {
				lines.push(...trace.lines(aux).map(line => sanitizeInline(line)));
				continue;
			}
			const id = event.aux?.['ID'];
			if (typeof id === 'string') imageId = id;
			const text = event.stream ?? (event.status ? `${event.status}${event.progress ? ` ${event.progress}` : ''}\n` : event.error ? `${event.error}\n` : '');
			const parts = (partial + text).split('\n');
			partial = parts.pop() ?? '';
			lines.push(...parts.map(line => sanitizeInline(line)));
		}
		if (lines.length > 0) onOutput(lines);
	});
	if (partial) onOutput([sanitizeInline(partial)]);
	return imageId ? {outcome, imageId, builder} : {outcome, builder};
}

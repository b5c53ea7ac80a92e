import type Docker from 'dockerode';
import {useCallback} from 'react';
import {buildImage, type Builder, type BuildOptions} from '../engine/resources/build-image.js';
import {importImage, loadedImages, loadImages, saveImages} from '../engine/resources/image-archives.js';
import {pullImage, pushImage} from '../engine/resources/images.js';
import {processConfigPlace} from '../engine/registry/docker-config.js';
import {credentialsForReference} from '../engine/registry/login.js';
import {applyProgressEvents, emptyProgress, type TransferProgress} from '../engine/streams/layer-progress.js';
import {useJob, type JobStatus} from './use-job.js';

export type {JobStatus} from './use-job.js';

export type TransferKind = 'pull' | 'push' | 'load' | 'import';

export interface TransferState {
	readonly kind: TransferKind;
	/** The image (pull, push, import) or the tar file (load). */
	readonly reference: string;
	readonly progress: TransferProgress;
	readonly status: JobStatus;
	readonly error?: string;
	/** Whether a pull or push carried a login from the docker CLI's store (a refusal then means that login is wrong). */
	readonly hadLogin?: boolean;
	/** What a load brought in, from the engine's "Loaded image: …" lines. */
	readonly loaded?: readonly string[];
	/** An import's repository:tag. */
	readonly importedAs?: string;
}

/** One pull, push, load or import at a time, with per-layer progress. */
export function useTransfer(docker: Docker, onFinished: (state: TransferState) => void) {
	const job = useJob<TransferState>(onFinished);
	const {start: startJob} = job;
	const start = useCallback((kind: TransferKind, reference: string, importAs?: {readonly tag: string; readonly message: string}) => {
		// Events arrive batched by the engine layer (at most ~10 a second).
		startJob({kind, reference, progress: emptyProgress, status: 'running', ...(importAs ? {importedAs: importAs.tag} : {})}, async (signal, update) => {
			const onEvents = (events: Parameters<typeof applyProgressEvents>[1]) => update(state => {
				const loaded = loadedImages(events);
				return {...state, progress: applyProgressEvents(state.progress, events), ...(loaded.length > 0 ? {loaded: [...(state.loaded ?? []), ...loaded]} : {})};
			});
			if (kind === 'load') return loadImages(docker, reference, signal, onEvents);
			if (kind === 'import') return importImage(docker, reference, importAs?.tag ?? '', signal, onEvents, importAs?.message ?? '');
			// The docker CLI's login for the image's registry, read at the moment of use (a login made meanwhile counts).
			const found = await credentialsForReference(reference, processConfigPlace());
			update(state => ({...state, hadLogin: found !== undefined}));
			const run = kind === 'pull' ? pullImage : pushImage;
			return run(docker, reference, signal, onEvents, found ? {auth: found.auth} : {});
		});
	}, [docker, startJob]);
	return {...job, start};
}

export interface BuildState {
	readonly directory: string;
	readonly tag: string;
	readonly lines: readonly string[];
	readonly status: JobStatus;
	readonly error?: string;
	readonly builder?: Builder;
}

const maxBuildLines = 2000;

/** One build at a time, with its output (bounded: a chatty build keeps its last lines, like the log view). */
export function useBuild(docker: Docker, onFinished: (state: BuildState) => void) {
	const job = useJob<BuildState>(onFinished);
	const {start: startJob} = job;
	const start = useCallback((directory: string, tag: string, options: BuildOptions = {}) => {
		startJob({directory, tag, lines: [], status: 'running'}, async (signal, update) => {
			const result = await buildImage(docker, directory, tag, signal, lines => update(state => ({
				...state,
				lines: [...state.lines, ...lines].slice(-maxBuildLines),
				// The first line names the builder; kept for the closing message.
				...(state.builder === undefined ? {builder: /^Builder: BuildKit/.test(lines[0] ?? '') ? 'buildkit' as const : 'classic' as const} : {}),
			})), {credentials: processConfigPlace(), ...options});
			return result.outcome;
		});
	}, [docker, startJob]);
	return {...job, start};
}

export interface SaveState {
	readonly references: readonly string[];
	readonly path: string;
	readonly bytes: number;
	readonly status: JobStatus;
	readonly error?: string;
}

/** One save to a tar file at a time, counting what is written. */
export function useSave(docker: Docker, onFinished: (state: SaveState) => void) {
	const job = useJob<SaveState>(onFinished);
	const {start: startJob} = job;
	const start = useCallback((references: readonly string[], path: string, overwrite: boolean) => {
		let shownAt = 0;
		startJob({references, path, bytes: 0, status: 'running'}, (signal, update) =>
			saveImages(docker, references, path, {overwrite, signal, onBytes: bytes => {
				// A chunk arrives every 64 KiB or so: the count is shown a few times a second, not per chunk.
				if (Date.now() - shownAt < 200) return;
				shownAt = Date.now();
				update(state => ({...state, bytes}));
			}}));
	}, [docker, startJob]);
	return {...job, start};
}

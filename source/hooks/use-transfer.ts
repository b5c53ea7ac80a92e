import type Docker from 'dockerode';
import {useCallback} from 'react';
import {buildImage, pullImage, pushImage} from '../engine/resources/images.js';
import {applyProgressEvents, emptyProgress, type TransferProgress} from '../engine/streams/layer-progress.js';
import {useJob, type JobStatus} from './use-job.js';

export type {JobStatus} from './use-job.js';

export interface TransferState {
	readonly kind: 'pull' | 'push';
	readonly reference: string;
	readonly progress: TransferProgress;
	readonly status: JobStatus;
	readonly error?: string;
}

/** One pull or push at a time, with per-layer progress. */
export function useTransfer(docker: Docker, onFinished: (state: TransferState) => void) {
	const job = useJob<TransferState>(onFinished);
	const {start: startJob} = job;
	const start = useCallback((kind: 'pull' | 'push', reference: string) => {
		const run = kind === 'pull' ? pullImage : pushImage;
		// Events arrive batched by the engine layer (at most ~10 a second).
		startJob({kind, reference, progress: emptyProgress, status: 'running'}, (signal, update) =>
			run(docker, reference, signal, events => update(state => ({...state, progress: applyProgressEvents(state.progress, events)}))));
	}, [docker, startJob]);
	return {...job, start};
}

export interface BuildState {
	readonly directory: string;
	readonly tag: string;
	readonly lines: readonly string[];
	readonly status: JobStatus;
	readonly error?: string;
}

const maxBuildLines = 2000;

/** One build at a time, with its output (bounded: a chatty build keeps its last lines, like the log view). */
export function useBuild(docker: Docker, onFinished: (state: BuildState) => void) {
	const job = useJob<BuildState>(onFinished);
	const {start: startJob} = job;
	const start = useCallback((directory: string, tag: string) => {
		startJob({directory, tag, lines: [], status: 'running'}, async (signal, update) =>
			(await buildImage(docker, directory, tag, signal, lines => update(state => ({...state, lines: [...state.lines, ...lines].slice(-maxBuildLines)})))).outcome);
	}, [docker, startJob]);
	return {...job, start};
}

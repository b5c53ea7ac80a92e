import type Docker from 'dockerode';
import {useCallback, useEffect, useRef, useState} from 'react';
import {buildImage, pullImage, pushImage} from '../engine/resources/images.js';
import {applyProgressEvents, emptyProgress, type TransferProgress} from '../engine/streams/layer-progress.js';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface TransferState {
	readonly kind: 'pull' | 'push';
	readonly reference: string;
	readonly progress: TransferProgress;
	readonly status: JobStatus;
	readonly error?: string;
}

/** One pull or push at a time; aborted when the pane goes away or Esc cancels. */
export function useTransfer(docker: Docker, onFinished: (state: TransferState) => void) {
	const [state, setState] = useState<TransferState | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);
	const finished = useRef(onFinished);
	finished.current = onFinished;
	useEffect(() => () => controller.current?.abort(), []);

	const start = useCallback((kind: 'pull' | 'push', reference: string) => {
		controller.current?.abort();
		const own = new AbortController();
		controller.current = own;
		let current: TransferState = {kind, reference, progress: emptyProgress, status: 'running'};
		setState(current);
		const run = kind === 'pull' ? pullImage : pushImage;
		const outcome = run(docker, reference, own.signal, events => {
			// Events arrive batched by the engine layer (at most ~10 a second).
			current = {...current, progress: applyProgressEvents(current.progress, events)};
			if (!own.signal.aborted) setState(current);
		});
		settle(outcome, change => {
			current = {...current, ...change};
			setState(current);
			return current;
		}, state => finished.current(state));
	}, [docker]);
	const cancel = useCallback(() => controller.current?.abort(), []);
	const close = useCallback(() => {
		controller.current?.abort();
		setState(undefined);
	}, []);
	return {state, start, cancel, close};
}

/** A job's last state as its engine call ends: done, cancelled, or failed with the engine's words. */
function settle<S>(outcome: Promise<unknown>, update: (change: {readonly status: JobStatus; readonly error?: string}) => S, onFinished: (state: S) => void): void {
	outcome.then(
		result => onFinished(update({status: result === 'cancelled' ? 'cancelled' : 'done'})),
		(error: Error) => onFinished(update({status: 'failed', error: error.message})),
	);
}

export interface BuildState {
	readonly directory: string;
	readonly tag: string;
	readonly lines: readonly string[];
	readonly status: JobStatus;
	readonly error?: string;
}

const maxBuildLines = 2000;

export function useBuild(docker: Docker, onFinished: (state: BuildState) => void) {
	const [state, setState] = useState<BuildState | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);
	const finished = useRef(onFinished);
	finished.current = onFinished;
	useEffect(() => () => controller.current?.abort(), []);

	const start = useCallback((directory: string, tag: string) => {
		controller.current?.abort();
		const own = new AbortController();
		controller.current = own;
		let current: BuildState = {directory, tag, lines: [], status: 'running'};
		setState(current);
		const append = (lines: readonly string[]) => {
			// Bounded: a chatty build keeps its last lines, like the log view.
			current = {...current, lines: [...current.lines, ...lines].slice(-maxBuildLines)};
			if (!own.signal.aborted) setState(current);
		};
		settle(buildImage(docker, directory, tag, own.signal, append).then(result => result.outcome), change => {
			current = {...current, ...change};
			setState(current);
			return current;
		}, state => finished.current(state));
	}, [docker]);
	const cancel = useCallback(() => controller.current?.abort(), []);
	const close = useCallback(() => {
		controller.current?.abort();
		setState(undefined);
	}, []);
	return {state, start, cancel, close};
}

import {useCallback, useEffect, useRef, useState} from 'react';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

interface JobShape {
	readonly status: JobStatus;
	readonly error?: string;
}

/** Runs the job's engine call; `update` changes what is shown while it runs. Resolves 'cancelled' when aborted. */
export type JobRun<S> = (signal: AbortSignal, update: (change: (state: S) => S) => void) => Promise<unknown>;

/**
 * One long engine job at a time (a pull, a push, a build): its state while it
 * runs, aborted when the pane goes away or Esc cancels, and its last state
 * handed to onFinished: done, cancelled, or failed with the engine's words.
 */
export function useJob<S extends JobShape>(onFinished: (state: S) => void) {
	const [state, setState] = useState<S | undefined>(undefined);
	const controller = useRef<AbortController | undefined>(undefined);
	// The latest callback, without starting the job again when the pane re-renders.
	const finished = useRef(onFinished);
	finished.current = onFinished;
	useEffect(() => () => controller.current?.abort(), []);

	const start = useCallback((initial: S, run: JobRun<S>) => {
		controller.current?.abort();
		const own = new AbortController();
		controller.current = own;
		let current = initial;
		setState(current);
		const settle = (change: JobShape) => {
			current = {...current, ...change};
			setState(current);
			finished.current(current);
		};
		run(own.signal, change => {
			current = change(current);
			if (!own.signal.aborted) setState(current);
		}).then(
			result => settle({status: result === 'cancelled' ? 'cancelled' : 'done'}),
			(error: Error) => settle({status: 'failed', error: error.message}),
		);
	}, []);
	const cancel = useCallback(() => controller.current?.abort(), []);
	const close = useCallback(() => {
		controller.current?.abort();
		setState(undefined);
	}, []);
	return {state, start, cancel, close};
}

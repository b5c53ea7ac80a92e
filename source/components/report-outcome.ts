import type {StatusMessage} from './status-line.js';

/**
 * Says in the status line how an engine call went: `done`'s words for its
 * result, or the engine's reason (through `failed` when given) when it failed.
 */
export function reportOutcome<T>(
	notify: (message: StatusMessage) => void,
	work: Promise<T>,
	done: (result: T) => string,
	failed: (error: Error) => string = error => error.message,
): void {
	work.then(
		result => notify({text: done(result), tone: 'info'}),
		(error: Error) => notify({text: failed(error), tone: 'error'}),
	);
}

import type {Key} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {StatusMessage} from '../components/status-line.js';
import {confirmKeys} from '../keys/confirm-keys.js';
import {commandFor} from '../keys/keymap.js';
import {reportOutcome} from '../components/report-outcome.js';

/** A prune question on screen: `preview` is what would go, once the engine has worked it out. */
export interface PruneQuestion<Preview> {
	/** `a`: everything unused rather than only dangling (images) or anonymous (volumes). */
	readonly all: boolean;
	readonly preview?: Preview;
}

export interface PruneSteps<Preview, Result> {
	readonly preview: (all: boolean) => Promise<Preview>;
	readonly prune: (all: boolean) => Promise<Result>;
	/** How many things the preview lists: none means nothing to ask. */
	readonly count: (preview: Preview) => number;
	readonly progress: string;
	readonly done: (result: Result) => string;
	readonly notify: (message: StatusMessage) => void;
	/** After a prune, whatever its outcome (e.g. read disk usage again). */
	readonly onPruned?: () => void;
	/** Whether `a` switches between all and the default (images, volumes). */
	readonly canWidenToAll?: boolean;
}

/**
 * The images, volumes and system panes' prune: list what would go and its size
 * first, then ask; y/Enter prunes (only once the list is there: nobody agrees to
 * an unseen list), n/Esc leaves everything as it was.
 */
export function usePruneQuestion<Preview, Result>(steps: PruneSteps<Preview, Result>) {
	const [question, setQuestion] = useState<PruneQuestion<Preview> | undefined>(undefined);
	const alive = useRef(true);
	useEffect(() => () => {
		alive.current = false;
	}, []);

	const ask = (all = false) => {
		setQuestion({all});
		steps.preview(all).then(
			// The preview comes long after this render: an updater sees the question as it is by then.
			preview => {
				if (alive.current) setQuestion(now => (now?.all === all ? {all, preview} : now));
			},
			(error: Error) => {
				if (!alive.current) return;
				setQuestion(undefined);
				steps.notify({text: error.message, tone: 'error'});
			},
		);
	};

	/** The keys while the question is open; false when it is not. */
	const handleKey = (input: string, key: Key): boolean => {
		const current = question;
		if (!current) return false;
		if (input === 'a' && steps.canWidenToAll) {
			ask(!current.all);
			return true;
		}
		const answer = commandFor({input, ...key}, confirmKeys);
		if (answer === 'no' || (answer === 'yes' && current.preview)) setQuestion(undefined);
		if (answer === 'yes' && current.preview && steps.count(current.preview) > 0) {
			steps.notify({text: steps.progress, tone: 'progress'});
			const pruning = steps.prune(current.all);
			reportOutcome(steps.notify, steps.onPruned ? pruning.finally(steps.onPruned) : pruning, steps.done, error => `Could not prune: ${error.message}`);
		}
		return true;
	};

	return {question, ask, handleKey};
}

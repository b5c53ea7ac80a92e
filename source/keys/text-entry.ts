import {splitTyped} from '../text/typed-text.js';

/**
 * One key (or a chunk of them: a paste, a held-down Backspace) applied to a
 * line being typed. Backspace characters inside a chunk delete, as they would
 * one by one; an Enter submits; control characters never reach the text.
 */
export function editDraft(draft: string, input: string, key: {readonly backspace?: boolean; readonly delete?: boolean}): {readonly draft: string; readonly submitted: boolean} {
	if (key.backspace || key.delete) return {draft: [...draft].slice(0, -1).join(''), submitted: false};
	let text = draft;
	for (const part of input.split(/([\u007F\b])/)) {
		if (part === '\u007F' || part === '\b') {
			text = [...text].slice(0, -1).join('');
			continue;
		}
		const typed = splitTyped(part);
		text += typed.text;
		if (typed.submitted) return {draft: text, submitted: true};
	}
	return {draft: text, submitted: false};
}

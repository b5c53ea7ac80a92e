import {sanitizeInline} from './sanitize.js';

/**
 * Text typed into a prompt can arrive in one chunk with the Enter that ends it
 * ("web\r" from a paste, or a chunk the app did not split into single keys).
 * Split it so the Enter submits instead of landing in the text, and control
 * characters stay out. (The app feeds every chunk one key at a time,
 * source/chunk-keys.ts, so keys after an Enter reach the mode the Enter left;
 * this keeps a prompt right when it is driven on its own, as in tests.)
 */
export function splitTyped(input: string): {readonly text: string; readonly submitted: boolean} {
	const end = input.search(/[\r\n]/);
	const text = end === -1 ? input : input.slice(0, end);
	return {text: sanitizeInline(text), submitted: end !== -1};
}

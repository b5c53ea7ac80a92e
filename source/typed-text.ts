import {sanitizeInline} from './format/sanitize.js';

/**
 * Text typed into a prompt can arrive in one chunk with the Enter that ends it
 * ("web\r" from a fast typist or a paste), and even with keys after it
 * ("web\rd"). Split it so the Enter submits instead of landing in the text,
 * the keys after it are not lost, and control characters stay out.
 */
export function splitTyped(input: string): {readonly text: string; readonly submitted: boolean; readonly rest: string} {
	const end = input.search(/[\r\n]/);
	const text = end === -1 ? input : input.slice(0, end);
	return {text: sanitizeInline(text), submitted: end !== -1, rest: end === -1 ? '' : input.slice(end + 1)};
}

import {sanitizeInline} from './format/sanitize.js';

/**
 * Text typed into a prompt can arrive in one chunk with the Enter that ends it
 * ("web\r" from a fast typist or a paste). Split it so the Enter submits
 * instead of landing in the text, and keep control characters out.
 */
export function splitTyped(input: string): {readonly text: string; readonly submitted: boolean} {
	const end = input.search(/[\r\n]/);
	const text = end === -1 ? input : input.slice(0, end);
	return {text: sanitizeInline(text), submitted: end !== -1};
}

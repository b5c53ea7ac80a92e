import stringWidth from 'string-width';
import {isNarrowOnly} from './string-width-fast.js';

// cli-truncate was the first choice, but with wide characters at the cut it
// returns one column too many (e.g. "数据库服务器" into 10 gives 11 columns),
// which breaks table alignment; so cells are cut here by grapheme.
// Made on first use: V8 cannot put an Intl object made as the module loads
// into berth's start-up snapshot (scripts/snapshot.mjs).
let graphemeSegmenter: Intl.Segmenter | undefined;
const graphemes = {segment: (text: string) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};

/** Drops the segmenter (made again on next use): for a render made while the start-up snapshot is made. */
export function forgetGraphemeSegmenter(): void {
	graphemeSegmenter = undefined;
}

/** Cuts plain text to at most `width` columns, ending in "…" when something was cut. */
export function truncateText(text: string, width: number): string {
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	// One column per character: cut by length. The first Intl.Segmenter of a
	// process costs ~17 ms (ICU loads its rules), on the path of the first frame.
	if (isNarrowOnly(text)) return `${text.slice(0, width - 1)}…`;
	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const segmentWidth = stringWidth(segment);
		if (used + segmentWidth > width - 1) break;
		kept += segment;
		used += segmentWidth;
	}
	return `${kept}…`;
}

/** Fits text into exactly `width` terminal columns (wide CJK and emoji counted as two). */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const truncated = truncateText(text, width);
	const padding = ' '.repeat(Math.max(0, width - stringWidth(truncated)));
	return align === 'left' ? truncated + padding : padding + truncated;
}

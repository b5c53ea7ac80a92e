import stringWidth from 'string-width';
import {isNarrowOnly} from './string-width-fast.js';

// cli-truncate was the first choice, but with wide characters at the cut it
// returns one column too many (e.g. "数据库服务器" into 10 gives 11 columns),
// which breaks table alignment; so cells are cut here by grapheme.
// Made on first use: V8 cannot put an Intl object made as the module loads
// into berth's start-up snapshot (scripts/snapshot.mjs).
let graphemeSegmenter: Intl.Segmenter | undefined;
const graphemes = {segment: (text: string) => (graphemeSegmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text)};

/** Cuts plain text to at most `width` columns, ending in "…" when something was cut. */
export function truncateText(text: string, width: number): string {
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	return `${leadingColumns(text, width - 1).text}…`;
}

const sgrSplit = /(\u001B\[[0-9;:]*m)/;

/**
 * Cuts sanitised text that may carry SGR colours to at most `width` columns,
 * closing the colours before the "…". Ink's own cut (cli-truncate 5) gives one
 * column too many when a wide character meets the edge; its fix needs Node 22.
 */
export function truncateStyled(text: string, width: number): string {
	if (!text.includes('\u001B')) return truncateText(text, width);
	if (width <= 0) return '';
	if (stringWidth(text) <= width) return text;
	let out = '';
	let room = width - 1;
	for (const part of text.split(sgrSplit)) {
		if (part.startsWith('\u001B[')) {
			out += part;
			continue;
		}
		const kept = leadingColumns(part, room);
		out += kept.text;
		room -= kept.width;
		if (kept.text.length < part.length) break;
	}
	return `${out}\u001B[0m…`;
}

/** The longest run of whole graphemes from the start of plain text that fits in `room` columns. */
function leadingColumns(text: string, room: number): {text: string; width: number} {
	// One column per character: cut by length. The first Intl.Segmenter of a
	// process costs ~17 ms (ICU loads its rules), on the path of the first frame.
	if (isNarrowOnly(text)) {
		const kept = text.slice(0, Math.max(0, room));
		return {text: kept, width: kept.length};
	}
	let kept = '';
	let used = 0;
	for (const {segment} of graphemes.segment(text)) {
		const segmentWidth = stringWidth(segment);
		if (used + segmentWidth > room) break;
		kept += segment;
		used += segmentWidth;
	}
	return {text: kept, width: used};
}

/** Fits text into exactly `width` terminal columns (wide CJK and emoji counted as two). */
export function fitCell(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const truncated = truncateText(text, width);
	const padding = ' '.repeat(Math.max(0, width - stringWidth(truncated)));
	return align === 'left' ? truncated + padding : padding + truncated;
}

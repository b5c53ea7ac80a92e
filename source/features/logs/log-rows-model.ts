// From the buffer to the rows on screen: prefixes, wrapping, search highlights.
import type {LogRow, LogRowPart} from './log-rows.js';
import type {LogLine} from '../../engine/streams/log-lines.js';
import {truncateStyled} from '../../text/cells.js';
import {matchRanges, plainText, windowTop, wrapRows} from './log-view.js';

export interface RowsInput {
	readonly lines: readonly LogLine[];
	/** Indexes of the lines shown (a filter), or undefined for all. */
	readonly shown: readonly number[] | undefined;
	readonly cursor: number;
	/** Where a copy range starts, if marked. */
	readonly mark: number | undefined;
	readonly isFollowing: boolean;
	readonly previousTop: number;
	readonly height: number;
	readonly width: number;
	readonly showTimestamps: boolean;
	readonly isWrapped: boolean;
	readonly keepColours: boolean;
	readonly regex: RegExp | undefined;
	readonly names: ReadonlyMap<string, {readonly text: string; readonly color: string}> | undefined;
}

/** 2026-11-22T22:11:54.904807943Z -> 2026-11-22 22:11:54.904 (the engine's UTC). */
export function shortTimestamp(timestamp: string): string {
	return timestamp ? `${timestamp.slice(0, 10)} ${timestamp.slice(11, 23)}` : ''.padEnd(23);
}

function highlight(text: string, regex: RegExp | undefined): LogRowPart[] {
	if (!regex) return [{text, isMatch: false}];
	const ranges = matchRanges(text, regex);
	if (ranges.length === 0) return [{text, isMatch: false}];
	const parts: LogRowPart[] = [];
	let at = 0;
	for (const [start, end] of ranges) {
		if (start > at) parts.push({text: text.slice(at, start), isMatch: false});
		parts.push({text: text.slice(start, end), isMatch: true});
		at = end;
	}
	if (at < text.length) parts.push({text: text.slice(at), isMatch: false});
	return parts;
}

export function buildRows(input: RowsInput): {rows: LogRow[]; top: number} {
	const {lines, shown, cursor, mark, regex, names} = input;
	const count = shown ? shown.length : lines.length;
	const lineAt = (position: number) => lines[shown ? shown[position]! : position]!;
	const nameWidth = names ? Math.min(20, Math.max(...[...names.values()].map(n => n.text.length))) : 0;
	const textWidth = Math.max(10, input.width - 2 - (names ? nameWidth + 1 : 0) - (input.showTimestamps ? 24 : 0));
	const displayText = (line: LogLine) => {
		const base = input.keepColours && !regex ? line.text : plainText(line);
		return line.isTruncated ? `${base} …[cut]` : base;
	};
	const rowsOf = (position: number) => (input.isWrapped ? wrapRows(displayText(lineAt(position)), textWidth).length : 1);
	const top = windowTop(count, input.height, cursor, input.isFollowing ? 0 : input.previousTop, rowsOf);
	const rows: LogRow[] = [];
	const [rangeLow, rangeHigh] = mark === undefined ? [-1, -1] : [Math.min(mark, cursor), Math.max(mark, cursor)];
	const rowsFor = (position: number): LogRow[] => {
		const line = lineAt(position);
		// Cut here rather than by Ink's truncate-end, which lets a wide character at the edge overflow a column.
		const texts = input.isWrapped ? wrapRows(displayText(line), textWidth) : [truncateStyled(displayText(line), textWidth)];
		const isCursor = position === cursor && !input.isFollowing;
		const markGlyph = isCursor ? '›' : position >= rangeLow && position <= rangeHigh ? '┃' : ' ';
		const name = names?.get(line.containerId);
		return texts.map((text, index) => {
			const isFirst = index === 0;
			return {
				key: `${position}:${index}`,
				mark: isFirst ? markGlyph : markGlyph === '›' ? ' ' : markGlyph,
				isStderr: line.stream === 'stderr',
				...(name ? {name: {text: (isFirst ? name.text : '').slice(0, nameWidth).padEnd(nameWidth), color: name.color}} : {}),
				...(input.showTimestamps ? {timestamp: isFirst ? shortTimestamp(line.timestamp) : ''.padEnd(23)} : {}),
				parts: highlight(text, regex),
				isCursor,
			};
		});
	};
	for (let position = top; position < count && rows.length < input.height; position++) {
		rows.push(...rowsFor(position).slice(0, input.height - rows.length));
	}
	// Room left above (a wrapped line too tall to show whole): show the end of the line before.
	if (rows.length < input.height && top > 0 && rows.length > 0) {
		rows.unshift(...rowsFor(top - 1).slice(-(input.height - rows.length)));
	}
	return {rows, top};
}

// Turning the engine's log bytes into lines: split incrementally (a chunk can end
// anywhere, even inside a UTF-8 sequence), cap a runaway line instead of holding
// it whole, and read the timestamp the engine prefixes to every line.
import {sanitizeLogText} from '../../text/sanitize.js';

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
	readonly containerId: string;
	readonly stream: LogStream;
	/** The engine's timestamp in nanoseconds since the epoch (0n when it sent none). */
	readonly ns: bigint;
	/** The timestamp as the engine wrote it (RFC 3339 with nanoseconds), '' when none. */
	readonly timestamp: string;
	/** Sanitised text; SGR colours are kept and stripped at display time if unwanted. */
	readonly text: string;
	/** The line was longer than the cap and was cut. */
	readonly isTruncated: boolean;
}

/** Receives each complete line, decoded (invalid UTF-8 becomes U+FFFD) but not yet parsed or sanitised. */
export type LineSink = (text: string, stream: LogStream, isTruncated: boolean) => void;

/** Bytes kept of a single line; the rest of it is dropped until its newline. */
export const defaultMaxLineBytes = 16 * 1024;

/**
 * Splits one stream's bytes into lines. Holds at most maxLineBytes of an
 * unfinished line, so a 10 MB line without a newline costs 16 KiB, not 10 MB.
 * A line that lies whole inside a chunk is decoded straight from it: in a flood
 * that is nearly every line, and it costs one string and no copies.
 */
export class LineSplitter {
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private isDiscarding = false;

	constructor(
		private readonly stream: LogStream,
		private readonly onLine: LineSink,
		private readonly maxLineBytes = defaultMaxLineBytes,
	) {}

	/** Bytes [start, end) of chunk (the whole chunk by default). */
	write(chunk: Buffer, start = 0, end = chunk.length): void {
		let at = start;
		while (at < end) {
			const found = chunk.indexOf(10, at);
			const newline = found === -1 || found >= end ? -1 : found;
			const stop = newline === -1 ? end : newline;
			if (newline !== -1 && this.pendingBytes === 0 && !this.isDiscarding) {
				const isCut = stop - at > this.maxLineBytes;
				this.onLine(chunk.toString('utf8', at, isCut ? at + this.maxLineBytes : stop), this.stream, isCut);
			} else {
				this.take(chunk, at, stop);
				if (newline === -1) return;
				this.emit();
			}
			at = newline + 1;
		}
	}

	/** The stream ended: a last line without a newline still counts. */
	end(): void {
		if (this.pendingBytes > 0 || this.isDiscarding) this.emit();
	}

	private take(chunk: Buffer, start: number, end: number): void {
		if (this.isDiscarding || end === start) return;
		const room = this.maxLineBytes - this.pendingBytes;
		// Copies: a kept slice must not pin the (possibly huge) chunk in memory.
		if (end - start > room) {
			this.pending.push(Buffer.from(chunk.subarray(start, start + room)));
			this.pendingBytes += room;
			this.isDiscarding = true;
			return;
		}
		this.pending.push(Buffer.from(chunk.subarray(start, end)));
		this.pendingBytes += end - start;
	}

	private emit(): void {
		const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
		const isTruncated = this.isDiscarding;
		this.pending = [];
		this.pendingBytes = 0;
		this.isDiscarding = false;
		this.onLine(bytes.toString('utf8'), this.stream, isTruncated);
	}
}

// 2026-11-22T22:11:54.904807943Z, or with an offset; the engine puts one space after it.
const timestampPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

/** Splits the engine's timestamp prefix off a line. */
export function splitTimestamp(line: string): {ns: bigint; timestamp: string; rest: string} {
	const match = timestampPattern.exec(line);
	if (!match) return {ns: 0n, timestamp: '', rest: line};
	const ms = Date.parse(`${match[1]}${match[3]}`);
	if (!Number.isFinite(ms)) return {ns: 0n, timestamp: '', rest: line};
	const fraction = (match[2] ?? '').padEnd(9, '0');
	return {
		ns: BigInt(ms) * 1_000_000n + BigInt(fraction),
		timestamp: match[0].slice(0, -1),
		rest: line.slice(match[0].length),
	};
}

// The engine writes log timestamps at a fixed width (RFC 3339, nine fraction digits, UTC):
// such a line is split by position, and two of them compare as strings.
const fixedWidth = 30;

const fixedTimestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /;

function isFixedTimestamp(text: string): boolean {
	return text.length > fixedWidth && text.charCodeAt(fixedWidth) === 32 && fixedTimestamp.test(text);
}

// Consecutive lines share their second: its Date.parse and BigInt are done once per second.
let cachedSecond = '';
let cachedSecondNs = 0n;

function fixedNs(timestamp: string): bigint {
	const secondText = timestamp.slice(0, 19);
	if (secondText !== cachedSecond) {
		const ms = Date.parse(`${secondText}Z`);
		if (!Number.isFinite(ms)) return splitTimestamp(`${timestamp} `).ns;
		cachedSecond = secondText;
		cachedSecondNs = BigInt(ms) * 1_000_000n;
	}
	const fraction = Number(timestamp.slice(20, 29));
	return Number.isInteger(fraction) ? cachedSecondNs + BigInt(fraction) : splitTimestamp(`${timestamp} `).ns;
}

/**
 * A line from the engine, parsed only as far as it is looked at: a flood
 * delivers tens of thousands of lines a second and a person sees forty of
 * them, so the timestamp is read and the text sanitised on first use (then kept).
 */
class EngineLogLine implements LogLine {
	private cachedNs: bigint | undefined;
	private cachedText: string | undefined;
	private readonly split: number;

	constructor(
		readonly containerId: string,
		readonly stream: LogStream,
		/** As the engine sent it: timestamp, space, text. */
		private readonly raw: string,
		readonly isTruncated: boolean,
	) {
		this.split = isFixedTimestamp(raw) ? fixedWidth : -1;
	}

	/** Order against another fixed-width line by the timestamp text, or undefined when either is not one. */
	compareTime(other: EngineLogLine): number | undefined {
		if (this.split === -1 || other.split === -1) return undefined;
		for (let i = 0; i < fixedWidth; i++) {
			const difference = this.raw.charCodeAt(i) - other.raw.charCodeAt(i);
			if (difference !== 0) return difference;
		}
		return 0;
	}

	get timestamp(): string {
		return this.split === -1 ? splitTimestamp(this.raw).timestamp : this.raw.slice(0, fixedWidth);
	}

	get ns(): bigint {
		this.cachedNs ??= this.split === -1 ? splitTimestamp(this.raw).ns : fixedNs(this.raw);
		return this.cachedNs;
	}

	get text(): string {
		this.cachedText ??= sanitizeLogText(this.split === -1 ? splitTimestamp(this.raw).rest : this.raw.slice(fixedWidth + 1), true);
		return this.cachedText;
	}
}

/** One line as the engine sent it (timestamp prefix included); invalid UTF-8 is already U+FFFD. */
export function toLogLine(containerId: string, stream: LogStream, raw: string, isTruncated = false): LogLine {
	return new EngineLogLine(containerId, stream, raw, isTruncated);
}

/** The engine's `since`/`until` take seconds with a nanosecond fraction. */
export function toEngineTime(ns: bigint): string {
	const negative = ns < 0n;
	const abs = negative ? -ns : ns;
	return `${negative ? '-' : ''}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/** Oldest first; ties keep their order (stable sort), so one container's lines stay in order. */
export function compareLines(a: LogLine, b: LogLine): number {
	// Two fixed-width UTC timestamps order as text: no parsing, no BigInt.
	const byText = a instanceof EngineLogLine && b instanceof EngineLogLine ? a.compareTime(b) : undefined;
	if (byText !== undefined) return byText;
	return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
}

// Turning the engine's log bytes into lines: split incrementally (a chunk can end
// anywhere, even inside a UTF-8 sequence), cap a runaway line instead of holding
// it whole, and read the timestamp the engine prefixes to every line.
import {sanitizeLogText} from '../format/sanitize.js';

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

/** One raw line before it is parsed; kept small so a flood can be dropped cheaply. */
export interface RawLine {
	readonly stream: LogStream;
	readonly bytes: Buffer;
	readonly isTruncated: boolean;
}

/** Bytes kept of a single line; the rest of it is dropped until its newline. */
export const defaultMaxLineBytes = 16 * 1024;

/**
 * Splits one stream's bytes into lines. Holds at most maxLineBytes of an
 * unfinished line, so a 10 MB line without a newline costs 16 KiB, not 10 MB.
 */
export class LineSplitter {
	private pending: Buffer[] = [];
	private pendingBytes = 0;
	private isDiscarding = false;

	constructor(
		private readonly stream: LogStream,
		private readonly onLine: (line: RawLine) => void,
		private readonly maxLineBytes = defaultMaxLineBytes,
	) {}

	write(chunk: Buffer): void {
		let start = 0;
		while (start < chunk.length) {
			const newline = chunk.indexOf(10, start);
			const end = newline === -1 ? chunk.length : newline;
			this.take(chunk.subarray(start, end));
			if (newline === -1) return;
			this.emit();
			start = newline + 1;
		}
	}

	/** The stream ended: a last line without a newline still counts. */
	end(): void {
		if (this.pendingBytes > 0 || this.isDiscarding) this.emit();
	}

	private take(part: Buffer): void {
		if (this.isDiscarding || part.length === 0) return;
		const room = this.maxLineBytes - this.pendingBytes;
		if (part.length > room) {
			// Copy: the kept slice must not pin the (possibly huge) chunk in memory.
			this.pending.push(Buffer.from(part.subarray(0, room)));
			this.pendingBytes += room;
			this.isDiscarding = true;
			return;
		}
		this.pending.push(Buffer.from(part));
		this.pendingBytes += part.length;
	}

	private emit(): void {
		const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
		this.onLine({stream: this.stream, bytes, isTruncated: this.isDiscarding});
		this.pending = [];
		this.pendingBytes = 0;
		this.isDiscarding = false;
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

/** Parses and sanitises one raw line; invalid UTF-8 becomes U+FFFD, never an error. */
export function toLogLine(containerId: string, raw: RawLine): LogLine {
	const {ns, timestamp, rest} = splitTimestamp(raw.bytes.toString('utf8'));
	return {containerId, stream: raw.stream, ns, timestamp, text: sanitizeLogText(rest, true), isTruncated: raw.isTruncated};
}

/** The engine's `since`/`until` take seconds with a nanosecond fraction. */
export function toEngineTime(ns: bigint): string {
	const negative = ns < 0n;
	const abs = negative ? -ns : ns;
	return `${negative ? '-' : ''}${abs / 1_000_000_000n}.${(abs % 1_000_000_000n).toString().padStart(9, '0')}`;
}

/** Oldest first; ties keep their order (stable sort), so one container's lines stay in order. */
export function compareLines(a: LogLine, b: LogLine): number {
	return a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0;
}

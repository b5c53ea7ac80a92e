// The engine multiplexes a non-TTY container's stdout and stderr into frames:
// an 8-byte header (stream type, 3 zero bytes, big-endian length) and the payload.
// docker-modem's demuxStream copies the whole unread remainder after every frame,
// which is quadratic in the frames per chunk: a log flood of short lines ran at
// ~1.5k lines/s through it against ~65k/s for `docker logs -f` (bench/log-flood.ts).
// This parser walks each chunk by offset and hands on ranges of it: no copy, and
// no Buffer view per frame (in a flood every line is a frame of its own).

import {EngineError} from '../transport/errors.js';

/** A frame's payload, or part of it: bytes [start, end) of chunk. */
export type FrameSink = (stream: 'stdout' | 'stderr', chunk: Buffer, start: number, end: number) => void;

export class Demuxer {
	private header = Buffer.alloc(8);
	private headerFill = 0;
	private remaining = 0;
	private stream: 'stdout' | 'stderr' = 'stdout';

	constructor(private readonly sink: FrameSink) {}

	/** Throws a garbled EngineError at a header the engine would never send: the stream is no log any more. */
	write(chunk: Buffer): void {
		let at = 0;
		while (at < chunk.length) {
			if (this.remaining > 0) {
				const take = Math.min(this.remaining, chunk.length - at);
				this.sink(this.stream, chunk, at, at + take);
				this.remaining -= take;
				at += take;
				continue;
			}
			if (this.headerFill === 0 && chunk.length - at >= 8) {
				// The usual case: a whole header in this chunk, read in place.
				const type = chunk[at]!;
				if (type > 2 || chunk[at + 1] !== 0 || chunk[at + 2] !== 0 || chunk[at + 3] !== 0) throw garbled();
				this.stream = type === 2 ? 'stderr' : 'stdout';
				this.remaining = chunk.readUInt32BE(at + 4);
				at += 8;
				continue;
			}
			const take = Math.min(8 - this.headerFill, chunk.length - at);
			chunk.copy(this.header, this.headerFill, at, at + take);
			this.headerFill += take;
			at += take;
			if (this.headerFill < 8) return;
			this.headerFill = 0;
			const type = this.header[0]!;
			if (type > 2 || this.header[1] !== 0 || this.header[2] !== 0 || this.header[3] !== 0) throw garbled();
			this.stream = type === 2 ? 'stderr' : 'stdout';
			this.remaining = this.header.readUInt32BE(4);
		}
	}
}

function garbled(): EngineError {
	return new EngineError('garbled', 'The engine\'s log stream has a frame header it would never send; reading again.');
}

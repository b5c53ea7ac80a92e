// The engine multiplexes a non-TTY container's stdout and stderr into frames:
// an 8-byte header (stream type, 3 zero bytes, big-endian length) and the payload.
// docker-modem's demuxStream copies the whole unread remainder after every frame,
// which is quadratic in the frames per chunk: a log flood of short lines ran at
// ~1.5k lines/s through it against ~65k/s for `docker logs -f` (bench/log-flood.ts).
// This parser walks each chunk by offset and copies only frames torn across chunks.

export type FrameSink = (stream: 'stdout' | 'stderr', payload: Buffer) => void;

export class Demuxer {
	private header = Buffer.alloc(8);
	private headerFill = 0;
	private remaining = 0;
	private stream: 'stdout' | 'stderr' = 'stdout';
	/** Not a multiplexed stream after all (a header with an unknown type): pass bytes through as stdout. */
	private isRaw = false;

	constructor(private readonly sink: FrameSink) {}

	write(chunk: Buffer): void {
		if (this.isRaw) {
			this.sink('stdout', chunk);
			return;
		}
		let at = 0;
		while (at < chunk.length) {
			if (this.remaining > 0) {
				const take = Math.min(this.remaining, chunk.length - at);
				this.sink(this.stream, chunk.subarray(at, at + take));
				this.remaining -= take;
				at += take;
				continue;
			}
			const take = Math.min(8 - this.headerFill, chunk.length - at);
			chunk.copy(this.header, this.headerFill, at, at + take);
			this.headerFill += take;
			at += take;
			if (this.headerFill < 8) return;
			this.headerFill = 0;
			const type = this.header[0];
			if (type !== 0 && type !== 1 && type !== 2) {
				this.isRaw = true;
				this.sink('stdout', Buffer.concat([this.header, chunk.subarray(at)]));
				return;
			}
			this.stream = type === 2 ? 'stderr' : 'stdout';
			this.remaining = this.header.readUInt32BE(4);
		}
	}
}

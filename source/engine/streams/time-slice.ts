// Reading a stream that never runs dry without starving everything else.
// When the engine has more log than berth can take, the socket is always
// readable and libuv reads it up to 32 times (64 KiB each) per turn of the
// event loop, all before the keyboard's input is looked at: hundreds of
// milliseconds of lines with a keypress waiting behind them. Here a stream is
// paused once a slice of time is used up and resumed on the next turn
// (setImmediate runs after the poll phase that handles stdin), so a key waits
// at most about one slice.
import {performance} from 'node:perf_hooks';

export const defaultSliceMs = 8;

/** Calls onChunk for each chunk of stream, at most about sliceMs at a time per turn of the event loop. */
export function readInSlices(stream: NodeJS.ReadableStream, onChunk: (chunk: Buffer) => void, sliceMs = defaultSliceMs): void {
	let sliceStart = -1;
	let isPausedByUs = false;
	const endSlice = () => {
		sliceStart = -1;
		if (isPausedByUs) {
			isPausedByUs = false;
			stream.resume();
		}
	};
	stream.on('data', (chunk: Buffer) => {
		if (sliceStart < 0) {
			sliceStart = performance.now();
			setImmediate(endSlice);
		}
		onChunk(chunk);
		if (!isPausedByUs && performance.now() - sliceStart > sliceMs) {
			isPausedByUs = true;
			stream.pause();
		}
	});
}

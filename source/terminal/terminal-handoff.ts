// Lending the terminal to something else (a shell in a container) and taking it
// back intact. Ink owns stdin (raw mode, a 'readable' listener) and writes
// frames to stdout whenever React renders; during a hand-off its listener is
// detached and its frames are dropped, berth leaves the alternate screen so
// the shell gets an ordinary terminal, and afterwards everything is put back.
import type {TerminalSize} from '../engine/streams/exec.js';
import {FrameWriter} from './screen/frame-writer.js';

let isLent = false;
let frameWriter: FrameWriter | undefined;

/**
 * process.stdout for Ink: the same stream, except that what Ink writes goes
 * through a FrameWriter, which sends the terminal only the cells that changed,
 * and nothing at all while the terminal is lent out (stats ticking in the header
 * must not paint over someone's shell). Everything else (columns, rows, resize
 * events, `'isTTY' in`) is the real stream's. Made when berth starts, not as the
 * module loads: berth's start-up snapshot must not hold process.stdout.
 */
export function createInkStdout(): NodeJS.WriteStream {
	const stdout = process.stdout;
	const writer = new FrameWriter({write: text => stdout.write(text), isTTY: stdout.isTTY}, stdout.columns || 80, stdout.rows || 24);
	frameWriter = writer;
	// Registered before Ink's own listener: the copy takes the new size before Ink draws for it.
	// Ink may draw nothing new (the same frame fits), so the whole screen is sent once Ink has had its turn.
	stdout.on('resize', () => {
		writer.resize(stdout.columns || 80, stdout.rows || 24);
		setImmediate(() => writer.flush());
	});
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, encoding?: unknown, callback?: unknown) => {
					writer.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
					const done = typeof encoding === 'function' ? encoding : callback;
					if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
					return true;
				};
			}
			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

export function isTerminalLent(): boolean {
	return isLent;
}

export interface LentTerminal {
	readonly stdin: NodeJS.ReadStream;
	readonly stdout: NodeJS.WriteStream;
	readonly size: () => TerminalSize;
	/** Calls back on every window resize until the hand-off ends. */
	readonly onResize: (listener: (size: TerminalSize) => void) => void;
}

const leaveScreen = '\u001B[?1049l\u001B[?25h';
const enterScreen = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l';

/**
 * Runs `session` with the terminal to itself: stdin in raw mode delivering
 * bytes, the normal screen, the cursor shown. Restores Ink's input and the
 * alternate screen afterwards, whatever happens; the caller then re-renders
 * (the frame Ink remembers is no longer on screen).
 */
export async function lendTerminal<T>(session: (terminal: LentTerminal) => Promise<T>): Promise<T> {
	const stdin = process.stdin;
	const stdout = process.stdout;
	if (isLent) throw new Error('The terminal is already lent out.');
	isLent = true;
	frameWriter?.hold(true);
	const inkListeners = stdin.listeners('readable') as Array<(...args: unknown[]) => void>;
	for (const listener of inkListeners) stdin.removeListener('readable', listener);
	const resizeListeners: Array<() => void> = [];
	const wasRaw = stdin.isTTY ? stdin.isRaw : false;
	stdout.write(leaveScreen);
	if (stdin.isTTY) stdin.setRawMode(true);
	const size = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	try {
		return await session({
			stdin,
			stdout,
			size,
			onResize(listener) {
				const onResize = () => listener(size());
				resizeListeners.push(onResize);
				stdout.on('resize', onResize);
			},
		});
	} finally {
		for (const listener of resizeListeners) stdout.removeListener('resize', listener);
		stdin.removeAllListeners('data');
		stdin.pause();
		if (stdin.isTTY) stdin.setRawMode(wasRaw);
		for (const listener of inkListeners) stdin.on('readable', listener);
		// pause() stopped the handle while a read was pending, so 'readable' alone
		// never fires again; resume() restarts reading (non-flowing, with a 'readable' listener).
		stdin.resume();
		stdout.write(enterScreen);
		isLent = false;
		// The screen was cleared: what Ink drew meanwhile is sent whole.
		frameWriter?.hold(false);
		frameWriter?.invalidate();
		frameWriter?.flush();
	}
}

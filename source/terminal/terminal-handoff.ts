// Lending the terminal to something else (a shell in a container) and taking it
// back intact. Ink owns stdin (raw mode, a 'readable' listener) and writes
// frames to stdout whenever React renders; during a hand-off its listener is
// detached and its frames are dropped, berth leaves the alternate screen so
// the shell gets an ordinary terminal, and afterwards everything is put back.
import type {TerminalSize} from '../engine/streams/exec.js';

let isLent = false;

/**
 * process.stdout for Ink: the same stream, except that writes are dropped
 * while the terminal is lent out (stats ticking in the header must not paint
 * over someone's shell). Everything else (columns, rows, resize events, `'isTTY' in`)
 * is the real stream's. Made when berth starts, not as the module loads: berth's
 * start-up snapshot must not hold process.stdout (scripts/snapshot.mjs).
 */
export function createInkStdout(): NodeJS.WriteStream {
	return new Proxy(process.stdout, {
		get(target, property) {
			if (property === 'write') {
				return (chunk: unknown, encoding?: unknown, callback?: unknown) => {
					if (!isLent) return (target.write as (...args: unknown[]) => boolean)(chunk, encoding, callback);
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
	}
}

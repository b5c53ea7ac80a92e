// Drives the real berth binary in a pseudo-terminal and reads the screen
// through a headless terminal emulator, the way a person would see it.
import xterm from '@xterm/headless';
import {spawn} from 'node-pty';

export interface Term {
	readonly screen: () => string;
	readonly raw: () => string;
	readonly press: (key: string) => void;
	readonly waitForText: (text: string | RegExp, options?: {timeoutMs?: number}) => Promise<void>;
	readonly waitForNoText: (text: string | RegExp, options?: {timeoutMs?: number}) => Promise<void>;
	readonly isAlternateScreen: () => boolean;
	/** The window title as the program (or anything it printed) last set it; '' if never. */
	readonly title: () => string;
	readonly isCursorHidden: () => boolean;
	readonly modes: () => xterm.IModes;
	readonly exited: Promise<{exitCode: number}>;
	/** The program's process id (dist/berth execs node, so this is berth itself). */
	readonly pid: number;
	readonly kill: () => void;
	/** Resizes the pseudo-terminal (the program gets SIGWINCH) and the emulator reading it. */
	readonly resize: (cols: number, rows: number) => void;
	/** Rows the emulator had to wrap because something was drawn past the right edge. */
	readonly wrappedRows: () => number;
	/** The foreground colour of the first character of `text` on screen: a palette index, 'default', or undefined if not shown. */
	readonly colourOf: (text: string) => number | 'default' | undefined;
}

const named: Readonly<Record<string, string>> = {
	enter: '\r', escape: '\u001B', tab: '\t', backspace: '\u007F', up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', 'ctrl-c': '\u0003',
};

/**
 * Starts `command` (default: dist/berth) with `args` in a pseudo-terminal; `env` adds to (or
 * overrides) this process's environment; `prefix` runs it under another command (e.g. unshare …).
 */
export function startTerm(options: {args: string[]; command?: string; cols?: number; rows?: number; env?: Readonly<Record<string, string>>; prefix?: readonly string[]}): Term {
	let cols = options.cols ?? 120;
	let rows = options.rows ?? 30;
	const terminal = new xterm.Terminal({cols, rows, allowProposedApi: true});
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		// CI=true makes Ink print only the final frame; DOCKER_* must not leak into the engine choice.
		if (value !== undefined && key !== 'CI' && !key.startsWith('DOCKER_')) env[key] = value;
	}
	env['TERM'] = 'xterm-256color';
	Object.assign(env, options.env ?? {});
	const [command = 'dist/berth', ...commandArgs] = [...(options.prefix ?? []), options.command ?? 'dist/berth', ...options.args];
	const child = spawn(command, commandArgs, {cols, rows, env, name: 'xterm-256color'});
	let output = '';
	let title = '';
	terminal.onTitleChange(next => {
		title = next;
	});
	let pending = Promise.resolve();
	child.onData(data => {
		output += data;
		pending = pending.then(() => new Promise<void>(resolve => terminal.write(data, resolve)));
	});
	const exited = new Promise<{exitCode: number}>(resolve => child.onExit(({exitCode}) => resolve({exitCode})));
	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	const has = (text: string | RegExp) => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
	const poll = async (wanted: boolean, text: string | RegExp, timeoutMs: number) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			await pending;
			if (has(text) === wanted) return;
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${wanted ? '' : 'no '}${String(text)}. Screen:\n${screen()}`);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	};
	return {
		screen,
		raw: () => output,
		press: key => child.write(named[key] ?? key),
		waitForText: (text, o) => poll(true, text, o?.timeoutMs ?? 10_000),
		waitForNoText: (text, o) => poll(false, text, o?.timeoutMs ?? 10_000),
		isAlternateScreen: () => terminal.buffer.active.type === 'alternate',
		title: () => title,
		// Not in the public API of @xterm/headless; the core service holds DECTCEM.
		isCursorHidden: () => Boolean((terminal as unknown as {_core?: {coreService?: {isCursorHidden?: boolean}}})._core?.coreService?.isCursorHidden),
		modes: () => terminal.modes,
		pid: child.pid,
		exited: exited.then(async result => {
			await pending;
			return result;
		}),
		colourOf(text) {
			const buffer = terminal.buffer.active;
			for (let row = 0; row < terminal.rows; row++) {
				const line = buffer.getLine(buffer.viewportY + row);
				const at = line?.translateToString(true).indexOf(text) ?? -1;
				if (!line || at === -1) continue;
				// Columns and string indexes agree for the text these tests print (one column per character).
				const cell = line.getCell(at);
				if (!cell) return undefined;
				return cell.isFgDefault() ? 'default' : cell.getFgColor();
			}
			return undefined;
		},
		wrappedRows() {
			const buffer = terminal.buffer.active;
			let wrapped = 0;
			for (let row = 0; row < rows; row++) if (buffer.getLine(buffer.viewportY + row)?.isWrapped) wrapped++;
			return wrapped;
		},
		resize(newCols, newRows) {
			cols = newCols;
			rows = newRows;
			terminal.resize(newCols, newRows);
			child.resize(newCols, newRows);
		},
		kill: () => {
			try {
				child.kill();
			} catch {
				// Already gone.
			}
		},
	};
}

/** Opens the `:` command line, types `command` a key at a time and runs it with Enter. */
export async function enterCommand(t: Term, command: string): Promise<void> {
	t.press(':');
	await t.waitForText('Tab complete');
	for (const char of command) t.press(char);
	t.press('enter');
}

/** Types `text` into the pane's `/` filter a key at a time, waits for `title` (the narrowed pane) when given, and keeps the filter with Enter. */
export async function filterTo(t: Term, text: string, title?: RegExp): Promise<void> {
	t.press('/');
	await t.waitForText('Enter keep');
	for (const char of text) t.press(char);
	if (title) await t.waitForText(title);
	t.press('enter');
	await t.waitForNoText('Enter keep');
}

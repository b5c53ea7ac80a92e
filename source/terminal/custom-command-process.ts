// Turning a custom command's template into a process: each word of the
// template is one argument, values put in as they are (a name with spaces
// stays one argument, `;` stays text), never through a shell, unless the
// command says `shell: true`, where values go in single-quoted.
import {spawn} from 'node:child_process';
import type {CustomCommand} from '../config/config-schema.js';
import type {LentTerminal} from './terminal-handoff.js';
import {sanitizeLogText} from '../text/sanitize.js';

export const templateFields = ['ID', 'Name', 'Image', 'Host', 'Project'] as const;
export type TemplateValues = Readonly<Record<typeof templateFields[number], string>>;

const placeholder = /\{\{\s*\.(\w+)\s*\}\}/g;

/** Placeholders a template names that berth does not fill in. */
export function unknownPlaceholders(words: readonly string[]): string[] {
	return words.flatMap(word => [...word.matchAll(placeholder)].map(match => match[1] ?? '')).filter(name => !(templateFields as readonly string[]).includes(name));
}

const shellQuote = (value: string) => `'${value.replaceAll('\'', '\'\\\'\'')}'`;

/** The program and its arguments for these values. */
export function commandArgv(command: CustomCommand, values: TemplateValues): readonly string[] {
	const fill = (word: string, quote: (value: string) => string) => word.replace(placeholder, (_, name: string) => quote(values[name as keyof TemplateValues] ?? ''));
	if (command.shell) return ['sh', '-c', fill(command.command.join(' '), shellQuote)];
	return command.command.map(word => fill(word, value => value));
}

export interface CommandOutput {
	readonly exitCode: number | undefined;
	readonly signal?: string;
	readonly lines: readonly string[];
	/** Lines dropped from the start because the output was long. */
	readonly dropped: number;
}

const maxLines = 5000;

/** Runs in the background, its output (both streams, cleaned, the last 5000 lines) kept for a view. */
export function runInBackground(argv: readonly string[], signal?: AbortSignal): Promise<CommandOutput> {
	return new Promise((resolve, reject) => {
		const [file, ...args] = argv;
		if (!file) return reject(new Error('empty command'));
		const child = spawn(file, args, {stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? {signal} : {})});
		const lines: string[] = [];
		let dropped = 0;
		let partial = '';
		const take = (chunk: Buffer) => {
			const parts = (partial + chunk.toString('utf8')).split('\n');
			partial = parts.pop() ?? '';
			for (const part of parts) lines.push(sanitizeLogText(part, false));
			if (lines.length > maxLines) dropped += lines.splice(0, lines.length - maxLines).length;
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('error', reject);
		child.on('close', (code, killedBy) => {
			if (partial) lines.push(sanitizeLogText(partial, false));
			resolve({exitCode: code ?? undefined, ...(killedBy ? {signal: killedBy} : {}), lines, dropped});
		});
	});
}

/**
 * Runs with the terminal handed over (berth's frame is away, as for `e`): the
 * child gets the real terminal, in cooked mode; afterwards a key brings berth back. Node's own reading of stdin is
 * stopped first, or it would take the first keys typed; Ink starts it again.
 */
export function runInTerminal(terminal: LentTerminal, argv: readonly string[]): Promise<{readonly exitCode: number | undefined; readonly signal?: string}> {
	const stdin = terminal.stdin;
	if (stdin.isTTY) stdin.setRawMode(false);
	// tty.ReadStream keeps its libuv handle reading while anything might want data;
	// there is no public call that stops it short of destroying stdin.
	// The read it had pending stays pending for Node's stream, so it is started again
	// by hand afterwards: nothing else would, and berth would hear no more keys.
	const handle = (stdin as unknown as {_handle?: {reading?: boolean; readStop?: () => number; readStart?: () => number}})._handle;
	const wasReading = Boolean(handle?.reading && handle.readStop && handle.readStart);
	if (wasReading) {
		handle?.readStop?.();
		if (handle) handle.reading = false;
	}
	const readAgain = () => {
		if (!wasReading || !handle) return;
		handle.readStart?.();
		handle.reading = true;
	};
	return new Promise<{readonly exitCode: number | undefined; readonly signal?: string}>((resolve, reject) => {
		const [file, ...args] = argv;
		if (!file) return reject(new Error('empty command'));
		const child = spawn(file, args, {stdio: 'inherit'});
		child.on('error', reject);
		child.on('close', (code, killedBy) => resolve({exitCode: code ?? undefined, ...(killedBy ? {signal: killedBy} : {})}));
	}).finally(readAgain).then(async result => {
		// What it printed stays readable until a key is pressed, as lazydocker does.
		const how = result.exitCode === undefined ? `was stopped by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}`;
		terminal.stdout.write(`\r\nberth: the command ${how}; press any key to go back to berth.`);
		if (stdin.isTTY) stdin.setRawMode(true);
		await new Promise(resolve => {
			stdin.once('data', resolve);
			stdin.resume();
		});
		return result;
	});
}

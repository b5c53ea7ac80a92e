// Running things inside a container through the engine API: an interactive
// shell (TTY, hijacked stream), attaching to the main process, and one-off
// commands whose output and exit code are collected.
import {Writable} from 'node:stream';
import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';
import {LineSplitter, type LogStream} from './log-lines.js';
import {sanitizeLogText} from '../../text/sanitize.js';

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

export interface InteractiveSession {
	/** Raw bytes both ways; ends when the process exits or detaches. */
	readonly stream: NodeJS.ReadWriteStream;
	/** Whether output is a raw TTY stream (else multiplexed stdout/stderr). */
	readonly isTty: boolean;
	readonly resize: (size: TerminalSize) => Promise<void>;
	/** The exit code once it has ended (undefined for attach: the container may still run). */
	readonly exitCode: () => Promise<number | undefined>;
}

/** The shells tried, in order; checked with the archive endpoint, which needs no shell to answer. */
export const shells = ['/bin/bash', '/bin/sh'] as const;

export async function findShell(docker: Docker, id: string): Promise<string | undefined> {
	for (const shell of shells) {
		try {
			const response = await docker.getContainer(id).infoArchive({path: shell}) as unknown as NodeJS.ReadableStream & {destroy?: () => void};
			// dockerode hands back the (empty) HEAD response as a stream; left unread it holds the socket open.
			response.destroy?.();
			return shell;
		} catch (error) {
			const engineError = toEngineError(error);
			if (engineError.kind !== 'not-found') throw engineError;
		}
	}
	return undefined;
}

export async function startShell(docker: Docker, id: string, cmd: readonly string[], size: TerminalSize): Promise<InteractiveSession> {
	try {
		const exec = await docker.getContainer(id).exec({
			Cmd: [...cmd],
			AttachStdin: true,
			AttachStdout: true,
			AttachStderr: true,
			Tty: true,
			Env: ['TERM=xterm-256color'],
		});
		const stream = await exec.start({hijack: true, stdin: true, Tty: true} as Docker.ExecStartOptions) as unknown as NodeJS.ReadWriteStream;
		const resize = async (next: TerminalSize) => {
			try {
				await exec.resize({h: next.rows, w: next.columns});
			} catch {
				// The process may have exited between the resize and now.
			}
		};
		await resize(size);
		return {
			stream,
			isTty: true,
			resize,
			exitCode: () => finalExitCode(exec),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

/** Docker's own detach sequence, handled by the engine: the stream closes, the container runs on. */
export const detachKeys = 'ctrl-p,ctrl-q';

export async function attachToContainer(docker: Docker, id: string, size: TerminalSize): Promise<InteractiveSession> {
	try {
		const container = docker.getContainer(id);
		const info = await container.inspect();
		const isTty = Boolean(info.Config?.Tty);
		const stream = await container.attach({stream: true, stdin: true, stdout: true, stderr: true, hijack: true, detachKeys} as Docker.ContainerAttachOptions) as unknown as NodeJS.ReadWriteStream;
		const resize = async (next: TerminalSize) => {
			if (!isTty) return;
			try {
				await container.resize({h: next.rows, w: next.columns});
			} catch {
				// Stopped meanwhile.
			}
		};
		await resize(size);
		return {stream, isTty, resize, exitCode: async () => undefined};
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface CommandResult {
	readonly lines: readonly {readonly stream: 'stdout' | 'stderr'; readonly text: string}[];
	readonly exitCode: number | undefined;
	/** Lines beyond the cap were dropped (the oldest kept). */
	readonly isCut: boolean;
}

/**
 * Splits a command line into arguments the way a shell would for plain words
 * and quotes (no expansion): the point is running a program in a container that has no shell.
 */
export function splitCommandLine(line: string): string[] {
	const args: string[] = [];
	let current = '';
	let quote: '"' | '\'' | undefined;
	let hasArg = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i]!;
		if (quote) {
			if (char === quote) quote = undefined;
			else if (char === '\\' && quote === '"' && i + 1 < line.length) current += line[++i];
			else current += char;
		} else if (char === '"' || char === '\'') {
			quote = char;
			hasArg = true;
		} else if (char === '\\' && i + 1 < line.length) {
			current += line[++i];
			hasArg = true;
		} else if (/\s/.test(char)) {
			if (hasArg || current) args.push(current);
			current = '';
			hasArg = false;
		} else current += char;
	}
	if (hasArg || current) args.push(current);
	return args;
}

/** Runs one command (no TTY, no stdin) and collects its sanitised output, at most maxLines, and its exit code. */
export async function runCommand(docker: Docker, id: string, argv: readonly string[], signal: AbortSignal, maxLines = 5000): Promise<CommandResult> {
	try {
		const exec = await docker.getContainer(id).exec({Cmd: [...argv], AttachStdout: true, AttachStderr: true, Tty: false});
		const stream = await exec.start({hijack: true, stdin: false, abortSignal: signal} as Docker.ExecStartOptions) as unknown as NodeJS.ReadableStream;
		const lines: Array<{stream: 'stdout' | 'stderr'; text: string}> = [];
		let isCut = false;
		const onLine = (text: string, stream: LogStream) => {
			lines.push({stream, text: sanitizeLogText(text, false)});
			if (lines.length > maxLines) {
				lines.shift();
				isCut = true;
			}
		};
		const out = new LineSplitter('stdout', onLine);
		const err = new LineSplitter('stderr', onLine);
		// Writables that split synchronously, so nothing is still queued when the stream ends.
		const sink = (splitter: LineSplitter) => new Writable({write(chunk: Buffer, _encoding, done) {
			splitter.write(chunk);
			done();
		}});
		docker.modem.demuxStream(stream, sink(out), sink(err));
		await new Promise<void>((resolve, reject) => {
			stream.on('end', resolve);
			stream.on('close', resolve);
			stream.on('error', reject);
			signal.addEventListener('abort', () => resolve(), {once: true});
		});
		out.end();
		err.end();
		// The hijacked socket can stay half-open after the process ends; nothing more will come.
		(stream as NodeJS.ReadableStream & {destroy?: () => void}).destroy?.();
		return {lines, exitCode: signal.aborted ? undefined : await finalExitCode(exec), isCut};
	} catch (error) {
		throw toEngineError(error);
	}
}

/** The stream can close a moment before the engine records the exit; ask a few times. */
async function finalExitCode(exec: Docker.Exec): Promise<number | undefined> {
	for (let attempt = 0; attempt < 20; attempt++) {
		const info = await exec.inspect();
		if (!info.Running) return info.ExitCode ?? undefined;
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	return undefined;
}

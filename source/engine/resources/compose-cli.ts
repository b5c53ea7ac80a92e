// Compose's own verbs (up, down, pull, build), run by the Compose CLI found
// where berth runs, against the engine berth is talking to. The API cannot do
// these: they need the project's files, which only the CLI reads.
import {execFile, spawn} from 'node:child_process';
import {homedir} from 'node:os';
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';

export interface ComposeCli {
	readonly command: string;
	/** Before Compose's own arguments: ['compose'] for the docker CLI plugin. */
	readonly prefix: readonly string[];
	/** "docker compose" or "docker-compose", for messages. */
	readonly label: string;
}

export type ComposeVerb = 'up' | 'down' | 'recreate' | 'pull' | 'build';

export interface VerbOptions {
	/** down -v: the project's named and anonymous volumes go too. */
	readonly removeVolumes?: boolean;
}

export function verbArguments(verb: ComposeVerb, options: VerbOptions = {}): readonly string[] {
	switch (verb) {
		case 'up': return ['up', '-d'];
		case 'down': return ['down', ...(options.removeVolumes ? ['-v'] : [])];
		case 'recreate': return ['up', '-d', '--force-recreate'];
		case 'pull': return ['pull'];
		case 'build': return ['build'];
	}
}

/** Whether `command args` runs and exits 0 within a few seconds. */
function answers(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
	return new Promise(resolve => {
		execFile(command, [...args], {env, timeout: 10_000}, error => resolve(!error));
	});
}

/** `docker compose` (v2) when the docker CLI has it, else `docker-compose`; undefined when neither runs. */
export async function findComposeCli(env: NodeJS.ProcessEnv = process.env): Promise<ComposeCli | undefined> {
	if (await answers('docker', ['compose', 'version'], env)) return {command: 'docker', prefix: ['compose'], label: 'docker compose'};
	if (await answers('docker-compose', ['version'], env)) return {command: 'docker-compose', prefix: [], label: 'docker-compose'};
	return undefined;
}

interface ModemView {
	readonly socketPath?: string;
	readonly host?: string;
	readonly port?: number | string;
	readonly protocol?: string;
	readonly agent?: unknown;
}

/**
 * The environment that points the CLI at berth's engine. A unix socket or
 * plain tcp is a DOCKER_HOST; TLS adds the certificate folder berth read (as
 * the docker CLI does); SSH goes through berth's own connection, which the CLI
 * cannot share, so it is refused in words.
 */
export function cliEnvironment(docker: Docker, env: NodeJS.ProcessEnv = process.env): {readonly env: NodeJS.ProcessEnv} | {readonly refusal: string} {
	const modem = docker.modem as unknown as ModemView;
	const base: NodeJS.ProcessEnv = {...env};
	// DOCKER_HOST must decide: a context would point elsewhere.
	delete base['DOCKER_CONTEXT'];
	delete base['DOCKER_TLS_VERIFY'];
	if (modem.socketPath) return {env: {...base, DOCKER_HOST: `unix://${modem.socketPath}`}};
	if (modem.agent) return {refusal: 'berth reaches this engine over SSH; Compose verbs run only on unix-socket or tcp engines (run them on the engine\'s host).'};
	if (!modem.host) return {refusal: 'berth cannot tell the Compose CLI where this engine is.'};
	const address = `tcp://${modem.host}:${modem.port ?? 2375}`;
	if (modem.protocol === 'https') return {env: {...base, DOCKER_HOST: address, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: env['DOCKER_CERT_PATH'] || `${homedir()}/.docker`}};
	return {env: {...base, DOCKER_HOST: address}};
}

export interface ComposeRun {
	readonly project: string;
	readonly workingDir: string;
	readonly files: readonly string[];
	readonly verb: ComposeVerb;
	readonly options?: VerbOptions;
	/** Only these services (a service row); down takes none. */
	readonly services?: readonly string[];
}

export interface RunOutcome {
	/** undefined when a signal ended it (Esc). */
	readonly exitCode: number | undefined;
	readonly isCancelled: boolean;
	/** The last lines it wrote to stderr, for the message when it failed. */
	readonly stderrTail: readonly string[];
}

export function composeArguments(cli: ComposeCli, run: ComposeRun): readonly string[] {
	return [...cli.prefix, '-p', run.project, ...run.files.flatMap(file => ['-f', file]), ...verbArguments(run.verb, run.options), ...(run.verb === 'down' ? [] : run.services ?? [])];
}

/**
 * Runs one verb, each output line to onLine (sanitised) as it comes. The abort
 * signal ends the CLI's whole process group (the docker CLI runs Compose as a
 * child plugin), so Esc leaves nothing running.
 */
export function runCompose(cli: ComposeCli, run: ComposeRun, env: NodeJS.ProcessEnv, onLine: (line: string, stream: 'stdout' | 'stderr') => void, signal: AbortSignal): Promise<RunOutcome> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cli.command, [...composeArguments(cli, run)], {cwd: run.workingDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe']});
		const stderrTail: string[] = [];
		let isCancelled = false;
		const cancel = () => {
			isCancelled = true;
			if (child.pid !== undefined && child.exitCode === null) {
				try {
					process.kill(-child.pid, 'SIGTERM');
				} catch {
					child.kill('SIGTERM');
				}
			}
		};
		if (signal.aborted) cancel();
		signal.addEventListener('abort', cancel, {once: true});
		const rest = {stdout: '', stderr: ''};
		const lines = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
			const parts = (rest[stream] + chunk.toString('utf8')).split(/\r?\n|\r/);
			rest[stream] = parts.pop() ?? '';
			for (const part of parts) emit(part, stream);
		};
		const emit = (raw: string, stream: 'stdout' | 'stderr') => {
			const line = sanitizeInline(raw);
			if (!line.trim()) return;
			if (stream === 'stderr') {
				stderrTail.push(line);
				if (stderrTail.length > 20) stderrTail.shift();
			}
			onLine(line, stream);
		};
		child.stdout.on('data', lines('stdout'));
		child.stderr.on('data', lines('stderr'));
		child.on('error', error => {
			signal.removeEventListener('abort', cancel);
			reject(error);
		});
		child.on('close', code => {
			signal.removeEventListener('abort', cancel);
			emit(rest.stdout, 'stdout');
			emit(rest.stderr, 'stderr');
			resolvePromise({exitCode: code ?? undefined, isCancelled, stderrTail});
		});
	});
}

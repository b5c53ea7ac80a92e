// docker-credential-<name> get/store/erase, run as the docker CLI runs them:
// the server on stdin (JSON for store), JSON on stdout. A helper that hangs
// (a keychain waiting for a prompt berth cannot show) is stopped after a while.
import {spawn} from 'node:child_process';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError} from '../transport/errors.js';

export const helperTimeoutMs = 20_000;

/** What a helper's `get` answers with. */
export interface HelperCredentials {
	readonly ServerURL?: string;
	readonly Username: string;
	readonly Secret: string;
}

interface HelperRun {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** The words a helper prints when it has nothing for a server (docker-credential-helpers' ErrCredentialsNotFound). */
const notFound = /credentials not found/i;

function run(helper: string, verb: 'get' | 'store' | 'erase', input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<HelperRun> {
	const program = `docker-credential-${helper}`;
	return new Promise((resolve, reject) => {
		const child = spawn(program, [verb], {env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new EngineError('timeout', `${program} ${verb} did not answer within ${timeoutMs / 1000} s.`));
		}, timeoutMs);
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
		child.on('error', (error: NodeJS.ErrnoException) => {
			clearTimeout(timer);
			reject(new EngineError('bad-config', error.code === 'ENOENT'
				? `The docker config names the credential helper "${sanitizeInline(helper)}", but ${sanitizeInline(program)} is not on the PATH.`
				: `Could not run ${sanitizeInline(program)}: ${error.code ?? error.message}.`));
		});
		child.on('close', code => {
			clearTimeout(timer);
			resolve({code, stdout, stderr});
		});
		// A helper that exits without reading its input is answered by its exit code, not by EPIPE.
		child.stdin.on('error', () => undefined);
		child.stdin.end(input);
	});
}

/** What a failed helper said, cut short and cleaned, with any secret it echoed blanked out. */
function said(result: HelperRun, secrets: readonly string[]): string {
	let text = (result.stdout.trim() || result.stderr.trim() || `exit status ${result.code ?? 'unknown'}`).slice(0, 300);
	for (const secret of secrets) if (secret) text = text.split(secret).join('***');
	return sanitizeInline(text);
}

export async function helperGet(helper: string, server: string, env: NodeJS.ProcessEnv, timeoutMs = helperTimeoutMs): Promise<HelperCredentials | undefined> {
	const result = await run(helper, 'get', server, env, timeoutMs);
	if (result.code !== 0) {
		if (notFound.test(result.stdout) || notFound.test(result.stderr)) return undefined;
		throw new EngineError('bad-config', `docker-credential-${sanitizeInline(helper)} get failed: ${said(result, [])}`);
	}
	try {
		const parsed = JSON.parse(result.stdout) as Partial<HelperCredentials>;
		if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string') throw new Error('shape');
		return parsed as HelperCredentials;
	} catch {
		throw new EngineError('bad-config', `docker-credential-${sanitizeInline(helper)} get answered with something other than credentials.`);
	}
}

export async function helperStore(helper: string, credentials: Required<HelperCredentials>, env: NodeJS.ProcessEnv, timeoutMs = helperTimeoutMs): Promise<void> {
	const result = await run(helper, 'store', JSON.stringify(credentials), env, timeoutMs);
	if (result.code !== 0) throw new EngineError('bad-config', `docker-credential-${sanitizeInline(helper)} store failed: ${said(result, [credentials.Secret])}`);
}

/** Erasing what is not there is no failure (`docker logout` says nothing of it either). */
export async function helperErase(helper: string, server: string, env: NodeJS.ProcessEnv, timeoutMs = helperTimeoutMs): Promise<void> {
	const result = await run(helper, 'erase', server, env, timeoutMs);
	if (result.code !== 0 && !notFound.test(result.stdout) && !notFound.test(result.stderr)) {
		throw new EngineError('bad-config', `docker-credential-${sanitizeInline(helper)} erase failed: ${said(result, [])}`);
	}
}

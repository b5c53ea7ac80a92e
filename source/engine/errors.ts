export type EngineErrorKind =
	| 'unreachable'
	| 'permission'
	| 'not-found'
	| 'conflict'
	| 'bad-config'
	| 'unknown-context'
	| 'timeout'
	| 'server'
	| 'unknown';

/** A failure a person can act on, with one plain paragraph saying what and why. */
export class EngineError extends Error {
	constructor(readonly kind: EngineErrorKind, message: string, readonly statusCode?: number) {
		super(message);
		this.name = 'EngineError';
	}
}

interface RawError {
	code?: string;
	statusCode?: number;
	reason?: string;
	json?: {message?: string} | null;
	message?: string;
}

export function toEngineError(error: unknown, endpointLabel = 'the Docker engine'): EngineError {
	if (error instanceof EngineError) return error;
	const raw = (error ?? {}) as RawError;
	const engineMessage = raw.json?.message ?? raw.reason ?? raw.message ?? String(error);
	switch (raw.code) {
		case 'ENOENT':
		case 'ECONNREFUSED':
			return new EngineError('unreachable', `Cannot connect to the Docker engine at ${endpointLabel}: nothing is listening there. Is dockerd running? Start it (e.g. \`sudo systemctl start docker\`) or point berth at another engine with --host, DOCKER_HOST or --context.`);
		case 'EACCES':
		case 'EPERM':
			return new EngineError('permission', `Permission denied on ${endpointLabel}. Your user cannot open the Docker socket: add it to the docker group (\`sudo usermod -aG docker $USER\`, then log in again) or run berth with sudo.`);
		case 'EHOSTUNREACH':
		case 'ENOTFOUND':
		case 'ECONNRESET':
		case 'EPIPE':
			return new EngineError('unreachable', `Lost or could not reach the Docker engine at ${endpointLabel} (${raw.code}).`);
		case 'ETIMEDOUT':
			return new EngineError('timeout', `The Docker engine at ${endpointLabel} did not answer in time.`);
		default: break;
	}
	const status = raw.statusCode;
	if (status === 404) return new EngineError('not-found', engineMessage, status);
	if (status === 409 || status === 304) return new EngineError('conflict', status === 304 ? 'It is already in that state.' : engineMessage, status);
	if (status !== undefined && status >= 500) return new EngineError('server', engineMessage, status);
	return new EngineError('unknown', engineMessage, status);
}

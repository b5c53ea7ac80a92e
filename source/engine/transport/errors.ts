export type EngineErrorKind =
	| 'unreachable'
	| 'permission'
	| 'not-found'
	| 'conflict'
	| 'bad-config'
	| 'unknown-context'
	| 'timeout'
	/** An answer that is not what the API sends: invalid JSON, broken framing. */
	| 'garbled'
	| 'tls'
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
	/** ssh2 says where an SSH failure happened, e.g. 'client-authentication'. */
	level?: string;
}

const tlsErrorCodes: ReadonlySet<string> = new Set([
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_SIGNATURE_FAILURE', 'EPROTO',
]);

// Callers that know the endpoint name it; the rest read "the configured address",
// not "the Docker engine at the Docker engine".
export function toEngineError(error: unknown, endpointLabel = 'the configured address'): EngineError {
	if (error instanceof EngineError) return error;
	const raw = (error ?? {}) as RawError;
	// A refused stream request (a pull the registry turned down) has no json: docker-modem puts the engine's words in the message.
	const streamCause = raw.json ? undefined : /^\(HTTP code \d+\) [^-]* - ([\s\S]+?)\s*$/.exec(raw.message ?? '')?.[1];
	const engineMessage = raw.json?.message ?? streamCause ?? raw.reason ?? raw.message ?? String(error);
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
	if (raw.code && tlsErrorCodes.has(raw.code)) {
		return new EngineError('tls', `The engine at ${endpointLabel} presented a certificate berth cannot verify (${engineMessage}). Point DOCKER_CERT_PATH at the folder with that engine's ca.pem, cert.pem and key.pem, with DOCKER_TLS_VERIFY=1.`);
	}
	if (raw.level === 'client-authentication') {
		return new EngineError('permission', `SSH login to ${endpointLabel} failed: no key was accepted. Load your key into ssh-agent (ssh-add) or put it in ~/.ssh/id_ed25519, and check that \`ssh\` to that host works.`);
	}
	if (raw.level === 'client-timeout') return new EngineError('timeout', `SSH to ${endpointLabel} timed out.`);
	if (/Client sent an HTTP request to an HTTPS server/.test(engineMessage)) {
		return new EngineError('tls', `The engine at ${endpointLabel} only speaks TLS. Set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to the folder with its ca.pem, cert.pem and key.pem.`);
	}
	if (/docker: (command )?not found|dial-stdio/.test(engineMessage)) {
		return new EngineError('unreachable', `The SSH host behind ${endpointLabel} has no docker CLI on its PATH; berth (like the docker CLI) runs \`docker system dial-stdio\` there.`);
	}
	const status = raw.statusCode;
	if (status === 404) return new EngineError('not-found', engineMessage, status);
	if (status === 409 || status === 304) return new EngineError('conflict', status === 304 ? 'It is already in that state.' : engineMessage, status);
	if (status !== undefined && status >= 500) return new EngineError('server', engineMessage, status);
	return new EngineError('unknown', engineMessage, status);
}

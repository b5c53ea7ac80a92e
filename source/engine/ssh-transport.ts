// ssh:// the way the docker CLI does it: run `docker system dial-stdio` on the
// remote and speak HTTP over that channel. Hand-written rather than
// docker-modem's ssh agent because that one opens a new SSH connection (full
// handshake) for every request — one per stats stream — and under Node 20 it
// fails outright once a request timeout is set (ssh2 channels lack
// setTimeout). Here a few connections are shared, each carrying at most
// `channelsPerConnection` channels, under sshd's default MaxSessions of 10.
import type * as Http from 'node:http';
import type {Agent, ClientRequestArgs} from 'node:http';
import {createRequire} from 'node:module';
import type {Duplex} from 'node:stream';
import type * as Ssh2 from 'ssh2';
import type {Client, ClientChannel, ConnectConfig} from 'ssh2';
import {EngineError} from './errors.js';

const requireModule = createRequire(import.meta.url);

const channelsPerConnection = 8;

interface PooledConnection {
	client: Promise<Client>;
	open: number;
	isDead: boolean;
}

/** Makes an ssh2 channel look enough like a net.Socket for Node's HTTP client. */
function asSocket(channel: ClientChannel): Duplex {
	const socket = channel as unknown as Duplex & Record<string, unknown>;
	socket['setTimeout'] = () => socket;
	socket['setNoDelay'] = () => socket;
	socket['setKeepAlive'] = () => socket;
	socket['ref'] = () => socket;
	socket['unref'] = () => socket;
	return socket;
}

/**
 * `hostKeyProblem` is asked about the key the host presents (ssh2's raw key blob):
 * undefined accepts it; a sentence refuses the connection and becomes its error.
 */
export async function createSshAgent(config: ConnectConfig, hostKeyProblem: (key: Buffer) => string | undefined): Promise<Agent> {
	// Loaded only for ssh:// endpoints: ssh2 is large and has native parts. It is
	// CommonJS, and require() works the same from source and from the bundle
	// (a CommonJS script run through V8's code cache, where import() has no loader).
	const {Client: SshClient} = requireModule('ssh2') as typeof Ssh2;
	// Required here too: berth's start-up snapshot cannot hold node:http (scripts/build.mjs).
	const {Agent: HttpAgent} = requireModule('node:http') as typeof Http;
	const pool: PooledConnection[] = [];

	const connectOne = (): PooledConnection => {
		const entry: PooledConnection = {open: 0, isDead: false, client: Promise.resolve(undefined as unknown as Client)};
		entry.client = new Promise<Client>((resolve, reject) => {
			const client = new SshClient();
			let refusal: string | undefined;
			client.once('ready', () => resolve(client));
			client.on('error', error => {
				entry.isDead = true;
				reject(refusal ? new EngineError('permission', refusal) : error);
			});
			client.on('close', () => {
				entry.isDead = true;
			});
			client.connect({
				...config,
				hostVerifier: (key: Buffer) => {
					refusal = hostKeyProblem(key);
					return refusal === undefined;
				},
			});
		});
		// A rejection is reported to whoever asked for a channel; none is left unhandled.
		entry.client.catch(() => undefined);
		pool.push(entry);
		return entry;
	};

	const openChannel = async (): Promise<Duplex> => {
		for (let index = pool.length - 1; index >= 0; index--) if (pool[index]?.isDead) pool.splice(index, 1);
		const entry = pool.find(candidate => candidate.open < channelsPerConnection) ?? connectOne();
		entry.open++;
		try {
			const client = await entry.client;
			const channel = await new Promise<ClientChannel>((resolve, reject) => {
				client.exec('docker system dial-stdio', (error, stream) => (error ? reject(error) : resolve(stream)));
			});
			channel.once('close', () => {
				entry.open--;
			});
			// What the remote says on stderr (e.g. "docker: not found") explains a failure.
			let remoteError = '';
			channel.stderr.on('data', (chunk: Buffer) => {
				remoteError = (remoteError + chunk.toString()).slice(-500);
			});
			channel.once('exit', (code: number | null) => {
				if (code && remoteError) (channel as unknown as Duplex).destroy(new Error(`ssh: docker system dial-stdio failed: ${remoteError.trim()}`));
			});
			return asSocket(channel);
		} catch (error) {
			entry.open--;
			entry.isDead = true;
			throw error;
		}
	};

	class SshAgent extends HttpAgent {
		override createConnection(_options: ClientRequestArgs, callback?: (error: Error | null, socket: Duplex) => void): Duplex | null | undefined {
			openChannel().then(
				socket => callback?.(null, socket),
				(error: Error) => callback?.(error, undefined as unknown as Duplex),
			);
			return undefined;
		}
	}
	// keepAlive off: every request gets its own channel, closed when the response ends.
	return new SshAgent({keepAlive: false});
}

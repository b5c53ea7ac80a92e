// ssh:// the way the docker CLI does it: run `docker system dial-stdio` on the
// remote and speak HTTP over that channel. Hand-written rather than
// docker-modem's ssh agent because that one opens a new SSH connection (full
// handshake) for every request — one per stats stream — and under Node 20 it
// fails outright once a request timeout is set (ssh2 channels lack
// setTimeout). Here a few connections are shared, each carrying at most
// `channelsPerConnection` channels, under sshd's default MaxSessions of 10.
// Behind ProxyJump, each connection runs over a forwarded channel through each
// jump host in turn, as `ssh -J` does.
import type * as Http from 'node:http';
import type {Agent, ClientRequestArgs} from 'node:http';
import {createRequire} from 'node:module';
import type {Duplex} from 'node:stream';
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
 * One SSH host on the way to the engine. `hostKeyProblem` is asked about the key
 * the host presents (ssh2's raw key blob): undefined accepts it; a sentence
 * refuses the connection and becomes its error.
 */
export interface SshHopConnection {
	readonly config: ConnectConfig & {readonly host: string; readonly port: number};
	readonly hostKeyProblem: (key: Buffer) => string | undefined;
}

/** A failure at a jump host, said as one: the engine's own messages would blame the engine. */
function jumpHostError(error: unknown, hop: SshHopConnection['config']): EngineError {
	if (error instanceof EngineError) return error;
	const raw = error as {level?: string; code?: string; message?: string};
	const where = `the jump host ${hop.host}:${hop.port}`;
	if (raw.level === 'client-authentication') return new EngineError('permission', `SSH login to ${where} failed: no key was accepted. Check that \`ssh\` to that host works.`);
	return new EngineError(raw.level === 'client-timeout' ? 'timeout' : 'unreachable', `Cannot reach ${where} (ProxyJump in your SSH config): ${raw.code ?? raw.message ?? String(error)}.`);
}

/** `route` is the jump hosts (ProxyJump), in order, then the engine's host. */
export async function createSshAgent(route: readonly SshHopConnection[]): Promise<Agent> {
	// Loaded only for ssh:// endpoints: ssh2 is large. The bundler turns this
	// import() into a require of ssh2's bundled copy, which runs only now.
	const {Client: SshClient} = (await import('ssh2')).default;
	// Required here too: berth's start-up snapshot cannot hold node:http (scripts/build.mjs).
	const {Agent: HttpAgent} = requireModule('node:http') as typeof Http;
	const pool: PooledConnection[] = [];

	/** One SSH connection to `hop`, over `sock` (a channel through the hop before) or TCP. */
	const connectHop = (hop: SshHopConnection, sock: Duplex | undefined, onClose: () => void): Promise<Client> => new Promise<Client>((resolve, reject) => {
		const client = new SshClient();
		let refusal: string | undefined;
		client.once('ready', () => resolve(client));
		client.on('error', error => {
			onClose();
			reject(refusal ? new EngineError('permission', refusal) : error);
		});
		client.on('close', onClose);
		client.connect({
			...hop.config,
			...(sock ? {sock} : {}),
			hostVerifier: (key: Buffer) => {
				refusal = hop.hostKeyProblem(key);
				return refusal === undefined;
			},
		});
	});

	/** A TCP channel through `client` to the next hop, as `ssh -W` opens one. */
	const forward = (client: Client, to: SshHopConnection['config'], via: SshHopConnection['config']): Promise<Duplex> => new Promise((resolve, reject) => {
		client.forwardOut('127.0.0.1', 0, to.host, to.port, (error, channel) => {
			if (error) reject(new EngineError('unreachable', `The jump host ${via.host} could not reach ${to.host}:${to.port} (${error.message}).`));
			else resolve(channel as unknown as Duplex);
		});
	});

	const connectOne = (): PooledConnection => {
		const entry: PooledConnection = {open: 0, isDead: false, client: Promise.resolve(undefined as unknown as Client)};
		const clients: Client[] = [];
		// Any hop closing ends the route: the engine's connection runs over all of them.
		const onClose = () => {
			entry.isDead = true;
			for (const client of clients) client.end();
		};
		entry.client = (async () => {
			let previous: {client: Client; hop: SshHopConnection} | undefined;
			for (const [index, hop] of route.entries()) {
				const sock = previous ? await forward(previous.client, hop.config, previous.hop.config) : undefined;
				const client = await connectHop(hop, sock, onClose).catch((error: unknown) => {
					throw index < route.length - 1 ? jumpHostError(error, hop.config) : error;
				});
				clients.push(client);
				previous = {client, hop};
			}
			if (!previous) throw new Error('ssh: no host to connect to');
			return previous.client;
		})();
		entry.client.catch(onClose);
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

		// Leaving this engine (a context switch) ends its SSH connections too, not only the HTTP sockets over them.
		override destroy(): void {
			super.destroy();
			for (const entry of pool.splice(0)) {
				entry.isDead = true;
				entry.client.then(client => client.end(), () => undefined);
			}
		}
	}
	// keepAlive off: every request gets its own channel, closed when the response ends.
	return new SshAgent({keepAlive: false});
}

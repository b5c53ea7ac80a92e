// The one part of a BuildKit client session berth holds open: registry
// logins. As `docker buildx` does, berth opens POST /session (upgraded to
// HTTP/2), the engine calls back into it over gRPC, and berth answers
// moby.filesync.v1.Auth/Credentials for the base images' registries and the
// session's health checks; any other call is unimplemented, which BuildKit
// takes as "use Credentials". Plain node:http2 and a few protobuf bytes, not
// a gRPC library: dockerode's own session (grpc-js) is left out of berth's bundle.
import {randomUUID} from 'node:crypto';
import type * as Http2 from 'node:http2';
import type {ServerHttp2Stream} from 'node:http2';
import {createRequire} from 'node:module';
import type {Duplex} from 'node:stream';
import type Docker from 'dockerode';
import {toEngineError} from '../transport/errors.js';
import type {RegistryAuth} from './credentials.js';
import {dockerHubIndex} from './registry-host.js';

const requireModule = createRequire(import.meta.url);
const credentialsMethod = '/moby.filesync.v1.Auth/Credentials';
const healthMethod = '/grpc.health.v1.Health/Check';

export interface BuildkitSession {
	readonly id: string;
	readonly close: () => void;
}

/** Protobuf's varint. */
function varint(value: number): Buffer {
	const bytes: number[] = [];
	let rest = value;
	do {
		bytes.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
		rest >>>= 7;
	} while (rest > 0);
	return Buffer.from(bytes);
}

const stringField = (number: number, text: string) => {
	const bytes = Buffer.from(text, 'utf8');
	return bytes.length === 0 ? Buffer.alloc(0) : Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
};

/** Field 1 of a message whose first field is a string (CredentialsRequest's Host). */
export function firstString(message: Buffer): string {
	if (message[0] !== 0x0a) return '';
	let length = 0;
	let shift = 0;
	let at = 1;
	for (; at < message.length; at++) {
		const byte = message[at] ?? 0;
		length |= (byte & 0x7f) << shift;
		shift += 7;
		if ((byte & 0x80) === 0) break;
	}
	return message.subarray(at + 1, at + 1 + length).toString('utf8');
}

/** gRPC's length-prefixed message frame. */
function grpcFrame(message: Buffer): Buffer {
	const head = Buffer.alloc(5);
	head.writeUInt32BE(message.length, 1);
	return Buffer.concat([head, message]);
}

/** The login for a host BuildKit asks about ("registry-1.docker.io" is Docker Hub). */
export function loginForHost(host: string, auths: Readonly<Record<string, RegistryAuth>>): RegistryAuth | undefined {
	const isHub = /^(registry-1\.|index\.)?docker\.io$/.test(host);
	return auths[isHub ? dockerHubIndex : host];
}

/** CredentialsResponse: Username = 1, Secret = 2; an identity token goes as the secret with no user, as the docker CLI sends it. */
export function credentialsResponse(auth: RegistryAuth | undefined): Buffer {
	if (!auth) return Buffer.alloc(0);
	return auth.identitytoken
		? stringField(2, auth.identitytoken)
		: Buffer.concat([stringField(1, auth.username ?? ''), stringField(2, auth.password ?? '')]);
}

function serve(stream: ServerHttp2Stream, path: string, auths: Readonly<Record<string, RegistryAuth>>): void {
	stream.on('error', () => undefined);
	if (path !== credentialsMethod && path !== healthMethod) {
		// Trailers-only: UNIMPLEMENTED (12).
		stream.respond({':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12', 'grpc-message': 'not offered by berth'}, {endStream: true});
		stream.resume();
		return;
	}
	const chunks: Buffer[] = [];
	stream.on('data', (chunk: Buffer) => chunks.push(chunk));
	stream.on('end', () => {
		if (stream.destroyed) return;
		const request = Buffer.concat(chunks).subarray(5);
		// HealthCheckResponse{status: SERVING}.
		const reply = path === healthMethod ? Buffer.from([0x08, 0x01]) : credentialsResponse(loginForHost(firstString(request), auths));
		stream.respond({':status': 200, 'content-type': 'application/grpc'}, {waitForTrailers: true});
		stream.on('wantTrailers', () => stream.sendTrailers({'grpc-status': '0'}));
		stream.end(grpcFrame(reply));
	});
}

/** Opens a session that hands BuildKit these logins (keyed as the docker CLI keys them); close it when the build ends. */
export async function openBuildkitSession(docker: Docker, auths: Readonly<Record<string, RegistryAuth>>): Promise<BuildkitSession> {
	const id = randomUUID();
	let socket: Duplex;
	try {
		socket = await new Promise<Duplex>((resolve, reject) => {
			docker.modem.dial({
				method: 'POST', path: '/session', hijack: true,
				headers: {
					Upgrade: 'h2c',
					'X-Docker-Expose-Session-Uuid': id,
					'X-Docker-Expose-Session-Name': 'berth',
					'X-Docker-Expose-Session-Sharedkey': '',
					'X-Docker-Expose-Session-Grpc-Method': [credentialsMethod, healthMethod],
				},
				statusCodes: {101: true, 200: true, 400: 'bad parameter', 500: 'server error'},
			} as unknown as Parameters<Docker['modem']['dial']>[0], (error: unknown, stream: unknown) => (error ? reject(error) : resolve(stream as Duplex)));
		});
	} catch (error) {
		throw toEngineError(error);
	}
	// Loaded on first use, as ssh-transport loads node:http: node:http2 cannot be part of the start-up
	// snapshot, and an import() of a built-in has no loader in the snapshot's script.
	const {createServer} = requireModule('node:http2') as typeof Http2;
	const server = createServer();
	server.on('stream', (stream, headers) => serve(stream, String(headers[':path'] ?? ''), auths));
	server.on('sessionError', () => undefined);
	server.emit('connection', socket);
	return {
		id,
		close() {
			server.close();
			socket.destroy();
		},
	};
}

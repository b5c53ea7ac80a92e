// ssh:// checks the engine host's key against known_hosts, as `ssh` (and so the
// docker CLI) does: without it, anyone on the path could pose as the host and
// be handed the Docker socket, which is root on that machine. berth cannot ask
// "are you sure?" before its screen starts, so an unknown host is refused with
// the ssh command that checks and records the key.
import {createHmac, randomBytes} from 'node:crypto';
import {appendFileSync, mkdirSync} from 'node:fs';
import {dirname} from 'node:path';
import type {ServerHostKeyAlgorithm} from 'ssh2';
import {readIfThere} from './read-if-there.js';
import type {StrictHostKeyChecking} from './ssh-config.js';
import {wildcardMatches} from '../resources/wildcard.js';

export interface KnownHostKeys {
	/** Keys known_hosts accepts for the host (the wire-format blobs ssh2 hands the verifier). */
	readonly keys: readonly Buffer[];
	/** Key types of those entries, to offer them first: ssh picks those it can check. */
	readonly types: readonly string[];
	readonly revoked: readonly Buffer[];
}

/** The name known_hosts records a host under: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
	return port === 22 ? host : `[${host}]:${port}`;
}

/** A host name as HashKnownHosts records it: HMAC-SHA1 of the name, keyed by the entry's salt, in base64. */
function hashedName(salt: Buffer, name: string): string {
	return createHmac('sha1', salt).update(name).digest('base64');
}

function hashedMatches(entry: string, name: string): boolean {
	const [, kind, salt, hash] = entry.split('|');
	if (kind !== '1' || !salt || !hash) return false;
	return hashedName(Buffer.from(salt, 'base64'), name) === hash;
}

/** OpenSSH's rules for the host field: hashed entries, comma lists, * and ?, and !negations that win. */
export function hostFieldMatches(field: string, name: string): boolean {
	if (field.startsWith('|')) return hashedMatches(field, name);
	let matched = false;
	for (const pattern of field.split(',')) {
		if (pattern.startsWith('!')) {
			if (wildcardMatches(pattern.slice(1), name, true)) return false;
		} else if (wildcardMatches(pattern, name, true)) matched = true;
	}
	return matched;
}

/** The entries of known_hosts text (one or more files) for `name` (see knownHostsName). */
export function knownHostKeys(text: string, name: string): KnownHostKeys {
	const keys: Buffer[] = [];
	const types: string[] = [];
	const revoked: Buffer[] = [];
	for (const rawLine of text.split('\n')) {
		const line = rawLine.trim();
		if (!line || line.startsWith('#')) continue;
		const fields = line.split(/\s+/);
		const marker = fields[0]?.startsWith('@') ? fields.shift() : undefined;
		const [hosts, type, blob] = fields;
		if (!hosts || !type || !blob || !hostFieldMatches(hosts, name)) continue;
		const key = Buffer.from(blob, 'base64');
		if (marker === '@revoked') revoked.push(key);
		// A CA's key signs host certificates, which berth does not check: not a host key.
		else if (marker === undefined) {
			keys.push(key);
			if (!types.includes(type)) types.push(type);
		}
	}
	return {keys, types, revoked};
}

/** The entries for `name` in these known_hosts files; a missing file has none. */
export function knownHostKeysIn(files: readonly string[], name: string): KnownHostKeys {
	return knownHostKeys(files.map(readIfThere).join('\n'), name);
}

/** ssh2's names for the host key algorithms that can prove a key of these types, in ssh2's order of preference. */
export function hostKeyAlgorithms(types: readonly string[]): ServerHostKeyAlgorithm[] {
	const order: ServerHostKeyAlgorithm[] = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-dss'];
	const wanted = new Set(types.flatMap(type => (type === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [type])));
	return order.filter(algorithm => wanted.has(algorithm));
}

/**
 * What is wrong with the key a host presented, in words for the person; undefined
 * when known_hosts vouches for it. `login` is how they would reach it with ssh;
 * `strict` is StrictHostKeyChecking from their SSH config.
 */
export function hostKeyProblem(known: KnownHostKeys, presented: Buffer, name: string, login: string, strict?: StrictHostKeyChecking): string | undefined {
	// The person's own SSH config turned checking off for this host, as ssh would honour it.
	if (strict === 'no') return undefined;
	if (known.revoked.some(key => key.equals(presented))) {
		return `The SSH host key of ${name} is marked @revoked in known_hosts; berth will not connect to it.`;
	}
	if (known.keys.some(key => key.equals(presented))) return undefined;
	if (known.keys.length > 0) {
		return `The SSH host key of ${name} does not match the one in known_hosts: someone may be intercepting the connection, or the host was reinstalled. berth will not connect. If the change is expected, remove the old key with \`ssh-keygen -R '${name}'\` and check the new one with \`${login}\`.`;
	}
	// accept-new: a host never seen is trusted (and recorded: recordHostKey).
	if (strict === 'accept-new') return undefined;
	return `The SSH host ${name} is not in known_hosts, so berth cannot tell it is the right host. Check and record its key the way ssh does: run \`${login}\` once and accept it, then start berth again.`;
}

/** The key type named inside an SSH wire-format key blob (its first string). */
function keyType(blob: Buffer): string | undefined {
	if (blob.length < 4) return undefined;
	const length = blob.readUInt32BE(0);
	return length > 0 && length < 64 && blob.length >= 4 + length ? blob.toString('latin1', 4, 4 + length) : undefined;
}

/**
 * Adds a host's key to `file` (the user's known_hosts), as ssh does for a new
 * host under StrictHostKeyChecking accept-new or no: hashed when HashKnownHosts
 * says so (Debian's default). A file that cannot be written is left alone; the
 * next start then trusts the host the same way again.
 */
export function recordHostKey(file: string, name: string, key: Buffer, hashed: boolean): void {
	const type = keyType(key);
	if (!type) return;
	let field = name;
	if (hashed) {
		const salt = randomBytes(20);
		field = `|1|${salt.toString('base64')}|${hashedName(salt, name)}`;
	}
	try {
		mkdirSync(dirname(file), {recursive: true, mode: 0o700});
		appendFileSync(file, `${field} ${type} ${key.toString('base64')}\n`, {mode: 0o600});
	} catch {
		// Read-only home: ssh itself only warns here.
	}
}

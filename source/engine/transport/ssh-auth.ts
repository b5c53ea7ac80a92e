// What the docker CLI gets from `ssh` for free, ssh2 needs spelled out: the
// agent, and otherwise the default identity files. Encrypted keys are left to
// the agent, since berth cannot prompt for a passphrase before the UI starts.
import {readFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {join} from 'node:path';

export interface SshAuth {
	readonly username: string;
	readonly agent?: string;
	readonly privateKey?: Buffer;
	/** For ~/.ssh/config (ssh-config.ts) and known_hosts, read once the host is known. */
	readonly homeDir: string;
}

/** The key in a file, if there is one that needs no passphrase. */
export function usableKey(path: string): Buffer | undefined {
	try {
		const key = readFileSync(path);
		return isEncryptedKey(key.toString('latin1')) ? undefined : key;
	} catch {
		return undefined;
	}
}

/**
 * The known_hosts files ssh reads: the user's (UserKnownHostsFile, by default
 * ~/.ssh/known_hosts and known_hosts2), then the system's.
 */
export function knownHostsFiles(homeDir: string, userFiles: readonly string[] = [join(homeDir, '.ssh', 'known_hosts'), join(homeDir, '.ssh', 'known_hosts2')]): string[] {
	return [...userFiles, '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
}

const identityFiles = ['id_ed25519', 'id_ecdsa', 'id_rsa'] as const;

/** True for a key file that needs a passphrase (old PEM headers or the OpenSSH format's cipher name). */
export function isEncryptedKey(text: string): boolean {
	if (/Proc-Type: 4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/.test(text)) return true;
	const body = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text)?.[1];
	if (!body) return false;
	const bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
	const magic = 'openssh-key-v1\0';
	if (bytes.toString('latin1', 0, magic.length) !== magic) return false;
	const length = bytes.readUInt32BE(magic.length);
	return bytes.toString('latin1', magic.length + 4, magic.length + 4 + length) !== 'none';
}

export function sshAuth(env: NodeJS.ProcessEnv, homeDir: string): SshAuth {
	let username = env['USER'] || env['LOGNAME'] || '';
	if (!username) {
		try {
			username = userInfo().username;
		} catch {
			username = 'root';
		}
	}
	const agent = env['SSH_AUTH_SOCK'] || undefined;
	for (const name of identityFiles) {
		const key = usableKey(join(homeDir, '.ssh', name));
		if (key) return {username, ...(agent ? {agent} : {}), privateKey: key, homeDir};
	}
	return {username, ...(agent ? {agent} : {}), homeDir};
}

// The SSH hosts berth passes through to reach an ssh:// engine: the jump hosts
// that ProxyJump names in ~/.ssh/config (each one read from the config in turn,
// with its own ProxyJump, as ssh does), then the engine's host itself.
import type {ConnectConfig} from 'ssh2';
import {EngineError} from './errors.js';
import {hostKeyAlgorithms, hostKeyProblem, knownHostKeysIn, knownHostsName, recordHostKey} from './known-hosts.js';
import {knownHostsFiles, usableKey, type SshAuth} from './ssh-auth.js';
import {sshHostConfig, type StrictHostKeyChecking} from './ssh-config.js';
import type {SshHopConnection} from './ssh-transport.js';

export interface SshHop {
	/** As the address or ProxyJump named it: for messages. */
	readonly name: string;
	readonly host: string;
	readonly port: number;
	readonly username: string;
	readonly privateKey?: Buffer;
	readonly knownHostsFiles: readonly string[];
	readonly strictHostKeyChecking?: StrictHostKeyChecking;
	readonly hashKnownHosts?: boolean;
}

// ssh gives up on a chain of jumps this long; a jump host that names itself ends here too.
const maxHops = 8;

/**
 * The hops to `address` (`[user@]host[:port]`, optionally written ssh://…), the
 * last being `address` itself. What the address says wins over the config, as
 * on ssh's command line. `describe` names the address in messages.
 */
export function sshRoute(address: string, ssh: SshAuth, describe: string, depth = 0, followsOwnJumps = true): SshHop[] {
	if (depth >= maxHops) throw new EngineError('bad-config', `${describe} goes through more than ${maxHops} ProxyJump hosts in your SSH config (or a jump host that reaches itself).`);
	let parsed: URL;
	try {
		parsed = new URL(`ssh://${address.replace(/^ssh:\/\//, '')}`);
	} catch {
		throw new EngineError('bad-config', `${describe} names the SSH host "${address}", which is not [user@]host[:port].`);
	}
	if (!parsed.hostname) throw new EngineError('bad-config', `${describe} names the SSH host "${address}", which is not [user@]host[:port].`);
	const alias = parsed.hostname;
	const config = sshHostConfig(alias, ssh.homeDir);
	if (config.proxyCommand) {
		throw new EngineError('bad-config', `${describe} goes through \`ProxyCommand ${config.proxyCommand}\` in your SSH config, which berth cannot run. Use ProxyJump for jump hosts, or forward the engine's socket with \`ssh -L\` and use --host unix://… or tcp://….`);
	}
	// ssh reaches the first jump host by its own config, ProxyJump included; the
	// others of a list it reaches through the one before.
	const jumps = (followsOwnJumps ? config.proxyJump ?? [] : []).flatMap((jump, index) => sshRoute(jump, ssh, `The jump host ${jump} (ProxyJump for ${alias})`, depth + 1, index === 0));
	const privateKey = config.identityFiles.map(usableKey).find(Boolean) ?? ssh.privateKey;
	const strict = config.strictHostKeyChecking;
	return [...jumps, {
		name: alias,
		host: config.hostName ?? alias,
		port: Number(parsed.port || config.port || 22),
		username: parsed.username ? decodeURIComponent(parsed.username) : config.user ?? ssh.username,
		...(privateKey ? {privateKey} : {}),
		knownHostsFiles: knownHostsFiles(ssh.homeDir, config.knownHostsFiles),
		...(strict ? {strictHostKeyChecking: strict} : {}),
		...(config.hashKnownHosts ? {hashKnownHosts: true} : {}),
	}];
}

/** How the transport connects to `hop` and checks its key; `connect` is the rest of ssh2's options (agent, key, timeout). */
export function hopConnection(hop: SshHop, connect: ConnectConfig): SshHopConnection {
	const name = knownHostsName(hop.host, hop.port);
	let known = knownHostKeysIn(hop.knownHostsFiles, name);
	// By the name the config knows it by, so that ssh goes the same way (HostName, ProxyJump).
	const login = `ssh ${hop.port === 22 ? '' : `-p ${hop.port} `}${hop.username ? `${hop.username}@` : ''}${hop.name}`;
	const algorithms = hostKeyAlgorithms(known.types);
	const userFile = hop.knownHostsFiles[0];
	return {
		config: {...connect, host: hop.host, port: hop.port, ...(hop.username ? {username: hop.username} : {}), ...(algorithms.length > 0 ? {algorithms: {serverHostKey: algorithms}} : {})},
		hostKeyProblem: key => {
			const problem = hostKeyProblem(known, key, name, login, hop.strictHostKeyChecking);
			if (problem || known.keys.length > 0 || hop.strictHostKeyChecking === undefined || hop.strictHostKeyChecking === 'yes') return problem;
			// A host never seen, let in by the person's accept-new or no: recorded, as
			// ssh does, and from now on the key every pooled connection must present.
			if (userFile) recordHostKey(userFile, name, key, hop.hashKnownHosts ?? false);
			known = {...known, keys: [key]};
			return undefined;
		},
	};
}

// The SSH hosts berth passes through to reach an ssh:// engine: the jump hosts
// that ProxyJump names in ~/.ssh/config (each one read from the config in turn,
// with its own ProxyJump, as ssh does), then the engine's host itself.
import {EngineError} from './errors.js';
import {knownHostsFiles, usableKey, type SshAuth} from './ssh-auth.js';
import {sshHostConfig, type StrictHostKeyChecking} from './ssh-config.js';

export interface SshHop {
	/** As the address or ProxyJump named it: for messages. */
	readonly name: string;
	readonly host: string;
	readonly port: number;
	readonly username: string;
	readonly privateKey?: Buffer;
	readonly knownHostsFiles: readonly string[];
	readonly strictHostKeyChecking?: StrictHostKeyChecking;
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
	}];
}

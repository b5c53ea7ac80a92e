// ssh:// addresses name hosts the way `ssh` does, through ~/.ssh/config: a docker
// context made with `docker context create --docker host=ssh://prod` works
// because the docker CLI runs the system ssh, which reads it. berth talks SSH
// itself (ssh2), so it reads the settings that decide where and as whom it
// connects and how the host is checked. Parsing and Host/Match rules are the
// ssh-config package's; Include is followed here.
import {readdirSync} from 'node:fs';
import {basename, dirname, isAbsolute, join} from 'node:path';
import SSHConfig from 'ssh-config';
import {readIfThere} from './read-if-there.js';
import {wildcardMatches} from '../resources/wildcard.js';

export type StrictHostKeyChecking = 'yes' | 'no' | 'accept-new' | 'ask';

export interface SshHostConfig {
	readonly hostName?: string;
	readonly port?: number;
	readonly user?: string;
	/** IdentityFile entries, ~ expanded, in the order ssh tries them. */
	readonly identityFiles: readonly string[];
	readonly knownHostsFiles?: readonly string[];
	readonly strictHostKeyChecking?: StrictHostKeyChecking;
	/** HashKnownHosts: keys berth records in known_hosts are hashed. */
	readonly hashKnownHosts?: boolean;
	/** ProxyJump's hosts, in the order they are passed through: `[user@]host[:port]` or ssh://…, each itself a possible alias. */
	readonly proxyJump?: readonly string[];
	/** ProxyCommand, which berth cannot run (it would need the system ssh). */
	readonly proxyCommand?: string;
}

/** The files an Include pattern names: ~ expanded, relative to `baseDir`, a wildcard in the file name, sorted as ssh sorts them. */
function includedFiles(pattern: string, baseDir: string, homeDir: string): string[] {
	const expanded = expandHome(pattern, homeDir);
	const path = isAbsolute(expanded) ? expanded : join(baseDir, expanded);
	const name = basename(path);
	if (!/[*?]/.test(name)) return [path];
	try {
		return readdirSync(dirname(path)).filter(entry => wildcardMatches(name, entry)).sort().map(entry => join(dirname(path), entry));
	} catch {
		return [];
	}
}

/**
 * The config text with each Include replaced by the files it names (the
 * ssh-config package leaves Include alone). Inlined in place, which matches ssh
 * for an Include at the top level or at the end of a Host block, where
 * dotfiles and Debian's /etc/ssh/ssh_config put it.
 */
export function withIncludes(text: string, baseDir: string, homeDir: string, depth = 0): string {
	// ssh gives up on includes nested this deep; a file that includes itself ends here too.
	if (depth > 16) return '';
	return text.split('\n').map(line => {
		const include = /^\s*include\s+(.+)$/i.exec(line);
		if (!include?.[1]) return line;
		const patterns = include[1].match(/"[^"]*"|\S+/g) ?? [];
		return patterns
			.flatMap(pattern => includedFiles(pattern.replace(/^"|"$/g, ''), baseDir, homeDir))
			.map(file => withIncludes(readIfThere(file), baseDir, homeDir, depth + 1))
			.join('\n');
	}).join('\n');
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const all = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A leading `~` as the home folder. */
function expandHome(path: string, homeDir: string): string {
	return path === '~' ? homeDir : path.startsWith('~/') ? join(homeDir, path.slice(2)) : path;
}

/** `~` and the tokens berth knows (%d home, %h host, %r user, %%) in a path, as ssh expands them. */
function expandPath(path: string, homeDir: string, host: string, user: string): string {
	return expandHome(path.replace(/%([dhr%])/g, (_, token: string) => ({d: homeDir, h: host, r: user, '%': '%'})[token] ?? ''), homeDir);
}

/**
 * What ~/.ssh/config, then /etc/ssh/ssh_config, say for `alias`: for each setting
 * the first value found wins, as in ssh. `configFiles` is for tests.
 */
export function sshHostConfig(alias: string, homeDir: string, configFiles = [join(homeDir, '.ssh', 'config'), '/etc/ssh/ssh_config']): SshHostConfig {
	const merged: Record<string, string | string[]> = {};
	for (const file of configFiles) {
		// Relative Includes are under ~/.ssh for the user's file and /etc/ssh for the system's: each file's folder.
		const text = withIncludes(readIfThere(file), dirname(file), homeDir);
		if (!text) continue;
		let computed: Record<string, string | string[]>;
		try {
			computed = SSHConfig.parse(text).compute(alias, {ignoreCase: true});
		} catch {
			continue;
		}
		for (const [key, value] of Object.entries(computed)) {
			// IdentityFile adds up across files; everything else keeps its first value.
			if (key === 'identityfile') merged[key] = [...all(merged[key]), ...all(value)];
			else merged[key] ??= value;
		}
	}
	const hostName = first(merged['hostname'])?.replace(/%h/g, alias);
	const port = Number(first(merged['port']));
	const user = first(merged['user']);
	const host = hostName ?? alias;
	const expand = (path: string) => expandPath(path, homeDir, host, user ?? '');
	const knownHosts = all(merged['userknownhostsfile']).flatMap(entry => entry.split(/\s+/)).filter(Boolean);
	const strict = first(merged['stricthostkeychecking'])?.toLowerCase();
	const hashKnownHosts = first(merged['hashknownhosts'])?.toLowerCase() === 'yes';
	const proxyJump = first(merged['proxyjump']);
	const proxyCommand = first(merged['proxycommand']);
	const jumps = proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump.split(',').map(jump => jump.trim()).filter(Boolean) : [];
	const hasCommand = proxyCommand !== undefined && proxyCommand.toLowerCase() !== 'none';
	// When both are set, the one that came first wins, as in ssh.
	const keys = Object.keys(merged);
	const proxy = jumps.length > 0 && !(hasCommand && keys.indexOf('proxycommand') < keys.indexOf('proxyjump')) ? 'jump' : hasCommand ? 'command' : undefined;
	return {
		...(hostName ? {hostName} : {}),
		...(Number.isInteger(port) && port > 0 ? {port} : {}),
		...(user ? {user} : {}),
		identityFiles: all(merged['identityfile']).map(expand),
		...(knownHosts.length > 0 ? {knownHostsFiles: knownHosts.map(expand)} : {}),
		...(strict === 'no' || strict === 'off' ? {strictHostKeyChecking: 'no' as const} : strict === 'accept-new' ? {strictHostKeyChecking: 'accept-new' as const} : strict === 'yes' ? {strictHostKeyChecking: 'yes' as const} : {}),
		...(hashKnownHosts ? {hashKnownHosts} : {}),
		...(proxy === 'jump' ? {proxyJump: jumps} : proxy === 'command' ? {proxyCommand} : {}),
	};
}

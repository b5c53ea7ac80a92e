// A private sshd on loopback for testing the ssh:// transport for real: its
// own host key, config and authorized_keys, and a client key in a throwaway
// HOME. The key's `environment=` option points the remote docker CLI (which
// `docker system dial-stdio` runs) at the test engine, as a remote's own
// DOCKER_HOST would.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface Sshd {
	readonly port: number;
	/** A HOME whose ~/.ssh/id_ed25519 the server accepts and whose ~/.ssh/known_hosts knows the server. */
	readonly home: string;
	/** What sshd has logged so far (at `logLevel`, INFO by default). */
	readonly log: () => string;
	readonly stop: () => void;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
		});
	});
}

export async function startSshd(dockerHost: string, logLevel = 'INFO'): Promise<Sshd> {
	const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'));
	const home = join(dir, 'home');
	mkdirSync(join(home, '.ssh'), {recursive: true, mode: 0o700});
	mkdirSync('/run/sshd', {recursive: true});
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')]);
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(home, '.ssh', 'id_ed25519')]);
	const publicKey = readFileSync(join(home, '.ssh', 'id_ed25519.pub'), 'utf8').trim();
	writeFileSync(join(dir, 'authorized_keys'), `environment="DOCKER_HOST=${dockerHost}" ${publicKey}\n`, {mode: 0o600});
	const port = await freePort();
	const hostKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
	writeFileSync(join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`, {mode: 0o600});
	writeFileSync(join(dir, 'sshd_config'), [
		`Port ${port}`,
		'ListenAddress 127.0.0.1',
		`HostKey ${join(dir, 'host_key')}`,
		`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
		`PidFile ${join(dir, 'sshd.pid')}`,
		'PermitRootLogin prohibit-password',
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		'PermitUserEnvironment DOCKER_HOST',
		'StrictModes no',
		'UsePAM no',
		`LogLevel ${logLevel}`,
	].join('\n'));
	const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], {stdio: ['ignore', 'ignore', 'pipe']});
	let log = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		log += chunk.toString();
	});
	const deadline = Date.now() + 10_000;
	while (!log.includes('Server listening')) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start:\n${log}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
	return {
		port,
		home,
		log: () => log,
		stop() {
			child.kill();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

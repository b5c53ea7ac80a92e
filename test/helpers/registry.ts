// A throwaway local registry (Debian's docker-registry) for pull/push tests,
// optionally behind htpasswd (bcrypt) logins as people run private registries.
// The daemon allows plain HTTP to 127.0.0.0/8 registries without configuration.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface Registry {
	/** "127.0.0.1:PORT" */
	readonly address: string;
	readonly stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export interface RegistryUser {
	readonly user: string;
	readonly password: string;
}

export async function startRegistry(options: {readonly users?: readonly RegistryUser[]} = {}): Promise<Registry> {
	const directory = await mkdtemp(join(tmpdir(), 'berth-registry-'));
	const port = await freePort();
	const config = join(directory, 'config.yml');
	const users = options.users ?? [];
	if (users.length > 0) {
		// -B: bcrypt, the only hash the registry's htpasswd reader accepts.
		const lines = users.map(({user, password}) => execFileSync('htpasswd', ['-Bbn', user, password], {encoding: 'utf8'}).trim());
		await writeFile(join(directory, 'htpasswd'), `${lines.join('\n')}\n`);
	}
	await writeFile(config, [
		'version: 0.1',
		'log:',
		'  level: error',
		'storage:',
		'  filesystem:',
		`    rootdirectory: ${join(directory, 'data')}`,
		'  delete:',
		'    enabled: true',
		'http:',
		`  addr: 127.0.0.1:${port}`,
		...(users.length > 0 ? ['auth:', '  htpasswd:', '    realm: berth-test', `    path: ${join(directory, 'htpasswd')}`] : []),
		'',
	].join('\n'));
	const child: ChildProcess = spawn('/usr/bin/docker-registry', ['serve', config], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const address = `127.0.0.1:${port}`;
	const deadline = Date.now() + 10_000;
	for (;;) {
		try {
			const response = await fetch(`http://${address}/v2/`);
			// 401: up, and asking for a login.
			if (response.ok || response.status === 401) break;
		} catch {
			// Not listening yet.
		}
		if (child.exitCode !== null || Date.now() > deadline) {
			child.kill();
			throw new Error(`docker-registry did not start: ${stderr}`);
		}
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	return {
		address,
		stop: async () => {
			if (child.exitCode === null) {
				const exited = new Promise(resolve => child.once('exit', resolve));
				child.kill();
				await exited;
			}
			await rm(directory, {recursive: true, force: true});
		},
	};
}

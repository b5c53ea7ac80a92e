// A throwaway local registry (Debian's docker-registry) for pull/push tests.
// The daemon allows plain HTTP to 127.0.0.0/8 registries without configuration.
import {spawn, type ChildProcess} from 'node:child_process';
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

export async function startRegistry(): Promise<Registry> {
	const directory = await mkdtemp(join(tmpdir(), 'berth-registry-'));
	const port = await freePort();
	const config = join(directory, 'config.yml');
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
			if (response.ok) break;
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

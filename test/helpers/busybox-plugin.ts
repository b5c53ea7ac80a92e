// A real managed plugin for the engine tests, made with `docker plugin create`
// from a busybox root filesystem and a config.json (as engine-up.sh imports
// busybox: no registry needed). A plugin is enabled only once something
// answers on its socket, and busybox has nothing that listens on a unix
// socket; the plugin's socket is a symlink to the engine's own socket instead,
// which the engine (dialling from outside the plugin) finds listening. A
// volume driver is not asked anything until a volume uses it.
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm, symlink, copyFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';

const run = promisify(execFile);

/** The docker CLI against the test engine (its own environment otherwise left out). */
export async function dockerCli(host: string, args: readonly string[]): Promise<string> {
	const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOCKER_')));
	return (await run('docker', [...args], {env: {...env, DOCKER_HOST: host}})).stdout;
}

export async function createBusyboxPlugin(host: string, name: string): Promise<void> {
	const socket = host.replace(/^unix:\/\//, '');
	const dir = await mkdtemp(join(tmpdir(), 'berth-plugin-'));
	try {
		const bin = join(dir, 'rootfs', 'bin');
		await mkdir(bin, {recursive: true});
		await mkdir(join(dir, 'rootfs', 'run', 'docker', 'plugins'), {recursive: true});
		await copyFile((await run('sh', ['-c', 'command -v busybox'])).stdout.trim(), join(bin, 'busybox'));
		for (const applet of ['sh', 'ln', 'sleep']) await symlink('busybox', join(bin, applet));
		await writeFile(join(dir, 'config.json'), JSON.stringify({
			description: 'berth test plugin',
			documentation: 'https://example.invalid/berth',
			entrypoint: ['/bin/sh', '-c', `ln -sf ${socket} /run/docker/plugins/berth.sock; trap 'exit 0' TERM; while :; do sleep 1; done`],
			interface: {types: ['docker.volumedriver/1.0'], socket: 'berth.sock'},
			network: {type: 'host'},
			env: [{name: 'DEBUG', description: 'debug level', settable: ['value'], value: '0'}, {name: 'FIXED', description: 'not settable', value: '1'}],
			linux: {capabilities: ['CAP_SYS_ADMIN']},
		}));
		await dockerCli(host, ['plugin', 'create', name, dir]);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

/** Removes every plugin whose name starts with one of the prefixes, enabled or not. */
export async function removePlugins(host: string, prefixes: readonly string[]): Promise<void> {
	const names = (await dockerCli(host, ['plugin', 'ls', '--format', '{{.Name}}'])).split('\n').filter(name => prefixes.some(prefix => name.startsWith(prefix)));
	for (const name of names) await dockerCli(host, ['plugin', 'rm', '--force', name]);
}

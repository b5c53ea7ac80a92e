// The one fixture every engine test file shares: the private test engine (or a
// further one a file starts and stops itself), containers run on it under the
// file's own labels, cleanup of everything so labelled, and waiting for a condition.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFile} from 'node:fs/promises';
import {promisify} from 'node:util';
import Docker from 'dockerode';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';

export const testLabel = 'berth.test';
export const testImage = 'berth-test/busybox:latest';
type Labels = Readonly<Record<string, string>>;
type ContainerOptions = Partial<Docker.ContainerCreateOptions>;
/** A shell script (run with sh -c) or a command and its arguments. */
type Command = string | readonly string[];

/** A client for the test engine made the way berth makes its own, for code under test that takes one. */
export async function testDocker(): Promise<Docker> {
	const host = process.env['BERTH_TEST_DOCKER_HOST'];
	assert.ok(host, 'BERTH_TEST_DOCKER_HOST must be set: run the engine tests with npm run test:engine');
	return (await connect(resolveEndpoint({host, env: {}, homeDir: '/nonexistent'}))).docker;
}

/** Removes containers with all these labels ("key" or "key=value"), then networks (forcing stale endpoints off), volumes and images. */
export async function cleanupLabelled(docker: Docker, labels: readonly string[] = [testLabel]): Promise<void> {
	const filters = {label: [...labels]};
	for (const info of await docker.listContainers({all: true, filters})) await docker.getContainer(info.Id).remove({force: true, v: true});
	for (const network of await docker.listNetworks({filters})) {
		const inspected = await docker.getNetwork(network.Id).inspect() as Docker.NetworkInspectInfo;
		for (const id of Object.keys(inspected.Containers ?? {})) await docker.getNetwork(network.Id).disconnect({Container: id, Force: true}).catch(() => undefined);
		await docker.getNetwork(network.Id).remove();
	}
	for (const volume of (await docker.listVolumes({filters})).Volumes ?? []) await docker.getVolume(volume.Name).remove({force: true});
	for (const image of await docker.listImages({filters})) await docker.getImage(image.Id).remove({force: true}).catch(() => undefined);
}

/** Creates and starts a busybox container with these labels (and any the options add). */
export async function runLabelled(docker: Docker, options: ContainerOptions, labels: Labels = {[testLabel]: '1'}): Promise<Docker.Container> {
	const container = await docker.createContainer({Image: testImage, ...options, Labels: {...labels, ...options.Labels}});
	await container.start();
	return container;
}

function createOptions(command: Command | ContainerOptions): ContainerOptions {
	if (typeof command === 'string') return {Cmd: ['sh', '-c', command]};
	return isCommand(command) ? {Cmd: [...command]} : command;
}
const isCommand = (value: Command | ContainerOptions): value is readonly string[] => Array.isArray(value);

export interface EngineFixture {
	/** unix://… of the engine */
	readonly host: string;
	readonly docker: Docker;
	/** Runs a container named `name`: `command` is a script for sh -c or an argv, or the create options themselves. */
	readonly run: (name: string, command?: Command | ContainerOptions, options?: ContainerOptions) => Promise<Docker.Container>;
	/** Removes everything the file made under its labels. */
	readonly cleanup: () => Promise<void>;
}

/**
 * The test engine as one file uses it. `labels` mark what the file makes (and
 * what its cleanup removes); `defaults` are create options for every run().
 */
export function engineFixture(options: {readonly host?: string; readonly labels?: Labels; readonly defaults?: ContainerOptions} = {}): EngineFixture {
	const host = options.host ?? process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
	const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
	const labels = options.labels ?? {[testLabel]: '1'};
	return {
		host,
		docker,
		run: (name, command = {}, more = {}) => runLabelled(docker, {name, ...options.defaults, ...createOptions(command), ...more}, labels),
		cleanup: () => cleanupLabelled(docker, Object.entries(labels).map(([key, value]) => `${key}=${value}`)),
	};
}

/**
 * Polls `check` until it gives something other than undefined or false, and
 * returns that. `what` names the condition in the error (a function is asked at
 * the deadline, to say what was there instead).
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, options: {readonly timeoutMs?: number; readonly what: string | (() => string | Promise<string>); readonly intervalMs?: number}): Promise<T> {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof options.what === 'string' ? options.what : await options.what()}`);
		await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 100));
	}
}

/** Waits until a stopped daemon has exited: engine-up reuses one still shutting down, which then goes away. */
export async function waitForExit(pid: number): Promise<void> {
	await waitFor(() => {
		try {
			process.kill(pid, 0);
			return false;
		} catch {
			return true;
		}
	}, {timeoutMs: 30_000, what: `engine ${pid} to exit`});
}

export interface PrivateEngine extends EngineFixture {
	readonly dir: string;
	/** The daemon's process id, from its pidfile. */
	readonly pid: () => Promise<number>;
	/** Starts the daemon again (scripts/engine-up.sh reuses one still running). */
	readonly up: () => Promise<void>;
	/** Stops the daemon and removes its directory. */
	readonly down: () => Promise<void>;
}

/**
 * Starts a further private engine in `dir`, in the test engine's network
 * namespace, for a file that stops it or needs a TLS listener (`tlsPort`).
 */
export async function startEngine(dir: string, options: {readonly tlsPort?: number; readonly labels?: Labels; readonly defaults?: ContainerOptions} = {}): Promise<PrivateEngine> {
	const env = {...process.env, ...(options.tlsPort === undefined ? {} : {BERTH_ENGINE_TLS_PORT: String(options.tlsPort)})};
	const up = async () => (await promisify(execFile)('bash', ['scripts/engine-up.sh', dir], {env, encoding: 'utf8'})).stdout.trim();
	const down = async () => void await promisify(execFile)('bash', ['scripts/engine-down.sh', dir]);
	// A daemon that started but never answered is taken down here: no caller holds it yet.
	const host = await up().catch(async (error: unknown) => {
		await down();
		throw error;
	});
	return {
		...engineFixture({...options, host}),
		dir,
		pid: async () => Number(await readFile(`${dir}/dockerd.pid`, 'utf8')),
		up: async () => void await up(),
		down,
	};
}

// The in-memory engine (test/support) against the real test engine: the same
// scene built on both, the same requests sent to both, and the answers
// compared. Every field berth reads must be in both with the same JSON type,
// and every field both have must agree in type, so the view tests cannot pass
// on shapes a real engine never sends.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {getJson, kindOf, pathsOf, valuesAt} from '../helpers/json-answers.js';
import type Docker from 'dockerode';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {cleanupLabelled, testDocker, testLabel} from '../helpers/test-engine.js';
import {createBusyboxPlugin, removePlugins} from '../helpers/busybox-plugin.js';
import {startInMemoryEngine, type InMemoryEngine} from '../support/in-memory-engine.js';

interface Scene {
	readonly socketPath: string;
	readonly ids: Readonly<Record<'web' | 'done' | 'network', string>>;
	readonly since: number;
}

const image = 'berth-test/busybox:latest';
const names = {web: 'berth-shape-web', done: 'berth-shape-done', gone: 'berth-shape-gone', volume: 'berth-shape-data', network: 'berth-shape-net', plugin: 'berth-shape/plugin'};
let docker: Docker;
let real: Scene;
let memory: Scene;
let engine: InMemoryEngine;

async function realScene(): Promise<Scene> {
	const since = Math.floor(Date.now() / 1000);
	const labels = {[testLabel]: '1', 'com.docker.compose.project': 'shop'};
	await docker.createVolume({Name: names.volume, Labels: labels});
	const network = await docker.createNetwork({Name: names.network, Labels: labels});
	const run = async (name: string, cmd: string[], extra: Partial<Docker.ContainerCreateOptions> = {}) => {
		const container = await docker.createContainer({name, Image: image, Cmd: cmd, Labels: labels, HostConfig: {NetworkMode: names.network, Binds: [`${names.volume}:/data`]}, ...extra});
		await container.start();
		return container;
	};
	const web = await run(names.web, ['sleep', '1000'], {Healthcheck: {Test: ['CMD-SHELL', 'true'], Interval: 500_000_000}});
	const done = await run(names.done, ['sh', '-c', 'echo bye; exit 3']);
	await done.wait();
	const gone = await run(names.gone, ['sleep', '1000']);
	await gone.stop({t: 0});
	await createBusyboxPlugin(process.env['BERTH_TEST_DOCKER_HOST'] ?? '', names.plugin);
	for (let tries = 0; ((await web.inspect()).State.Health?.Log ?? []).length === 0; tries++) {
		assert.ok(tries < 100, 'the health check never ran');
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	return {socketPath: (process.env['BERTH_TEST_DOCKER_HOST'] ?? '').replace(/^unix:\/\//, ''), ids: {web: web.id, done: done.id, network: network.id}, since};
}

function memoryScene(): Scene {
	const since = Math.floor(Date.now() / 1000);
	const labels = {[testLabel]: '1', 'com.docker.compose.project': 'shop'};
	engine.addVolume({name: names.volume, labels});
	const network = engine.addNetwork({name: names.network, labels});
	const volumes = [{name: names.volume, destination: '/data'}];
	const web = engine.addContainer({name: names.web, image, labels, volumes, networks: [names.network], health: 'healthy', command: ['sleep', '1000']});
	engine.setHealth(names.web, 'healthy', '');
	const done = engine.addContainer({name: names.done, image, labels, volumes, networks: [names.network], state: 'exited', exitCode: 3});
	engine.log(names.done, 'bye');
	engine.addContainer({name: names.gone, image, labels, volumes, networks: [names.network]});
	engine.act(names.gone, 'stop');
	engine.addPlugin({name: names.plugin, description: 'berth test plugin', env: [{name: 'DEBUG', value: '0', settable: true, description: 'debug level'}, {name: 'FIXED', value: '1'}], network: 'host', linuxCapabilities: ['CAP_SYS_ADMIN']});
	return {socketPath: engine.socketPath, ids: {web, done, network}, since};
}

const get = (scene: Scene, path: string) => getJson(scene.socketPath, path);

// What berth reads of each answer (grep source/engine for the engine's field names).
const reads: ReadonlyArray<readonly [string, (scene: Scene) => string, readonly string[]]> = [
	['container list', () => '/containers/json?all=1', ['[].Id', '[].Names', '[].Image', '[].ImageID', '[].State', '[].Status', '[].Ports', '[].Labels', '[].Created', '[].NetworkSettings.Networks.*.NetworkID', '[].NetworkSettings.Networks.*.IPAddress', '[].NetworkSettings.Networks.*.IPPrefixLen', '[].NetworkSettings.Networks.*.GlobalIPv6Address', '[].Mounts.[].Type', '[].Mounts.[].Name']],
	['container inspect', scene => `/containers/${scene.ids.web}/json`, ['Id', 'Name', 'Created', 'RestartCount', 'State.Status', 'State.Running', 'State.Paused', 'State.Restarting', 'State.OOMKilled', 'State.ExitCode', 'State.StartedAt', 'State.FinishedAt', 'State.Health.Status', 'State.Health.FailingStreak', 'State.Health.Log.[].Start', 'State.Health.Log.[].End', 'State.Health.Log.[].ExitCode', 'State.Health.Log.[].Output', 'Config.Tty', 'Config.Env', 'Config.Labels', 'Config.Healthcheck.Test', 'HostConfig.RestartPolicy.Name', 'HostConfig.RestartPolicy.MaximumRetryCount', 'HostConfig.Memory', 'HostConfig.MemorySwap', 'HostConfig.PidsLimit', 'HostConfig.NanoCpus', 'HostConfig.CpuShares', 'HostConfig.CpuQuota', 'HostConfig.CpuPeriod']],
	['exited container', scene => `/containers/${scene.ids.done}/json`, ['State.Status', 'State.ExitCode', 'State.FinishedAt', 'State.Running']],
	['image list', () => '/images/json', ['[].Id', '[].RepoTags', '[].Size', '[].Created']],
	['image inspect', () => `/images/${image}/json`, ['Id', 'RepoTags', 'Created', 'Architecture', 'Os', 'Size', 'Config.Cmd', 'Config.Env', 'Config.WorkingDir', 'Config.User', 'RootFS.Layers']],
	['image history', () => `/images/${image}/history`, ['[].Id', '[].Created', '[].CreatedBy', '[].Size', '[].Comment']],
	['volume list', () => '/volumes', ['Volumes.[].Name', 'Volumes.[].Driver', 'Volumes.[].Mountpoint', 'Volumes.[].Scope', 'Volumes.[].Labels', 'Volumes.[].CreatedAt']],
	['volume inspect', () => `/volumes/${names.volume}`, ['Name', 'Driver', 'Mountpoint', 'Scope', 'CreatedAt', 'Labels', 'Options']],
	['network list', () => '/networks', ['[].Id', '[].Name', '[].Driver', '[].Scope', '[].IPAM.Config', '[].Internal', '[].Labels', '[].Created']],
	['network inspect', scene => `/networks/${scene.ids.network}`, ['Id', 'Name', 'IPAM.Config.[].Subnet', 'IPAM.Config.[].Gateway', 'Containers.*.Name', 'Containers.*.IPv4Address', 'Containers.*.IPv6Address']],
	['disk usage', () => '/system/df', ['LayersSize', 'Images.[].Id', 'Images.[].RepoTags', 'Images.[].Size', 'Images.[].SharedSize', 'Images.[].Containers', 'Containers.[].Id', 'Containers.[].Names', 'Containers.[].State', 'Volumes.[].Name', 'Volumes.[].UsageData.Size', 'Volumes.[].UsageData.RefCount']],
	['info', () => '/info', ['Name', 'OperatingSystem', 'OSType', 'Architecture', 'KernelVersion', 'Driver', 'CgroupVersion', 'CgroupDriver', 'NCPU', 'MemTotal', 'Containers', 'ContainersRunning', 'ContainersPaused', 'ContainersStopped', 'Images', 'DockerRootDir', 'SystemTime']],
	['version', () => '/version', ['Version', 'ApiVersion', 'MinAPIVersion', 'Components.[].Name']],
	['stats', scene => `/containers/${scene.ids.web}/stats?stream=false`, ['read', 'cpu_stats.cpu_usage.total_usage', 'cpu_stats.system_cpu_usage', 'cpu_stats.online_cpus', 'precpu_stats.cpu_usage.total_usage', 'precpu_stats.system_cpu_usage', 'memory_stats.usage', 'memory_stats.limit', 'memory_stats.stats', 'pids_stats.current', 'blkio_stats.io_service_bytes_recursive']],
	['top', scene => `/containers/${scene.ids.web}/top`, ['Titles', 'Processes']],
	['events', scene => `/events?since=${scene.since}&until=${Math.floor(Date.now() / 1000) + 1}&filters=${encodeURIComponent(JSON.stringify({container: [names.gone]}))}`, ['[].Type', '[].Action', '[].Actor.ID', '[].Actor.Attributes.name', '[].Actor.Attributes.image', '[].Actor.Attributes.exitCode', '[].time', '[].timeNano']],
	['an error', () => '/containers/no-such-container/json', ['message']],
	['plugin list', () => '/plugins', ['[].Id', '[].Name', '[].Enabled', '[].PluginReference', '[].Settings.Env', '[].Settings.Mounts', '[].Config.Description', '[].Config.Documentation', '[].Config.Entrypoint', '[].Config.Interface.Types', '[].Config.Env.[].Name', '[].Config.Env.[].Description', '[].Config.Env.[].Settable', '[].Config.Env.[].Value', '[].Config.Network.Type', '[].Config.Linux.Capabilities', '[].Config.Mounts']],
	['plugin inspect', () => `/plugins/${names.plugin}:latest/json`, ['Id', 'Name', 'Enabled', 'Settings.Env', 'Config.Interface.Types', 'Config.Env.[].Settable', 'Config.Linux.Capabilities']],
];

before(async () => {
	docker = await testDocker();
	await cleanupLabelled(docker);
	await removePlugins(process.env['BERTH_TEST_DOCKER_HOST'] ?? '', [names.plugin]);
	real = await realScene();
	engine = await startInMemoryEngine();
	memory = memoryScene();
});
after(async () => {
	await cleanupLabelled(docker);
	await removePlugins(process.env['BERTH_TEST_DOCKER_HOST'] ?? '', [names.plugin]);
	await engine?.close();
});

for (const [what, path, fields] of reads) {
	test(`${what}: the fields berth reads, and every field both engines send, agree in type`, async () => {
		const [mine, theirs] = await Promise.all([get(memory, path(memory)), get(real, path(real))]);
		assert.equal(mine.status, theirs.status, 'the same status');
		for (const field of fields) {
			const [realValue] = valuesAt(theirs.body, field);
			const [memoryValue] = valuesAt(mine.body, field);
			assert.ok(valuesAt(theirs.body, field).length > 0, `the real engine sends ${field} (else this list is wrong)`);
			assert.ok(valuesAt(mine.body, field).length > 0, `the in-memory engine sends ${field}`);
			// null stands for "none" either way (Labels: null or {}): berth reads both.
			if (realValue !== null && memoryValue !== null) assert.equal(kindOf(memoryValue), kindOf(realValue), `${field} has the real engine's type`);
		}
		const realPaths = pathsOf(theirs.body);
		for (const [field, kinds] of pathsOf(mine.body)) {
			const realKinds = realPaths.get(field);
			if (!realKinds) continue;
			const both = [...kinds].filter(found => found !== 'null');
			const expected = [...realKinds].filter(found => found !== 'null');
			if (both.length > 0 && expected.length > 0) assert.ok(both.some(found => expected.includes(found)), `${field}: ${[...kinds].join('/')} where the real engine sends ${[...realKinds].join('/')}`);
		}
	});
}

/**
 * One container's life through the API (create, start, pause, unpause, stop,
 * start, restart, kill, remove) and the events it brought, as
 * "Type Action signal/exitCode": its own and its network's and volume's.
 */
async function lifeEvents(client: Docker, network: string): Promise<string[]> {
	const since = Math.floor(Date.now() / 1000);
	// A process that ends at SIGTERM, so a stop is a kill 15 and a die 0 on both engines.
	const container = await client.createContainer({
		name: 'berth-shape-life', Image: image, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'], Labels: {[testLabel]: '1'},
		HostConfig: {NetworkMode: network, Binds: [`${names.volume}:/data`]},
	});
	await container.start();
	await container.rename({name: 'berth-shape-life-renamed'});
	await container.update({CpuShares: 512});
	await container.pause();
	await container.unpause();
	await container.stop({t: 5});
	await container.start();
	await container.restart({t: 5});
	await container.kill();
	await container.remove();
	const until = Math.floor(Date.now() / 1000) + 1;
	const events = await client.getEvents({since, until} as Docker.GetEventsOptions) as unknown as NodeJS.ReadableStream;
	let text = '';
	for await (const chunk of events) text += String(chunk);
	return text.split('\n').filter(Boolean).map(line => JSON.parse(line) as {Type: string; Action: string; Actor: {ID: string; Attributes: Record<string, string>}})
		.filter(event => event.Actor.ID === container.id || event.Actor.Attributes['container'] === container.id)
		.map(event => [event.Type, event.Action, event.Actor.Attributes['signal'] ?? event.Actor.Attributes['exitCode'] ?? ''].join(' ').trim());
}

test('each action publishes the real engine\'s events, in its order', async () => {
	const client = (await connect(resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}))).docker;
	const [mine, theirs] = [await lifeEvents(client, names.network), await lifeEvents(docker, names.network)];
	assert.deepEqual(mine, theirs);
});

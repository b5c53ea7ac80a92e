// Volumes, networks and the system view against the real test engine.
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import type Docker from 'dockerode';
import {connectContainer, createNetwork, disconnectContainer, inspectNetwork, listNetworks, removeNetwork} from '../../source/engine/resources/networks.js';
import {diskUsage, engineInfo, previewSystemPrune, pruneSystem} from '../../source/engine/resources/system.js';
import {createVolume, inspectVolume, prunesNamedVolumes, listVolumes, previewVolumePrune, pruneVolumes, removeVolume} from '../../source/engine/resources/volumes.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture, runLabelled, testDocker, testLabel} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture();
let docker: Docker;
const labels = {[testLabel]: '1'};

engineTestHooks({host, cleanup});
before(async () => {
	docker = await testDocker();
});

test('volumes: create, size from disk usage, containers using it, a plain refusal while in use, then remove', async () => {
	const name = `berth-vol-${process.pid}`;
	assert.equal(await createVolume(docker, {name, labels}), name);
	const user = `berth-vol-user-${process.pid}`;
	const container = await runLabelled(docker, {name: user, Cmd: ['sh', '-c', 'head -c 300000 /dev/urandom > /data/blob && sleep 300'], HostConfig: {Binds: [`${name}:/data`]}});
	let row: Awaited<ReturnType<typeof listVolumes>>[number] | undefined;
	for (let tries = 0; tries < 50; tries++) {
		row = (await listVolumes(docker)).find(volume => volume.name === name);
		if ((row?.size ?? 0) >= 300_000) break;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	assert.equal(row?.driver, 'local');
	assert.ok((row?.size ?? 0) >= 300_000, `size ${row?.size}`);
	assert.deepEqual(row?.containers.map(c => c.name), [user]);
	assert.match(row?.mountpoint ?? '', /\/_data$/);
	assert.equal((await inspectVolume(docker, name)).labels[testLabel], '1');

	await assert.rejects(removeVolume(docker, name), (error: Error & {kind?: string}) =>
		error.kind === 'conflict' && error.message === `Volume ${name} is in use by ${user} (running). Remove that container first.`);
	assert.ok((await listVolumes(docker, {withSizes: false})).some(volume => volume.name === name), 'still there');
	await container.remove({force: true});
	await removeVolume(docker, name);
	assert.equal((await listVolumes(docker, {withSizes: false})).some(volume => volume.name === name), false);
	await assert.rejects(createVolume(docker, {name: 'bad name'}), /not a volume name/);
});

test('volume prune preview lists unused volumes only; prune removes exactly those', async () => {
	const label = `berth.vprune=${process.pid}`;
	const unused = await createVolume(docker, {name: `berth-unused-${process.pid}`, labels: {...labels, 'berth.vprune': String(process.pid)}});
	const used = await createVolume(docker, {name: `berth-used-${process.pid}`, labels: {...labels, 'berth.vprune': String(process.pid)}});
	await runLabelled(docker, {Cmd: ['sleep', '300'], HostConfig: {Binds: [`${used}:/data`]}});
	const preview = await previewVolumePrune(docker, {all: true, label});
	assert.deepEqual(preview.volumes.map(volume => volume.name), [unused]);
	// Since API 1.42 named volumes are only pruned with all; older engines prune them anyway, and the preview says so.
	const withoutAll = (await previewVolumePrune(docker, {all: false, label})).volumes.map(volume => volume.name);
	assert.deepEqual(withoutAll, prunesNamedVolumes(docker, false) ? [unused] : []);
	const result = await pruneVolumes(docker, {all: true, label});
	assert.deepEqual(result.deleted, [unused]);
	const names = (await listVolumes(docker, {withSizes: false})).map(volume => volume.name);
	assert.equal(names.includes(unused), false);
	assert.equal(names.includes(used), true);
});

test('networks: create with a subnet, list attached containers with addresses, connect and disconnect as the engine sees it', async () => {
	const home = `berth-home-${process.pid}`;
	const extra = `berth-extra-${process.pid}`;
	await createNetwork(docker, {name: home, labels});
	const extraId = await createNetwork(docker, {name: extra, subnet: '10.231.7.0/24', labels});
	const name = `berth-net-${process.pid}`;
	const container = await runLabelled(docker, {name, Cmd: ['sleep', '300'], HostConfig: {NetworkMode: home}});

	let row = (await listNetworks(docker)).find(network => network.name === extra);
	assert.deepEqual(row?.subnets, ['10.231.7.0/24']);
	assert.equal(row?.driver, 'bridge');
	assert.deepEqual(row?.containers, []);

	await connectContainer(docker, extraId, container.id);
	const engineView = await docker.getNetwork(extraId).inspect() as Docker.NetworkInspectInfo;
	assert.deepEqual(Object.keys(engineView.Containers ?? {}), [container.id]);
	row = (await listNetworks(docker)).find(network => network.name === extra);
	assert.equal(row?.containers[0]?.name, name);
	assert.match(row?.containers[0]?.ipv4 ?? '', /^10\.231\.7\.\d+\/24$/);
	assert.deepEqual((await inspectNetwork(docker, extraId)).containers.map(member => member.name), [name]);
	await assert.rejects(connectContainer(docker, extraId, container.id), /already exists|already attached|endpoint with name/i);

	await disconnectContainer(docker, extraId, container.id);
	assert.deepEqual(Object.keys((await docker.getNetwork(extraId).inspect() as Docker.NetworkInspectInfo).Containers ?? {}), []);
	assert.deepEqual((await listNetworks(docker)).find(network => network.name === extra)?.containers, []);

	await removeNetwork(docker, extraId);
	assert.equal((await listNetworks(docker)).some(network => network.name === extra), false);
	await assert.rejects(createNetwork(docker, {name: 'x', subnet: 'nonsense'}), /not a subnet/);
	assert.equal((await listNetworks(docker)).find(network => network.name === 'host')?.isBuiltin, true);
});

test('system: engine info and version, disk usage rows, and a prune-everything preview that matches what prune removes', async () => {
	const info = await engineInfo(docker);
	assert.match(info.engineVersion, /^\d+\.\d+/);
	assert.match(info.apiVersion, /^1\.\d+$/);
	assert.match(info.cgroupVersion, /^[12]$/);
	assert.ok(info.cpus >= 1 && info.memory > 0);
	assert.ok(info.kernel.length > 0 && info.storageDriver.length > 0 && info.os.length > 0);

	const stopped = await runLabelled(docker, {name: `berth-stopped-${process.pid}`, Cmd: ['true']});
	await stopped.wait();
	const orphan = `berth-orphan-${process.pid}`;
	await createNetwork(docker, {name: orphan, labels});
	const usage = await diskUsage(docker);
	assert.deepEqual(usage.map(row => row.kind), ['images', 'containers', 'volumes', 'buildCache']);
	const images = usage[0];
	assert.ok(images && images.total >= 1 && images.size > 100_000);

	const preview = await previewSystemPrune(docker);
	assert.ok(preview.containers.some(item => item.name === `berth-stopped-${process.pid}`));
	assert.ok(preview.networks.some(item => item.name === orphan));
	assert.equal(preview.networks.some(item => item.name === 'host' || item.name === 'none'), false);
	const running = await runLabelled(docker, {Cmd: ['sleep', '300']});
	const result = await pruneSystem(docker);
	assert.ok(result.containers >= 1 && result.networks >= 1);
	assert.equal((await docker.listContainers({all: true})).some(c => c.Names?.includes(`/berth-stopped-${process.pid}`)), false);
	assert.equal((await listNetworks(docker)).some(network => network.name === orphan), false);
	assert.equal((await running.inspect()).State.Running, true, 'running containers stay');
	assert.ok((await docker.listImages()).some(image => image.RepoTags?.includes('berth-test/busybox:latest')), 'tagged images stay');
});

// Shared set-up for engine tests of images, volumes, networks and the system:
// a client for the private test engine and cleanup of everything labelled berth.test.
import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';

export const testLabel = 'berth.test';

export async function testDocker(): Promise<Docker> {
	const host = process.env['BERTH_TEST_DOCKER_HOST'];
	assert.ok(host, 'BERTH_TEST_DOCKER_HOST must be set: run the engine tests with npm run test:engine');
	return (await connect(resolveEndpoint({host, env: {}, homeDir: '/nonexistent'}))).docker;
}

/** Removes labelled containers, then networks (forcing stale endpoints off), volumes and images. */
export async function cleanupLabelled(docker: Docker): Promise<void> {
	const filters = {label: [testLabel]};
	for (const info of await docker.listContainers({all: true, filters})) await docker.getContainer(info.Id).remove({force: true, v: true});
	for (const network of await docker.listNetworks({filters})) {
		const inspected = await docker.getNetwork(network.Id).inspect() as Docker.NetworkInspectInfo;
		for (const id of Object.keys(inspected.Containers ?? {})) await docker.getNetwork(network.Id).disconnect({Container: id, Force: true}).catch(() => undefined);
		await docker.getNetwork(network.Id).remove();
	}
	for (const volume of (await docker.listVolumes({filters})).Volumes ?? []) await docker.getVolume(volume.Name).remove({force: true});
	for (const image of await docker.listImages({filters})) await docker.getImage(image.Id).remove({force: true}).catch(() => undefined);
}

export async function runLabelled(docker: Docker, options: Docker.ContainerCreateOptions): Promise<Docker.Container> {
	const container = await docker.createContainer({Image: 'berth-test/busybox:latest', ...options, Labels: {[testLabel]: '1', ...options.Labels}});
	await container.start();
	return container;
}

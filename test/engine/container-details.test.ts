// Container inspect, processes, filesystem changes and restart/health against the real test engine.
import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import type Docker from 'dockerode';
import {containerChanges, containerProcesses, inspectContainerRaw, restartAndHealth} from '../../source/engine/resources/container-details.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture, runLabelled, testDocker} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture();
let docker: Docker;
engineTestHooks({host, cleanup});
before(async () => {
	docker = await testDocker();
});

test('top lists the container processes; changes lists what it wrote; restart policy and health log come from inspect', async () => {
	const container = await runLabelled(docker, {
		Cmd: ['sh', '-c', 'echo hi > /tmp/made-by-test && rm /bin/yes && sleep 300'],
		Env: ['DB_PASSWORD=hunter2'],
		Healthcheck: {Test: ['CMD-SHELL', 'echo probe-ran'], Interval: 200_000_000, Timeout: 1_000_000_000, Retries: 3},
		HostConfig: {RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 4}},
	});
	let processes = await containerProcesses(docker, container.id);
	for (let tries = 0; tries < 50 && !processes.processes.some(row => row.join(' ').includes('sleep 300')); tries++) {
		await new Promise(resolve => setTimeout(resolve, 100));
		processes = await containerProcesses(docker, container.id);
	}
	assert.ok(processes.titles.includes('PID'), processes.titles.join(' '));
	assert.ok(processes.processes.some(row => row.join(' ').includes('sleep 300')));

	const changes = await containerChanges(docker, container.id);
	assert.ok(changes.some(change => change.kind === 'added' && change.path === '/tmp/made-by-test'), JSON.stringify(changes));
	assert.ok(changes.some(change => change.kind === 'deleted' && change.path === '/bin/yes'), JSON.stringify(changes));

	let details = restartAndHealth(await inspectContainerRaw(docker, container.id));
	for (let tries = 0; tries < 50 && details.probes.length === 0; tries++) {
		await new Promise(resolve => setTimeout(resolve, 100));
		details = restartAndHealth(await inspectContainerRaw(docker, container.id));
	}
	assert.equal(details.restartPolicy, 'on-failure');
	assert.equal(details.maximumRetryCount, 4);
	assert.equal(details.healthCheck, 'CMD-SHELL echo probe-ran');
	assert.equal(details.probes[0]?.output, 'probe-ran');
	assert.equal(details.probes[0]?.exitCode, 0);
	await assert.rejects(containerProcesses(docker, 'no-such-container'), (error: Error & {kind?: string}) => error.kind === 'not-found');
});

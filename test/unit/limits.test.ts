import assert from 'node:assert/strict';
import {test} from 'node:test';
import {toLimits} from '../../source/engine/resources/limits.js';

test('CPU limit comes from NanoCpus or from quota over period; none means unlimited', () => {
	assert.equal(toLimits({HostConfig: {NanoCpus: 1_500_000_000}}).cpus, 1.5);
	assert.equal(toLimits({HostConfig: {CpuQuota: 50_000, CpuPeriod: 100_000}}).cpus, 0.5);
	assert.equal(toLimits({HostConfig: {CpuQuota: 0, NanoCpus: 0}}).cpus, undefined);
	assert.equal(toLimits({}).cpus, undefined);
});

test('memory, shares, pids limit, restarts and policy read as a person expects', () => {
	const limits = toLimits({
		HostConfig: {Memory: 64 * 1024 * 1024, CpuShares: 512, PidsLimit: -1, RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 3}},
		RestartCount: 2,
		State: {StartedAt: '2026-01-02T03:04:05Z'},
	});
	assert.equal(limits.memoryBytes, 64 * 1024 * 1024);
	assert.equal(limits.cpuShares, 512);
	assert.equal(limits.pidsLimit, undefined);
	assert.equal(limits.restartCount, 2);
	assert.equal(limits.restartPolicy, 'on-failure:3');
	assert.equal(limits.startedAt, Date.parse('2026-01-02T03:04:05Z'));
	assert.equal(toLimits({State: {StartedAt: '0001-01-01T00:00:00Z'}}).startedAt, undefined);
	assert.equal(toLimits({HostConfig: {Memory: 0}}).memoryBytes, undefined);
});

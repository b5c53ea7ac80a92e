// The Swarm alert rules without an engine: snapshots in, alerts out.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {emptyAlertLog, recordAlert} from '../../source/engine/alerts/alerts.js';
import {SwarmAlertDetector, type SwarmSnapshot} from '../../source/engine/alerts/swarm-alerts.js';
import type {ServiceSummary} from '../../source/engine/resources/swarm-services.js';
import type {TaskSummary} from '../../source/engine/resources/swarm-tasks.js';
import type {NodeSummary} from '../../source/engine/resources/swarm-nodes.js';

const t0 = 1_700_000_000_000;

function service(name: string, running: number, desired: number, more: Partial<ServiceSummary> = {}): ServiceSummary {
	return {id: `id-${name}`, name, mode: 'replicated', desired, running, image: 'busybox', ports: [], updateState: '', updateMessage: '', stack: '', createdAt: 0, updatedAt: 0, labels: {}, secrets: [], configs: [], hasPreviousSpec: false, specImage: 'busybox', forceUpdate: 0, ...more};
}

function task(id: string, state: string, error = ''): TaskSummary {
	return {id, serviceId: 'id-web', serviceName: 'web', name: `web.${id}`, slot: 1, nodeId: 'n1', nodeName: 'node-1', desiredState: 'shutdown', state, message: '', error, exitCode: 1, containerId: '', image: 'busybox', createdAt: 0, stateSince: 0};
}

function node(hostname: string, status: string, managerStatus = ''): NodeSummary {
	return {id: `id-${hostname}`, hostname, role: managerStatus ? 'manager' : 'worker', availability: 'active', status, address: '', managerStatus, engineVersion: '', tasks: 0, isSelf: false, createdAt: 0};
}

const snap = (parts: Partial<SwarmSnapshot>): SwarmSnapshot => ({services: [], tasks: [], nodes: [], ...parts});
const words = (alerts: ReadonlyArray<{kind: string; message: string}>) => alerts.map(alert => `${alert.kind}: ${alert.message}`);

test('a service short of replicas alerts once after 60 s, and again only after it converged and fell short anew', () => {
	const detector = new SwarmAlertDetector();
	const short = snap({services: [service('web', 1, 3)]});
	assert.deepEqual(detector.observe(short, t0), []);
	assert.deepEqual(detector.observe(short, t0 + 59_000), []);
	assert.deepEqual(words(detector.observe(short, t0 + 60_000)), ['not-converging: web is not converging: 1 of 3 replicas running for over 1 min']);
	assert.deepEqual(detector.observe(short, t0 + 120_000), []);
	assert.deepEqual(detector.observe(snap({services: [service('web', 3, 3)]}), t0 + 121_000), []);
	assert.deepEqual(detector.observe(short, t0 + 122_000), []);
	assert.equal(detector.observe(short, t0 + 182_000).length, 1);
});

test('a paused update is named in the not-converging alert; jobs are never not converging', () => {
	const detector = new SwarmAlertDetector({convergeGraceMs: 5000});
	const services = [service('web', 0, 2, {updateState: 'paused', updateMessage: 'update paused due to failure'}), service('once', 0, 1, {mode: 'replicated-job'})];
	detector.observe(snap({services}), t0);
	assert.deepEqual(words(detector.observe(snap({services}), t0 + 5000)), ['not-converging: web is not converging: 0 of 2 replicas running for over 5 s; its update is paused: update paused due to failure']);
});

test('failed tasks already there at the first look are history; a new one alerts with its error, once', () => {
	const detector = new SwarmAlertDetector();
	assert.deepEqual(detector.observe(snap({tasks: [task('old', 'failed', 'task: non-zero exit (1)')]}), t0), []);
	const tasks = [task('old', 'failed', 'task: non-zero exit (1)'), task('new', 'rejected', 'No such image: nope:1'), task('ok', 'running')];
	assert.deepEqual(words(detector.observe(snap({tasks}), t0 + 5000)), ['task-failed: web.new rejected on node-1: No such image: nope:1']);
	assert.deepEqual(detector.observe(snap({tasks}), t0 + 10_000), []);
});

test('a node down or a manager unreachable alerts once per episode', () => {
	const detector = new SwarmAlertDetector();
	assert.deepEqual(words(detector.observe(snap({nodes: [node('a', 'down'), node('b', 'ready', 'unreachable'), node('c', 'ready', 'leader')]}), t0)), [
		'node-down: Node a is down',
		'node-down: Node b is a manager the others cannot reach',
	]);
	assert.deepEqual(detector.observe(snap({nodes: [node('a', 'down')]}), t0 + 5000), []);
	assert.deepEqual(detector.observe(snap({nodes: [node('a', 'ready')]}), t0 + 10_000), []);
	assert.equal(detector.observe(snap({nodes: [node('a', 'disconnected')]}), t0 + 15_000).length, 1);
});

test('repeated task failures of one service fold into one alert that counts up (by key, not container)', () => {
	const first = recordAlert(emptyAlertLog, {kind: 'task-failed', key: 'tasks:web', name: 'web', message: 'web.1 failed', time: t0}, 60_000);
	const second = recordAlert(first.log, {kind: 'task-failed', key: 'tasks:web', name: 'web', message: 'web.2 failed', time: t0 + 1000}, 60_000);
	const other = recordAlert(second.log, {kind: 'task-failed', key: 'tasks:api', name: 'api', message: 'api.1 failed', time: t0 + 2000}, 60_000);
	assert.equal(second.isNew, false);
	assert.equal(second.alert.count, 2);
	assert.equal(other.isNew, true);
	assert.equal(other.log.alerts.length, 2);
});

// Swarm on real engines: a private manager (engine A, `swarm init` on
// loopback) and a private worker (engine B, joined on another port, with its own
// data and exec roots), used only by this file, since a Swarm adds networks and
// services other tests must not see. Services replicated, global and failing;
// scale, rolling update, forced restart, pause on a missing image and rollback;
// secrets and configs; service logs; the not-converging alert; the in-memory
// engine's Swarm shapes; and the nodes view in a terminal (drain, promote,
// demote, the last manager's refusal), each checked on the engine.
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {getJson, kindOf, valuesAt} from '../helpers/json-answers.js';
import type Docker from 'dockerode';
import {watchSwarmAlerts} from '../../source/engine/alerts/swarm-alert-watch.js';
import type {AlertDraft} from '../../source/engine/alerts/alerts.js';
import {SwarmUnavailable} from '../../source/engine/resources/swarm-call.js';
import {configData, createSwarmObject, listSwarmObjects, removeSwarmObject} from '../../source/engine/resources/swarm-objects.js';
import {forceRestartService, listServices, rollbackService, scaleService, updateServiceImage} from '../../source/engine/resources/swarm-services.js';
import {listStacks} from '../../source/engine/resources/swarm-stacks.js';
import {listTasks} from '../../source/engine/resources/swarm-tasks.js';
import {listNodes} from '../../source/engine/resources/swarm-nodes.js';
import {followLogs} from '../../source/engine/streams/follow-logs.js';
import {serviceLogTarget, ServiceLogLabels} from '../../source/engine/streams/service-logs.js';
import type {LogLine} from '../../source/engine/streams/log-lines.js';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {enterCommand, startTerm, type Term} from '../helpers/term.js';
import {startEngine, testDocker, testImage, waitFor, waitForExit, type PrivateEngine} from '../helpers/test-engine.js';
import {startInMemoryEngine} from '../support/in-memory-engine.js';

let manager: PrivateEngine;
let worker: PrivateEngine;
/** berth's own clients (deadlines, guarded requests) for the code under test. */
let client: Docker;
let workerClient: Docker;
let term: Term | undefined;
const directories: string[] = [];
const ids: Record<string, string> = {};

const berthClient = async (host: string) => (await connect(resolveEndpoint({host, env: {}, homeDir: '/nonexistent'}))).docker;

before(async () => {
	[manager, worker] = await Promise.all([startEngine(`/tmp/berth-swarm-a-${process.pid}`), startEngine(`/tmp/berth-swarm-b-${process.pid}`)]);
	await manager.docker.swarmInit({ListenAddr: '127.0.0.1:2377', AdvertiseAddr: '127.0.0.1'});
	const tokens = (await manager.docker.swarmInspect() as {JoinTokens: {Worker: string}}).JoinTokens;
	await worker.docker.swarmJoin({ListenAddr: '127.0.0.1:2378', AdvertiseAddr: '127.0.0.1:2378', RemoteAddrs: ['127.0.0.1:2377'], JoinToken: tokens.Worker});
	for (const engine of [manager, worker]) await engine.docker.getImage(testImage).tag({repo: 'berth-test/busybox', tag: 'v2'});
	client = await berthClient(manager.host);
	workerClient = await berthClient(worker.host);
	await waitFor(async () => (await manager.docker.listNodes()).filter(node => node.Status?.State === 'ready').length === 2, {what: 'two ready nodes'});
});

after(async () => {
	term?.kill();
	for (const directory of directories) await rm(directory, {recursive: true, force: true});
	for (const engine of [worker, manager]) {
		if (!engine) continue;
		await engine.docker.swarmLeave({force: true}).catch(() => undefined);
		const pid = await engine.pid().catch(() => 0);
		await engine.down();
		if (pid) await waitForExit(pid);
	}
});

/** A service of busybox running `script`, rolling out all at once and judging an update after a second. */
async function createService(name: string, script: string, more: {readonly replicas?: number; readonly global?: boolean; readonly labels?: Record<string, string>; readonly secrets?: ReadonlyArray<{id: string; name: string}>} = {}): Promise<string> {
	const policy = {Parallelism: 0, Delay: 0, FailureAction: 'pause', Monitor: 1_000_000_000, Order: 'stop-first'};
	const created = await manager.docker.createService({
		Name: name,
		Labels: more.labels ?? {},
		TaskTemplate: {
			ContainerSpec: {
				Image: testImage, Command: ['sh', '-c', script], StopGracePeriod: 1_000_000_000,
				Secrets: (more.secrets ?? []).map(secret => ({SecretID: secret.id, SecretName: secret.name, File: {Name: secret.name, UID: '0', GID: '0', Mode: 0o444}})),
			},
			RestartPolicy: {Condition: 'any', Delay: 1_000_000_000},
		},
		Mode: more.global ? {Global: {}} : {Replicated: {Replicas: more.replicas ?? 1}},
		UpdateConfig: policy,
		RollbackConfig: policy,
	} as unknown as Docker.CreateServiceOptions) as unknown as {id?: string; ID?: string};
	const id = created.id ?? created.ID ?? '';
	ids[name] = id;
	return id;
}

interface RawTask {
	ID: string;
	DesiredState?: string;
	Status?: {State?: string; Err?: string};
	Spec?: {ContainerSpec?: {Image?: string}};
}

const tasksOf = async (name: string) => (await manager.docker.listTasks({filters: JSON.stringify({service: [name]})} as object)) as RawTask[];
const runningTasks = async (name: string) => (await tasksOf(name)).filter(task => task.Status?.State === 'running' && task.DesiredState === 'running');
const inspect = async (name: string) => (await manager.docker.getService(name).inspect()) as {Version: {Index: number}; Spec: {Mode: {Replicated?: {Replicas: number}}; TaskTemplate: {ForceUpdate?: number; ContainerSpec: {Image: string}}}; UpdateStatus?: {State?: string; Message?: string}};

test('an engine outside a Swarm and a worker each say so in plain words', async () => {
	const outside = await listServices(await testDocker()).then(() => undefined, (error: unknown) => error);
	assert.ok(outside instanceof SwarmUnavailable);
	assert.match(outside.message, /not in Swarm mode\. `docker swarm init` turns it on/);
	const fromWorker = await listServices(workerClient).then(() => undefined, (error: unknown) => error);
	assert.ok(fromWorker instanceof SwarmUnavailable);
	assert.match(fromWorker.message, /Swarm worker: only managers see the cluster/);
});

test('services: replicated and global with running/desired, a stack, and a failing service\'s tasks with their error', async () => {
	await createService('web', 'sleep 1000', {replicas: 2, labels: {'com.docker.stack.namespace': 'shop'}});
	await createService('agent', 'sleep 1000', {global: true});
	await createService('broken', 'echo failing; exit 1');
	const services = await waitFor(async () => {
		const listed = await listServices(client);
		const by = (name: string) => listed.find(service => service.name === name);
		return by('web')?.running === 2 && by('agent')?.running === 2 && listed;
	}, {what: 'web 2/2 and agent 2/2', timeoutMs: 30_000});
	const by = (name: string) => services.find(service => service.name === name);
	assert.deepEqual({mode: by('web')?.mode, desired: by('web')?.desired, image: by('web')?.image, stack: by('web')?.stack}, {mode: 'replicated', desired: 2, image: testImage, stack: 'shop'});
	assert.deepEqual({mode: by('agent')?.mode, desired: by('agent')?.desired}, {mode: 'global', desired: 2});
	assert.deepEqual(await listStacks(client), [{name: 'shop', services: ['web'], running: 2, desired: 2}]);
	const failed = await waitFor(async () => (await listTasks(client, {serviceId: ids['broken']})).find(task => task.state === 'failed'), {what: 'a failed task of broken', timeoutMs: 20_000});
	assert.match(failed.error, /non-zero exit \(1\)/);
	assert.match(failed.name, /^broken\.1$/);
	const nodes = new Set((await listTasks(client, {serviceId: ids['agent']})).filter(task => task.state === 'running').map(task => task.nodeId));
	assert.equal(nodes.size, 2, 'the global service runs on both nodes');
});

test('the in-memory engine answers the Swarm endpoints in the real engine\'s shapes', async t => {
	const memory = await startInMemoryEngine({apiVersion: '1.41'});
	t.after(() => memory.close());
	memory.setSwarm('manager');
	memory.addNode({hostname: 'worker'});
	memory.addService({name: 'web', replicas: 2});
	memory.addService({name: 'broken', failWith: 'task: non-zero exit (1)'});
	memory.addSwarmObject('secret', {name: 's'});
	memory.addSwarmObject('config', {name: 'c'});
	const secret = await createSwarmObject(client, 'secret', {name: 'shape-secret', text: 'x'});
	const config = await createSwarmObject(client, 'config', {name: 'shape-config', text: 'y'});
	t.after(async () => {
		await manager.docker.getSecret(secret).remove();
		await manager.docker.getConfig(config).remove();
	});
	const reads: ReadonlyArray<readonly [string, readonly string[]]> = [
		['/services?status=true', ['[].ID', '[].Version.Index', '[].CreatedAt', '[].UpdatedAt', '[].Spec.Name', '[].Spec.Labels', '[].Spec.Mode', '[].Spec.TaskTemplate.ContainerSpec.Image', '[].Spec.TaskTemplate.ForceUpdate', '[].ServiceStatus.RunningTasks', '[].ServiceStatus.DesiredTasks']],
		['/tasks', ['[].ID', '[].ServiceID', '[].NodeID', '[].Slot', '[].DesiredState', '[].CreatedAt', '[].Spec.ContainerSpec.Image', '[].Status.Timestamp', '[].Status.State', '[].Status.Message', '[].Status.Err', '[].Status.ContainerStatus.ContainerID', '[].Status.ContainerStatus.ExitCode']],
		['/nodes', ['[].ID', '[].Version.Index', '[].Spec.Role', '[].Spec.Availability', '[].Description.Hostname', '[].Description.Engine.EngineVersion', '[].Status.State', '[].Status.Addr', '[].ManagerStatus.Leader', '[].ManagerStatus.Reachability']],
		['/secrets', ['[].ID', '[].CreatedAt', '[].UpdatedAt', '[].Spec.Name', '[].Spec.Labels']],
		['/configs', ['[].ID', '[].CreatedAt', '[].Spec.Name', '[].Spec.Data']],
		['/info', ['Swarm.LocalNodeState', 'Swarm.ControlAvailable', 'Swarm.NodeID', 'Swarm.Error']],
	];
	for (const [path, fields] of reads) {
		const [mine, theirs] = await Promise.all([getJson(memory.socketPath, path), getJson(manager.dir + '/docker.sock', path)]);
		assert.equal(mine.status, theirs.status, `${path}: the same status`);
		for (const field of fields) {
			const real = valuesAt(theirs.body, field);
			const stand = valuesAt(mine.body, field);
			assert.ok(real.length > 0, `the real engine sends ${path} ${field} (else this list is wrong)`);
			assert.ok(stand.length > 0, `the in-memory engine sends ${path} ${field}`);
			assert.equal(kindOf(stand.find(value => value !== null)), kindOf(real.find(value => value !== null)), `${path} ${field} has the real engine's type`);
		}
	}
	const [workerAnswer, memoryWorker] = [await getJson(worker.dir + '/docker.sock', '/services'), await (async () => {
		memory.setSwarm('worker');
		return getJson(memory.socketPath, '/services');
	})()];
	assert.deepEqual(memoryWorker, workerAnswer, 'a worker\'s refusal, word for word');
});

test('S: scaling is sent with the version just read and checked on the engine', async () => {
	const before = (await inspect('web')).Version.Index;
	await scaleService(client, ids['web'] ?? '', 3);
	const after = await inspect('web');
	assert.equal(after.Spec.Mode.Replicated?.Replicas, 3);
	assert.ok(after.Version.Index > before);
	await waitFor(async () => (await runningTasks('web')).length === 3, {what: 'three running web tasks', timeoutMs: 20_000});
	await assert.rejects(scaleService(client, ids['agent'] ?? '', 3), /agent is a global service: only replicated services scale/);
});

test('a rolling update to a new image converges; a forced restart replaces every task; a missing image pauses the update and R rolls back', async () => {
	const web = ids['web'] ?? '';
	await updateServiceImage(client, web, 'berth-test/busybox:v2');
	await waitFor(async () => {
		const running = await runningTasks('web');
		return (await inspect('web')).UpdateStatus?.State === 'completed' && running.length === 3 && running.every(task => task.Spec?.ContainerSpec?.Image?.startsWith('berth-test/busybox:v2'));
	}, {what: 'the update to v2 to complete', timeoutMs: 30_000});
	assert.equal((await listServices(client)).find(service => service.name === 'web')?.updateState, 'completed');
	const before = new Set((await runningTasks('web')).map(task => task.ID));
	await forceRestartService(client, web);
	assert.equal((await inspect('web')).Spec.TaskTemplate.ForceUpdate, 1);
	await waitFor(async () => {
		const running = await runningTasks('web');
		return running.length === 3 && running.every(task => !before.has(task.ID));
	}, {what: 'three new web tasks', timeoutMs: 30_000});
	await updateServiceImage(client, web, 'berth-test/missing:1');
	const paused = await waitFor(async () => {
		const service = (await listServices(client)).find(candidate => candidate.name === 'web');
		return service?.updateState === 'paused' && service;
	}, {what: 'the update to a missing image to pause', timeoutMs: 40_000});
	assert.ok(paused.hasPreviousSpec);
	const rejected = (await listTasks(client, {serviceId: web})).filter(task => task.image === 'berth-test/missing:1' && task.error);
	assert.ok(rejected.length > 0, 'the failing tasks carry their error');
	await rollbackService(client, web);
	await waitFor(async () => {
		const service = await inspect('web');
		return service.Spec.TaskTemplate.ContainerSpec.Image.startsWith('berth-test/busybox:v2') && /rollback_completed/.test(service.UpdateStatus?.State ?? '') && (await runningTasks('web')).length === 3;
	}, {what: 'the rollback to complete', timeoutMs: 40_000});
});

test('secrets and configs: created from text and a file, a taken name and a secret in use refused in plain words, removed', async context => {
	const secret = await createSwarmObject(client, 'secret', {name: 'db-pass', text: 'hunter2'});
	assert.equal((await manager.docker.getSecret(secret).inspect() as {Spec: {Name: string}}).Spec.Name, 'db-pass');
	const taken = await createSwarmObject(client, 'secret', {name: 'db-pass', text: 'again'}).then(() => undefined, (error: Error) => error);
	assert.match(taken?.message ?? '', /db-pass already exists/i);
	context.diagnostic(taken?.message ?? '');
	assert.doesNotMatch(taken?.message ?? '', /rpc error/);
	await createService('vault-user', 'sleep 1000', {secrets: [{id: secret, name: 'db-pass'}]});
	const listed = await listSwarmObjects(client, 'secret');
	assert.deepEqual(listed.find(object => object.name === 'db-pass')?.services, ['vault-user']);
	await assert.rejects(removeSwarmObject(client, 'secret', secret, 'db-pass'), /The secret db-pass is used by the service vault-user\./);
	assert.ok(await manager.docker.getSecret(secret).inspect(), 'still there');
	const spare = await createSwarmObject(client, 'secret', {name: 'spare', text: 'x'});
	await removeSwarmObject(client, 'secret', spare, 'spare');
	await assert.rejects(manager.docker.getSecret(spare).inspect(), /no such secret|not found/i);
	const directory = await mkdtemp(join(tmpdir(), 'berth-swarm-'));
	directories.push(directory);
	await writeFile(join(directory, 'app.ini'), 'mode=fast\n');
	const config = await createSwarmObject(client, 'config', {name: 'app-ini', file: join(directory, 'app.ini')});
	assert.equal(await configData(client, config), 'mode=fast\n');
	await removeSwarmObject(client, 'config', config, 'app-ini');
	assert.equal((await listSwarmObjects(client, 'config')).some(object => object.name === 'app-ini'), false);
});

test('service logs: every task\'s lines, each after its task and node', async () => {
	const id = await createService('talker', 'echo "hello from $(hostname)"; sleep 1000', {replicas: 2});
	await waitFor(async () => (await runningTasks('talker')).length === 2, {what: 'two talker tasks', timeoutMs: 20_000});
	const controller = new AbortController();
	const labels = new ServiceLogLabels(client, id, controller.signal);
	await labels.load();
	const lines: LogLine[] = [];
	const following = followLogs(client, serviceLogTarget(id), {tail: 'all', isTty: false, maxPending: 100, signal: controller.signal, rewrite: raw => labels.rewrite(raw), onLines: batch => lines.push(...batch)});
	try {
		await waitFor(() => lines.length >= 2, {what: () => `two log lines, got ${JSON.stringify(lines.map(line => line.text))}`, timeoutMs: 20_000});
	} finally {
		controller.abort();
		await following;
	}
	const texts = lines.map(line => line.text).sort();
	assert.match(texts[0] ?? '', /^talker\.1@\S+ hello from \S+$/);
	assert.match(texts[1] ?? '', /^talker\.2@\S+ hello from \S+$/);
});

test('a service short of replicas past the grace alerts as not converging, and its failed tasks alert with their error', async () => {
	const alerts: AlertDraft[] = [];
	const controller = new AbortController();
	const watching = watchSwarmAlerts(client, alert => alerts.push(alert), controller.signal, {rules: {convergeGraceMs: 3000}, pollMs: 500});
	try {
		const notConverging = await waitFor(() => alerts.find(alert => alert.kind === 'not-converging' && alert.name === 'broken'), {what: () => `the not-converging alert; got ${JSON.stringify(alerts)}`, timeoutMs: 20_000});
		assert.match(notConverging.message, /^broken is not converging: 0 of 1 replicas running for over 3 s/);
		const failed = await waitFor(() => alerts.find(alert => alert.kind === 'task-failed' && alert.name === 'broken'), {what: 'a task-failed alert', timeoutMs: 20_000});
		assert.match(failed.message, /^broken\.1 failed on \S+: task: non-zero exit \(1\)/);
		assert.equal(alerts.some(alert => alert.kind === 'not-converging' && alert.name === 'web'), false);
	} finally {
		controller.abort();
		await watching;
	}
});

test('the nodes view: two nodes; a drains, + promotes, - demotes the worker, and demoting the last manager is refused; each on the engine', async context => {
	const nodes = await listNodes(client);
	assert.equal(nodes.length, 2);
	const self = nodes.find(node => node.isSelf);
	const other = nodes.find(node => !node.isSelf);
	assert.ok(self && other);
	assert.deepEqual([self.role, self.managerStatus, other.role], ['manager', 'leader', 'worker']);
	const engineNode = async (id: string) => (await manager.docker.getNode(id).inspect()) as {Spec: {Role: string; Availability: string}};
	term = startTerm({args: ['--host', manager.host], cols: 140, rows: 24});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'nodes');
	await t.waitForText(/Nodes 2\/2/);
	await t.waitForText(/HOSTNAME\s+ROLE\s+STATUS\s+AVAILABILITY\s+MANAGER\s+ENGINE\s+TASKS/);
	await t.waitForText(/● \S+ \*\s+manager\s+ready\s+active\s+leader/);
	// The rows sort by hostname, then id: both nodes share this machine's hostname.
	const otherKey = nodes.indexOf(other) === 0 ? 'g' : 'G';
	const selfKey = otherKey === 'g' ? 'G' : 'g';
	t.press(otherKey);
	t.press('a');
	await t.waitForText('Availability of');
	t.press('G');
	t.press('enter');
	await t.waitForText(/Drain \S+\?/);
	t.press('y');
	await t.waitForText(/is now drain: its tasks move to other nodes/);
	assert.equal((await engineNode(other.id)).Spec.Availability, 'drain');
	await t.waitForText(/worker\s+ready\s+drain/);
	t.press('+');
	await t.waitForText(/Promote \S+ to manager\?/);
	t.press('y');
	await t.waitForText(/Promoted \S+ to manager\./);
	assert.equal((await engineNode(other.id)).Spec.Role, 'manager');
	await t.waitForText(/manager\s+ready\s+drain\s+reachable/, {timeoutMs: 20_000});
	t.press('-');
	await t.waitForText(/Demote \S+ to worker\?/);
	t.press('y');
	await t.waitForText(/Demoted \S+ to worker\./);
	await waitFor(async () => (await engineNode(other.id)).Spec.Role === 'worker', {what: 'the worker demoted on the engine'});
	await t.waitForText(/worker\s+ready\s+drain\s+-/, {timeoutMs: 20_000});
	t.press(selfKey);
	t.press('-');
	await t.waitForText(/Demote \S+ to worker\?/);
	t.press('y');
	await t.waitForText(/Could not demote \S+: the Swarm would lose its quorum of managers\. Promote another node first\./);
	context.diagnostic(t.screen().split('\n').find(line => line.includes('Could not demote'))?.trim() ?? '');
	assert.doesNotMatch(t.screen(), /rpc error/);
	assert.equal((await engineNode(self.id)).Spec.Role, 'manager');
});


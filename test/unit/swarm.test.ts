// Swarm pieces that need no engine: the replica count as typed, stacks from
// labels, a service log line's details turned into its task and node, and the
// words for an engine that cannot show the cluster.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {plainRefusal, swarmUnavailableMessage} from '../../source/engine/resources/swarm-call.js';
import {parseReplicas, serviceSummary, updateProgress} from '../../source/engine/resources/swarm-services.js';
import {updateText} from '../../source/features/services/columns.js';
import {stacksOf} from '../../source/engine/resources/swarm-stacks.js';
import {parseDetails, ServiceLogLabels} from '../../source/engine/streams/service-logs.js';

test('a replica count is a whole number of 0 or more; anything else is refused in plain words', () => {
	assert.equal(parseReplicas(' 3 '), 3);
	assert.equal(parseReplicas('0'), 0);
	assert.throws(() => parseReplicas('-1'), /-1 is negative: a service runs 0 or more replicas\./);
	assert.throws(() => parseReplicas('two'), /"two" is not a number of replicas/);
	assert.throws(() => parseReplicas('1.5'), /"1\.5" is not a number of replicas/);
	assert.throws(() => parseReplicas(''), /"" is not a number of replicas/);
	assert.throws(() => parseReplicas('99999999999999999999'), /more than berth will ask for/);
});

test('stacks are services grouped by com.docker.stack.namespace, with running/desired totals', () => {
	const raw = (name: string, stack: string | undefined, running: number, desired: number) => serviceSummary({
		ID: `id-${name}`, Spec: {Name: name, Labels: stack ? {'com.docker.stack.namespace': stack} : {}, Mode: {Replicated: {Replicas: desired}}},
		ServiceStatus: {RunningTasks: running, DesiredTasks: desired},
	});
	assert.deepEqual(stacksOf([raw('shop_web', 'shop', 2, 3), raw('lone', undefined, 1, 1), raw('shop_db', 'shop', 1, 1)]), [{name: 'shop', services: ['shop_web', 'shop_db'], running: 3, desired: 4}]);
});

test('a service summary drops the pinned digest, reads global mode and the update state', () => {
	const summary = serviceSummary({
		ID: 'x', Spec: {Name: 'agent', Mode: {Global: {}}, TaskTemplate: {ContainerSpec: {Image: `busybox:1@sha256:${'ab'.repeat(32)}`}}},
		UpdateStatus: {State: 'rollback_paused', Message: 'update rolled back due to failure'}, ServiceStatus: {RunningTasks: 1, DesiredTasks: 2},
		Endpoint: {Ports: [{Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'host'}]},
	});
	assert.equal(summary.image, 'busybox:1');
	assert.equal(summary.mode, 'global');
	assert.equal(summary.updateState, 'rollback_paused');
	assert.deepEqual(summary.ports, ['8080:80/tcp (host)']);
	assert.equal(`${summary.running}/${summary.desired}`, '1/2');
});

test('a service log line\'s details become its task and node; an unknown task shows its short id', () => {
	const failing = {modem: {dial: (_options: unknown, callback: (error: Error) => void) => callback(new Error('no engine here'))}} as unknown as Docker;
	const labels = new ServiceLogLabels(failing, 'svc', new AbortController().signal);
	const line = '2024-05-01T10:00:00.000000000Z com.docker.swarm.node.id=nodeid123456789,com.docker.swarm.service.id=svc,com.docker.swarm.task.id=taskid1234567890 hello world';
	assert.equal(labels.rewrite(line), '2024-05-01T10:00:00.000000000Z taskid123456@nodeid123456 hello world');
	assert.equal(labels.rewrite('2024-05-01T10:00:00.000000000Z no details here'), '2024-05-01T10:00:00.000000000Z no details here');
	assert.deepEqual([...parseDetails('a=1,b=x%20y,junk')], [['a', '1'], ['b', 'x y']]);
});

test('an engine that cannot show the cluster is told in words with what to do', () => {
	const state = (localState: string, isManager = false) => ({localState, isManager, nodeId: '', error: ''});
	assert.match(swarmUnavailableMessage(state('inactive')), /not in Swarm mode\. `docker swarm init` turns it on/);
	assert.match(swarmUnavailableMessage(state('active')), /Swarm worker: only managers see the cluster\. Connect berth to a manager/);
	assert.match(swarmUnavailableMessage(state('locked')), /docker swarm unlock/);
	assert.equal(plainRefusal('rpc error: code = InvalidArgument desc = secret \'x\' is in use by the following service: web'), 'Secret \'x\' is in use by the following service: web');
});

test('an update in progress counts the running tasks already on the new spec (image and force count)', () => {
	const image = `busybox:2@sha256:${'cd'.repeat(32)}`;
	const service = serviceSummary({
		ID: 'web', Spec: {Name: 'web', Mode: {Replicated: {Replicas: 3}}, TaskTemplate: {ContainerSpec: {Image: image}, ForceUpdate: 1}},
		UpdateStatus: {State: 'updating', Message: 'update in progress'}, ServiceStatus: {RunningTasks: 3, DesiredTasks: 3},
	});
	const task = (state: string, taskImage: string, force: number) => ({ServiceID: 'web', DesiredState: 'running', Status: {State: state}, Spec: {ContainerSpec: {Image: taskImage}, ForceUpdate: force}});
	const [progressed] = updateProgress([service], [task('running', image, 1), task('running', 'busybox:1', 1), task('running', image, 0), task('preparing', image, 1)]);
	assert.equal(progressed?.updated, 1);
	assert.equal(updateText(progressed!), 'updating 1/3: update in progress');
	const done = serviceSummary({ID: 'x', Spec: {Name: 'x'}, UpdateStatus: {State: 'completed', Message: 'update completed'}});
	assert.equal(updateProgress([done], [])[0]?.updated, undefined);
	assert.equal(updateText(done), 'completed');
});

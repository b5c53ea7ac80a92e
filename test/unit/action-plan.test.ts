import assert from 'node:assert/strict';
import {test} from 'node:test';
import {planAction} from '../../source/engine/resources/action-plan.js';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';

const box = (name: string, state: ContainerSummary['state']) => ({id: `id-${name}`, name, state}) as ContainerSummary;
const names = (plan: ReturnType<typeof planAction>) => ('refusal' in plan ? plan.refusal : `${plan.action} ${plan.containers.map(c => c.name).join(',')}`);

test('one container: its state decides, and a refusal names it', () => {
	assert.equal(names(planAction('startStop', [box('web', 'running')])), 'stop web');
	assert.equal(names(planAction('startStop', [box('job', 'exited')])), 'start job');
	assert.equal(names(planAction('pause', [box('web', 'paused')])), 'unpause web');
	assert.equal(names(planAction('kill', [box('job', 'exited')])), 'Cannot kill job: it is exited.');
	assert.equal(names(planAction('pause', [box('job', 'exited')])), 'Cannot pause job: it is exited.');
	assert.equal(names(planAction('remove', [])), 'No container selected.');
});

test('marked containers: one action for all, applied to those that offer it', () => {
	const mixed = [box('web', 'running'), box('job', 'exited'), box('cache', 'paused')];
	// s stops while anything runs, and starts only when nothing does.
	assert.equal(names(planAction('startStop', mixed)), 'stop web');
	assert.equal(names(planAction('startStop', [box('a', 'exited'), box('b', 'created')])), 'start a,b');
	assert.equal(names(planAction('pause', mixed)), 'pause web');
	assert.equal(names(planAction('pause', [box('cache', 'paused'), box('job', 'exited')])), 'unpause cache');
	assert.equal(names(planAction('kill', mixed)), 'kill web,cache');
	assert.equal(names(planAction('restart', mixed)), 'restart web,job');
	assert.equal(names(planAction('remove', mixed)), 'remove web,job,cache');
	assert.equal(names(planAction('kill', [box('a', 'exited'), box('b', 'created')])), 'Cannot kill any of the 2 marked containers: none is running.');
});

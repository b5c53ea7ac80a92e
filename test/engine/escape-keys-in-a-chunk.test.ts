// Ink hands each escape sequence of a chunk (an arrow, Page Down) to the app as
// its own input, one after another in the same tick. The app must still give
// the pane each key only once React has committed what the previous one did.
import {test} from 'node:test';
import Docker from 'dockerode';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startTerm, type Term} from '../helpers/term.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
let term: Term | undefined;

async function cleanup(): Promise<void> {
	for (const info of await docker.listContainers({all: true, filters: {label: ['berth.test=1']}})) await docker.getContainer(info.Id).remove({force: true});
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('arrows and a letter in one chunk: "↓l" opens the row ↓ moved to, "↓↓l" the one after', async () => {
	const prefix = `arrows-${process.pid}`;
	for (const suffix of ['a', 'b', 'c']) {
		const container = await docker.createContainer({name: `${prefix}-${suffix}`, Image: 'berth-test/busybox:latest', Cmd: ['sh', '-c', `trap "exit 0" TERM; echo "I am ${suffix}"; while :; do sleep 1; done`], Labels: {'berth.test': '1'}});
		await container.start();
	}
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(`● ${prefix}-c`);
	t.press('/');
	await t.waitForText('Enter keep');
	t.press(`${prefix}\r`);
	await t.waitForText(/Containers 3\//);
	t.press('\u001B[Bl');
	await t.waitForText(`Logs ${prefix}-b`);
	await t.waitForText('I am b');
	t.press('escape');
	await t.waitForText(/Containers 3\//);
	t.press('g\u001B[B\u001B[Bl');
	await t.waitForText(`Logs ${prefix}-c`);
	await t.waitForText('I am c');
});

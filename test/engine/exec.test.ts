// Exec, attach and one-off commands: the engine layer and the real binary in a pty.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {findShell, runCommand, splitCommandLine} from '../../source/engine/streams/exec.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture({labels: {'berth.test': 'exec'}, defaults: {Tty: false, OpenStdin: false}});
let term: Term | undefined;

async function select(t: Term, name: string): Promise<void> {
	await t.waitForText(name);
	await filterTo(t, name, /Containers 1\//);
}

/** berth in a pty, attached (A) to the named container. */
async function attachTo(name: string): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	await select(term, name);
	term.press('A');
	await term.waitForText(`attached to ${name}; ctrl+p ctrl+q detaches.`);
	return term;
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('the engine layer finds the shell, runs one command with its output and exit code', async () => {
	const container = await run(`shell-${process.pid}`, ['sleep', '3600']);
	assert.equal(await findShell(docker, container.id), '/bin/sh');
	const result = await runCommand(docker, container.id, ['sh', '-c', 'echo out; echo err >&2; exit 3'], new AbortController().signal);
	// stdout and stderr are separate pipes: their relative order is not guaranteed.
	assert.deepEqual([...result.lines].sort((a, b) => a.text.localeCompare(b.text)), [{stream: 'stderr', text: 'err'}, {stream: 'stdout', text: 'out'}]);
	assert.equal(result.exitCode, 3);
	assert.deepEqual(splitCommandLine(`ls -la "/my dir" 'it''s' a\\ b ""`), ['ls', '-la', '/my dir', 'its', 'a b', '']);
});

test('e hands the terminal to a shell in the container; exit brings berth back intact', async () => {
	const name = `exec-${process.pid}`;
	await run(name, ['sleep', '3600']);
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await select(t, name);
	t.press('e');
	await t.waitForText(`/bin/sh in ${name}; exit the shell to come back.`);
	await t.waitForText(/\/ # $/m);
	assert.equal(t.isAlternateScreen(), false, 'the shell runs on the normal screen');
	t.press('echo hi-$((6*7)) $COLUMNS\r');
	await t.waitForText(/^hi-42/m);
	// The window size reaches the shell, and a resize follows it.
	t.press('stty size\r');
	await t.waitForText(/^30 120$/m);
	t.resize(100, 28);
	// The resize reaches the shell through an API call: ask until it has landed.
	for (let attempt = 0; !/^28 100$/m.test(t.screen()); attempt++) {
		assert.ok(attempt < 20, `the shell never saw the new size:\n${t.screen()}`);
		t.press('stty size\r');
		await new Promise(resolve => setTimeout(resolve, 300));
	}
	t.press('exit\r');
	await t.waitForText(`The shell in ${name} exited with code 0.`);
	assert.equal(t.isAlternateScreen(), true);
	await t.waitForText(/^berth /);
	await t.waitForText(new RegExp(`● ${name}`));
	assert.doesNotMatch(t.screen(), /hi-42/, 'nothing of the shell is left on berth\'s screen');
	// Keys reach berth again.
	t.press('?');
	await t.waitForText('Keys: Containers');
	t.press('?');
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
});

test('e prefers /bin/bash when the container has one', async () => {
	const name = `exec-bash-${process.pid}`;
	// busybox has no bash: this container makes one, a shell that says which it is.
	await run(name, ['sh', '-c', 'printf "#!/bin/sh\\nexport BERTH_SHELL=bash\\nexec /bin/sh \\"\\$@\\"\\n" > /bin/bash && chmod +x /bin/bash && exec sleep 3600']);
	const container = docker.getContainer(name);
	for (let attempt = 0; (await findShell(docker, container.id)) !== '/bin/bash'; attempt++) {
		assert.ok(attempt < 50, 'the container never made its /bin/bash');
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await select(t, name);
	t.press('e');
	await t.waitForText(`/bin/bash in ${name}; exit the shell to come back.`);
	t.press('echo shell-is-$BERTH_SHELL\r');
	await t.waitForText(/^shell-is-bash/m);
	t.press('exit\r');
	await t.waitForText(`The shell in ${name} exited with code 0.`);
});

test('A attaches to the main process; ctrl+p ctrl+q detaches and leaves it running', async () => {
	const name = `attach-${process.pid}`;
	const container = await run(name, ['sh'], {Tty: true, OpenStdin: true});
	const t = await attachTo(name);
	t.press('echo attached-$((40+2))\r');
	await t.waitForText(/^attached-42/m);
	t.press('\u0010\u0011');
	await t.waitForText(`Detached from ${name}.`);
	assert.equal(t.isAlternateScreen(), true);
	assert.equal((await container.inspect()).State.Running, true);
});

test('A attaches to a container without a TTY: typed lines reach it, its output shows, ctrl+p ctrl+q detaches', async () => {
	const name = `attach-plain-${process.pid}`;
	const container = await run(name, ['sh', '-c', 'echo ready; while read line; do echo "got $line"; echo "err $line" >&2; done'], {OpenStdin: true});
	const t = await attachTo(name);
	t.press('hello-$((1+1))\r');
	// No TTY: no echo, no shell expansion, stdout and stderr both reach the screen.
	await t.waitForText(/got hello-\$\(\(1\+1\)\)/);
	await t.waitForText(/err hello-\$\(\(1\+1\)\)/);
	t.press('\u0010\u0011');
	await t.waitForText(`Detached from ${name}.`);
	assert.equal(t.isAlternateScreen(), true);
	assert.equal((await container.inspect()).State.Running, true);
});

test('x runs a single command and shows its output and exit code', async () => {
	const name = `run-${process.pid}`;
	await run(name, ['sleep', '3600']);
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await select(t, name);
	t.press('x');
	await t.waitForText('Enter run');
	for (const char of 'ls /etc/hostname /nope') t.press(char);
	t.press('enter');
	await t.waitForText(/exit code 1/);
	assert.match(t.screen(), / \/etc\/hostname/);
	assert.match(t.screen(), /▌ls: \/nope: No such file or directory/);
	t.press('escape');
	await t.waitForText(new RegExp(`● ${name}`));
});

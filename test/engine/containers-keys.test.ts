// The containers pane from the keyboard, end to end against the real engine:
// health shown as the engine reports it, pause and unpause, restart and kill,
// the `:` command line and the help overlay.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

// Exits on SIGTERM at once (a bare sleep as PID 1 ignores it), so stop and restart take no 10 s grace.
const {host, docker, run, cleanup} = engineFixture({defaults: {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']}});
const seconds = 1_000_000_000;
let term: Term | undefined;

async function engineSays(container: Docker.Container, check: (state: Docker.ContainerInspectInfo['State']) => boolean): Promise<void> {
	await waitFor(async () => check((await container.inspect()).State), {timeoutMs: 20_000, what: async () => `the engine state; it is ${JSON.stringify((await container.inspect()).State)}`});
}
async function select(t: Term, name: string): Promise<void> {
	t.press('/');
	await t.waitForText('Enter keep');
	// Typed in one chunk with the Enter, as a paste or a fast typist sends it.
	t.press(`${name}\r`);
	await t.waitForNoText('Enter keep');
	await t.waitForText(/Containers 1\//);
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('the health column shows healthy and unhealthy as the engine reports them', async () => {
	const good = `hc-good-${process.pid}`;
	const bad = `hc-bad-${process.pid}`;
	await run(good, {Healthcheck: {Test: ['CMD-SHELL', 'true'], Interval: 1 * seconds, Timeout: 1 * seconds, Retries: 1}});
	await run(bad, {Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1 * seconds, Timeout: 1 * seconds, Retries: 1}});
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	await term.waitForText(new RegExp(`● ${good} .*healthy`), {timeoutMs: 15_000});
	await term.waitForText(new RegExp(`● ${bad} .*unhealthy`), {timeoutMs: 15_000});
});

test('p pauses and unpauses, K kills, r restarts: each as the engine then reports it', async () => {
	const name = `keys-${process.pid}`;
	const container = await run(name);
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(`● ${name}`);
	await select(t, name);
	t.press('p');
	await engineSays(container, state => state.Paused);
	await t.waitForText(new RegExp(`‖ ${name} .*Paused · up`));
	t.press('p');
	await engineSays(container, state => state.Running && !state.Paused);
	await t.waitForText(`● ${name}`);

	t.press('K');
	await t.waitForText(`Kill ${name}: which signal?`);
	// Enter sends the signal shown first: SIGKILL.
	t.press('enter');
	await t.waitForText(`Sent SIGKILL to ${name}.`);
	await engineSays(container, state => state.Status === 'exited' && state.ExitCode === 137);
	await t.waitForText(new RegExp(`○ ${name} .*Exited \\(137\\)`));
	// Stopped: pause is not offered, and the person is told why.
	t.press('p');
	await t.waitForText(`Cannot pause ${name}: it is exited.`);

	const startedAt = (await container.inspect()).State.StartedAt;
	t.press('r');
	await t.waitForText(`Restarted ${name}.`);
	await engineSays(container, state => state.Running && state.StartedAt !== startedAt);
	await t.waitForText(`● ${name}`);
});

test('the : line completes, explains unknown commands and quits; ? shows this pane\'s keys', async () => {
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	const t = term;
	await t.waitForText('Containers');
	t.press('?');
	await t.waitForText('Keys: Containers');
	assert.match(t.screen(), /K\s+Kill \(asks which signal\)/);
	assert.match(t.screen(), /:\s+Command line/);
	t.press('escape');
	await t.waitForNoText('Keys: Containers');

	t.press(':');
	await t.waitForText('Tab complete');
	t.press('cont');
	t.press('tab');
	await t.waitForText(/^:container/m);
	t.press('escape');
	await t.waitForNoText('Tab complete');
	t.press(':frobnicate\r');
	await t.waitForText('Unknown command ":frobnicate". Known commands: :containers');
	t.press(':q\r');
	assert.equal((await t.exited).exitCode, 0);
	assert.equal(t.isAlternateScreen(), false);
});

test('tiny and resized terminals: the frame shrinks to fit, says what it can, and grows back', async () => {
	const name = `a-container-with-a-rather-long-name-that-goes-on-and-on-${process.pid}`;
	await run(name);
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(/● a-container-with-a-rather-long-name-\S*…/);
	for (const [cols, rows] of [[40, 8], [20, 4], [8, 3], [1, 1], [60, 10]] as const) {
		t.resize(cols, rows);
		// Drawn past the right edge, the emulator would wrap a row; past the bottom, it would scroll the header away.
		await t.waitForText(cols >= 20 ? /^berth/ : cols >= 8 ? /^b/ : /\S/, {timeoutMs: 5000});
		// Frames drawn for the old size may still be landing, and nothing marks the last one: give them time.
		await new Promise(resolve => setTimeout(resolve, 300));
		assert.equal(t.wrappedRows(), 0, `${cols}x${rows}:\n${t.screen()}`);
		assert.match(t.screen(), cols >= 20 ? /^berth/ : cols >= 8 ? /^b/ : /\S/, `${cols}x${rows}:\n${t.screen()}`);
	}
	await t.waitForText(/● a-container-wi/);
	t.resize(200, 20);
	await t.waitForText(`● ${name}`);
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
});

test('uptime words stay true while nothing happens: "Up 1 second" does not stay frozen', async () => {
	const name = `ageing-${process.pid}`;
	await run(name);
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	await term.waitForText(new RegExp(`● ${name} .*Up (Less than a second|[1-5] seconds?)`));
	// No event happens to this container: its words are written from its start time as the seconds pass.
	await term.waitForText(new RegExp(`● ${name} .*Up (1[0-9]|[2-5][0-9]) seconds`), {timeoutMs: 30_000});
});

test('tabs name every top-level pane; > and < walk through them and wrap around', async () => {
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(/ Containers {2}Images {2}Volumes {2}Networks {2}Compose {2}System {2}Events {2}Alerts {3}< > switch/);
	await t.waitForText(/Containers \d+\//);
	t.press('>');
	await t.waitForText(/Images \d+\//);
	t.press('>');
	await t.waitForText(/Volumes \d+\//);
	t.press('<');
	t.press('<');
	await t.waitForText(/Containers \d+\//);
	t.press('<');
	await t.waitForText(/Alerts/);
	t.press('>');
	await t.waitForText(/Containers \d+\//);
});

/** Containers <prefix>-a, -b, ... that each log "I am <letter>", and berth filtered down to them. */
async function filteredTo(prefix: string, suffixes: readonly string[]): Promise<Term> {
	for (const suffix of suffixes) await run(`${prefix}-${suffix}`, {Cmd: ['sh', '-c', `trap "exit 0" TERM; echo "I am ${suffix}"; while :; do sleep 1; done`]});
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(`● ${prefix}-${suffixes.at(-1) ?? ''}`);
	t.press('/');
	await t.waitForText('Enter keep');
	t.press(`${prefix}\r`);
	await t.waitForText(new RegExp(`Containers ${suffixes.length}/`));
	return t;
}

test('keys typed faster than a frame act one after another: "jl" opens the row j moved to, so does Ctrl+F then l, two spaces mark two rows', async () => {
	const prefix = `chunk-${process.pid}`;
	const t = await filteredTo(prefix, ['a', 'b', 'c']);
	// One chunk, as a fast typist, a paste or a slow SSH link delivers it.
	t.press('jl');
	await t.waitForText(`Logs ${prefix}-b`);
	await t.waitForText('I am b');
	t.press('escape');
	await t.waitForText(/Containers 3\//);
	// With a control key in the chunk (Ctrl+F, page down, to the last row) too.
	t.press('\u0006l');
	await t.waitForText(`Logs ${prefix}-c`);
	await t.waitForText('I am c');
	t.press('escape');
	await t.waitForText(/Containers 3\//);
	t.press('k');
	t.press('  ');
	await t.waitForText(`●*${prefix}-b`);
	await t.waitForText(`●*${prefix}-c`);
	assert.ok(!t.screen().includes(`●*${prefix}-a`), t.screen());
});

test('back from a pushed pane, the containers list is as it was left: filter, sort, selected row and marks', async () => {
	const prefix = `back-${process.pid}`;
	const t = await filteredTo(prefix, ['a', 'b', 'c', 'd']);
	// By name, then again for Z-A: d, c, b, a. Mark d (the selection moves on to c), select b, open its detail.
	t.press('N');
	await t.waitForText('sort: name ↑');
	t.press('N');
	await t.waitForText('sort: name ↓');
	t.press(' ');
	await t.waitForText(`●*${prefix}-d`);
	t.press('j');
	t.press('enter');
	await t.waitForText(new RegExp(`● ${prefix}-b .*window`));
	t.press('escape');
	await t.waitForText(/Containers 4\//);
	await t.waitForText(`●*${prefix}-d`);
	const rows = t.screen().split('\n').map(line => new RegExp(`${prefix}-(\\w)`).exec(line)?.[1]).filter(Boolean);
	assert.deepEqual(rows, ['d', 'c', 'b', 'a'], t.screen());
	// The selection is where it was.
	t.press('enter');
	await t.waitForText(new RegExp(`● ${prefix}-b .*window`));
});

test('marked containers: s stops all of them, s starts them again, d asks once and removes them all; the unmarked one is untouched', async () => {
	const [a, b, other] = [`bulk-a-${process.pid}`, `bulk-b-${process.pid}`, `bulk-other-${process.pid}`];
	const first = await run(a);
	const second = await run(b);
	const untouched = await run(other);
	term = startTerm({args: ['--host', host], cols: 150, rows: 20});
	const t = term;
	t.press('/');
	await t.waitForText('Enter keep');
	t.press(`bulk-\r`);
	await t.waitForText(/Containers 3\//);
	// The filtered rows are named alike; bulk-a and bulk-b sort first.
	t.press(' ');
	t.press(' ');
	await t.waitForText('2 marked: keys act on them');
	t.press('s');
	await t.waitForText(/Stopped 2 containers: bulk-a-\d+, bulk-b-\d+\./, {timeoutMs: 20_000});
	await engineSays(first, state => !state.Running);
	await engineSays(second, state => !state.Running);
	assert.equal((await untouched.inspect()).State.Running, true);
	await t.waitForText(/○\*bulk-a-\d+[^]*○\*bulk-b-\d+/);
	t.press('s');
	await t.waitForText(/Started 2 containers/, {timeoutMs: 20_000});
	await engineSays(first, state => state.Running);
	await engineSays(second, state => state.Running);
	await t.waitForText(/●\*bulk-a-\d+[^]*●\*bulk-b-\d+/);
	t.press('d');
	await t.waitForText('Remove 2 containers?');
	await t.waitForText(/│ {3}bulk-a-\d+, bulk-b-\d+ /);
	await t.waitForText(/\[x\] f {2}force/);
	t.press('y');
	await t.waitForText(/Removed 2 containers/, {timeoutMs: 20_000});
	const left = (await docker.listContainers({all: true, filters: {name: ['bulk-']}})).map(info => info.Names[0]);
	assert.deepEqual(left, [`/${other}`]);
	await t.waitForNoText(/marked: keys act on them/);
});

// End to end: the real berth binary in a pseudo-terminal against the private test engine.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture();
let term: Term | undefined;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('lists running containers first with live CPU and memory, shows one started from outside, stops one with s', async () => {
	const busy = `busy-${process.pid}`;
	const done = `done-${process.pid}`;
	await run(busy, ['sh', '-c', 'yes > /dev/null']);
	await (await run(done, ['true'])).wait();
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	const t = term;
	await t.waitForText(/Docker \d+\.\d+.* API 1\.\d+/);
	// Busy (20% and up: a shared machine may not give `yes` a whole core), with memory used / limit.
	await t.waitForText(new RegExp(`● ${busy}.*\\s([2-9]\\d|1\\d\\d)(\\.\\d)?%\\s+\\d+(\\.\\d+)?[KM]iB / `), {timeoutMs: 15_000});
	const screen = t.screen();
	assert.ok(screen.indexOf(busy) < screen.indexOf(done), 'running before stopped');
	assert.match(screen, new RegExp(`○ ${done}.*Exited \\(0\\)`));

	const outside = `outside-${process.pid}`;
	const container = await run(outside, ['sleep', '3600']);
	await t.waitForText(`● ${outside}`, {timeoutMs: 3000});

	await filterTo(t, outside, /Containers 1\//);
	t.press('s');
	await waitFor(async () => (await container.inspect()).State.Status === 'exited', {timeoutMs: 20_000, what: `${outside} to exit`});
	await t.waitForText(new RegExp(`○ ${outside}.*Exited`), {timeoutMs: 5000});
});

test('colour follows each run\'s terminal and NO_COLOR (berth starts from a snapshot made with neither)', async () => {
	const name = `colour-${process.pid}`;
	await run(name, ['sleep', '3600']);
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	await term.waitForText(`● ${name}`);
	assert.equal(term.colourOf(`● ${name}`), 2, 'a running container\'s glyph is green');
	term.kill();
	term = startTerm({args: ['--host', host], cols: 150, rows: 30, env: {NO_COLOR: '1'}});
	await term.waitForText(`● ${name}`);
	assert.equal(term.colourOf(`● ${name}`), 'default', 'NO_COLOR: no colour');
});

test('frames reach the terminal as synchronized updates, so it never shows half of one', async () => {
	const name = `synced-${process.pid}`;
	await run(name, ['sleep', '3600']);
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	await term.waitForText(`● ${name}`);
	// Ink brackets a frame in begin/end synchronized update (DEC mode 2026) only
	// when the stream it writes to says it is a terminal.
	assert.ok(term.raw().includes('\u001B[?2026h'), 'begin synchronized update');
	assert.ok(term.raw().includes('\u001B[?2026l'), 'end synchronized update');
});

test('d asks before removing: n keeps the container, y removes it; q restores the terminal', async () => {
	const name = `removeme-${process.pid}`;
	const container = await run(name, ['sleep', '3600']);
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	const t = term;
	await t.waitForText(`● ${name}`);
	assert.equal(t.isAlternateScreen(), true);
	await filterTo(t, name, /Containers 1\//);
	t.press('d');
	await t.waitForText(`Remove container ${name}?`);
	t.press('n');
	await t.waitForNoText('Remove container');
	assert.equal((await container.inspect()).State.Status, 'running');
	t.press('d');
	await t.waitForText(`Remove container ${name}?`);
	t.press('y');
	await waitFor(async () => !(await docker.listContainers({all: true})).some(c => c.Names.includes(`/${name}`)), {timeoutMs: 15_000, what: `${name} to be removed`});
	await t.waitForNoText(`● ${name}`, {timeoutMs: 5000});
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
	assert.equal(t.isAlternateScreen(), false);
});

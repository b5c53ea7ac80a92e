// Over a slow SSH link every byte berth writes crosses it: the real binary in a
// 200x50 pty, with 20 lightly busy containers, must send only what changes.
// Targets from the issue: at most 1,000 bytes/s on an idle list, 1,500 bytes for
// one j's frame, and a resize drawn whole once. The screen must stay right too.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, run, cleanup} = engineFixture({labels: {'berth.test.bytes': '1'}});
let term: Term | undefined;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

/** Bytes written from now until the output has been quiet for quietMs. */
async function burst(t: Term, quietMs: number): Promise<number> {
	const start = t.raw().length;
	let last = start;
	let quietSince = Date.now();
	const began = Date.now();
	while (Date.now() - began < 5000) {
		await new Promise(resolve => setTimeout(resolve, 20));
		const now = t.raw().length;
		if (now !== last) {
			last = now;
			quietSince = Date.now();
		} else if (now > start && Date.now() - quietSince >= quietMs) break;
	}
	return Buffer.byteLength(t.raw().slice(start));
}

test('an idle list of 20 containers sends under 1,000 bytes a second; j under 1,500; a resize redraws the screen whole', async () => {
	const names = Array.from({length: 20}, (_, index) => `bytes-${String(index).padStart(2, '0')}`);
	for (const name of names) await run(name, ['sh', '-c', 'while :; do i=0; while [ $i -lt 300 ]; do i=$((i+1)); done; sleep 1; done']);
	term = startTerm({args: ['--host', host], cols: 200, rows: 50});
	const t = term;
	// Every row with live numbers: the steady state.
	await waitFor(() => names.every(name => new RegExp(`● ${name} .*\\d+(\\.\\d+)?%\\s+\\d`).test(t.screen())), {timeoutMs: 20_000, what: () => `every row with live stats:\n${t.screen()}`});
	const before = Buffer.byteLength(t.raw());
	const startedAt = Date.now();
	await waitFor(() => Date.now() - startedAt >= 10_000 || undefined, {timeoutMs: 12_000, what: '10 s', intervalMs: 250});
	const perSecond = (Buffer.byteLength(t.raw()) - before) / ((Date.now() - startedAt) / 1000);
	assert.ok(perSecond > 0, 'the stats ticking send something');
	assert.ok(perSecond <= 1000, `${perSecond.toFixed(0)} bytes/s on an idle list`);

	await burst(t, 150);
	t.press('j');
	const key = await burst(t, 150);
	assert.ok(key <= 1500, `j took ${key} bytes`);
	await t.waitForText(/Containers \d+\/\d+/);

	t.resize(160, 40);
	await t.waitForText(/Containers \d+\/\d+/);
	const redraw = await burst(t, 300);
	assert.match(t.raw().slice(-redraw), /\u001B\[2J/, 'a resize clears and draws the screen whole');
	// Whole: the header, the list and the status line are all on the screen again.
	await t.waitForText(/● bytes-00 /);
	assert.match(t.screen(), /\? help/);
	assert.equal(t.wrappedRows(), 0, 'nothing drawn past the right edge');
});

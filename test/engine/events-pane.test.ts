// The events pane end to end: the real binary in a pseudo-terminal against the test engine.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {enterCommand, startTerm, type Term} from '../helpers/term.js';
import {engineFixture} from '../helpers/test-engine.js';

const {host, run, cleanup} = engineFixture({labels: {'berth.events-pane-test': '1'}});
let term: Term | undefined;

async function type(t: Term, text: string): Promise<void> {
	for (const char of text) t.press(char);
}
async function openEvents(t: Term): Promise<void> {
	await t.waitForText(/Docker \d+/);
	await enterCommand(t, 'events');
	await t.waitForText(/^Events \d+/m);
}
/** berth on the events pane, live and still empty. */
async function liveEvents(): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	await openEvents(term);
	await term.waitForText('Waiting for events');
	return term;
}
const line = (time: boolean, action: string, name: string) => new RegExp(`${time ? '\\d\\d:\\d\\d:\\d\\d ' : ''}container ${action}\\s+${name}\\b`);

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('the events pane shows create/start/die/destroy for a container started from outside; filters combine; history loads with t', async () => {
	const name = `evpane-${process.pid}`;
	const t = await liveEvents();
	const container = await run(name, {Cmd: ['sh', '-c', 'exit 3']});
	await container.wait();
	await container.remove();
	for (const action of ['create', 'start', 'die', 'destroy']) await t.waitForText(line(true, action, name), {timeoutMs: 5000});
	assert.match(t.screen(), new RegExp(`container die\\s+${name}\\s+exitCode=3`));

	// Filters: type and action and name together.
	t.press('/');
	await t.waitForText('filter:');
	await type(t, 'type=container action=die name=evpane');
	t.press('enter');
	await t.waitForText('type=container action=die name=evpane');
	await t.waitForNoText(line(true, 'create', name));
	assert.match(t.screen(), line(true, 'die', name));
	// Repeating a field adds alternatives: container or image events.
	t.press('/');
	await t.waitForText('filter:');
	await type(t, ' type=image');
	t.press('enter');
	await t.waitForText('type=container,image action=die name=evpane');
	assert.match(t.screen(), line(true, 'die', name));
	t.press('/');
	await t.waitForText('filter:');
	for (let i = 0; i < 60; i++) t.press('backspace');
	await type(t, 'type=image name=evpane');
	t.press('enter');
	await t.waitForText('No event matches type=image name=evpane');

	// Clear the filter: Esc cancels editing, an empty filter shows all.
	t.press('/');
	await t.waitForText('filter:');
	for (let i = 0; i < 60; i++) t.press('backspace');
	t.press('enter');
	await t.waitForText(line(true, 'create', name));

	// History: leaving and coming back starts live (empty); t loads the last 15 minutes first.
	await enterCommand(t, 'containers');
	await t.waitForText(/^Containers /m);
	await openEvents(t);
	await t.waitForText('Waiting for events');
	t.press('t');
	await t.waitForText('since 15m');
	await t.waitForText(line(true, 'destroy', name), {timeoutMs: 5000});
	const screen = t.screen();
	assert.equal(screen.split(line(true, 'create', name)).length - 1, 1, 'history and live meet without duplicates');
});

test('health-check execs are folded (h shows them); p pauses and counts what arrived', async () => {
	const name = `evhealth-${process.pid}`;
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await openEvents(t);
	await run(name, {Cmd: ['sleep', '300'], Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1}});
	await t.waitForText(line(true, 'health_status: unhealthy', name), {timeoutMs: 10_000});
	await t.waitForText(/[1-9]\d* health checks folded \(h\)/);
	assert.doesNotMatch(t.screen(), /exec_create/);
	t.press('h');
	// The action column is cut to fit: "exec_create: /bin/sh -c…".
	await t.waitForText(new RegExp(`container exec_create: /bin/sh -c…?\\s+${name}`), {timeoutMs: 5000});
	await t.waitForText(line(true, 'exec_die', name));

	t.press('p');
	await t.waitForText('‖ paused');
	const later = `evlater-${process.pid}`;
	await run(later, {Cmd: ['true']});
	await t.waitForText(/‖ paused \(\d+ new\)/, {timeoutMs: 5000});
	assert.doesNotMatch(t.screen(), new RegExp(later));
	t.press('p');
	await t.waitForNoText('paused');
	await t.waitForText(line(true, 'start', later));
});

test('E on a container opens its events with the last 15 minutes of history', async () => {
	const name = `evfrom-${process.pid}`;
	const container = await run(name, {Cmd: ['sleep', '300']});
	await container.kill();
	await container.start();
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(`● ${name}`);
	t.press('/');
	await t.waitForText('Enter keep');
	await type(t, name);
	await t.waitForText(/Containers 1\//);
	t.press('enter');
	await t.waitForNoText('Enter keep');
	t.press('E');
	await t.waitForText(`since 15m  name=${name}`);
	// From history: created, started, killed (signal 9), died, started again.
	await t.waitForText(line(true, 'create', name), {timeoutMs: 5000});
	await t.waitForText(new RegExp(`container kill\\s+${name}\\s+signal=9`));
	await t.waitForText(new RegExp(`container die\\s+${name}\\s+exitCode=137`));
	assert.equal(t.screen().split(line(true, 'start', name)).length - 1, 2);
	t.press('escape');
	await t.waitForText(/^Containers /m);
});

test('back from the logs of an event\'s container, the events pane is as it was left: its filter and its events', async () => {
	const name = `evback-${process.pid}`;
	const t = await liveEvents();
	await run(name, {Cmd: ['sh', '-c', 'trap "exit 0" TERM; echo "hello from the events test"; while :; do sleep 1; done']});
	await t.waitForText(line(true, 'start', name), {timeoutMs: 5000});
	t.press('/');
	await t.waitForText('filter:');
	await type(t, `name=${name}`);
	t.press('enter');
	await t.waitForText(`name=${name}`);
	// Following the newest event: Enter opens the logs of its container.
	t.press('enter');
	await t.waitForText('hello from the events test');
	t.press('escape');
	await t.waitForText(/^Events \d+/m);
	await t.waitForText(`name=${name}`);
	await t.waitForText(line(true, 'start', name), {timeoutMs: 5000});
	assert.ok(!t.screen().includes('Waiting for events'), t.screen());
});

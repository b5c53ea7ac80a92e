// Alerts end to end: real containers that break in four ways, the real binary
// in a pseudo-terminal, and what a person sees (toast, badge, list, bell).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitFor, waitForExit} from '../helpers/test-engine.js';

const {host, run, cleanup} = engineFixture({labels: {'berth.alerts-pane-test': '1'}});
const mib = 1024 * 1024;
let term: Term | undefined;

const bells = (t: Term) => t.raw().split('\u0007').length - 1;

engineTestHooks({host, cleanup, async afterEach() {
	term?.kill();
	term = undefined;
	// The restart loop would keep raising alerts in the next test.
	await cleanup();
}});

test('OOM kill, exit 3, failing health check and a restart loop each raise the right alert on screen; the bell rings; ! lists them', async () => {
	const id = process.pid;
	term = startTerm({args: ['--host', host], cols: 130, rows: 30});
	const t = term;
	await t.waitForText(/^Containers /m);
	// A probe crash tells us the alert stream is open (it starts live, with no history).
	for (let attempt = 0; !t.screen().includes(`probe-${id}`); attempt++) {
		assert.ok(attempt < 20, 'the alert stream never opened');
		await run(`probe-${id}-${attempt}`, {Cmd: ['sh', '-c', 'exit 9']});
		await t.waitForText(`probe-${id}-${attempt} exited with code 9`, {timeoutMs: 1000}).catch(() => undefined);
	}
	const bellsBefore = bells(t);
	assert.ok(bellsBefore >= 1, 'a new alert rings the bell');

	await run(`oom-${id}`, {Cmd: ['sh', '-c', 'x=0123456789; while :; do x="$x$x"; done'], HostConfig: {Memory: 8 * mib, MemorySwap: 8 * mib}});
	await t.waitForText(new RegExp(`! OOM .*oom-${id} was killed: out of memory`), {timeoutMs: 5000});

	await run(`exit3-${id}`, {Cmd: ['sh', '-c', 'exit 3']});
	await t.waitForText(new RegExp(`! exit .*exit3-${id} exited with code 3`), {timeoutMs: 5000});

	await run(`sick-${id}`, {Cmd: ['sleep', '300'], Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1}});
	await t.waitForText(new RegExp(`! unhealthy .*sick-${id} is unhealthy`), {timeoutMs: 8000});

	await run(`loop-${id}`, {Cmd: ['false'], HostConfig: {RestartPolicy: {Name: 'always'}}});
	await t.waitForText(new RegExp(`! restarts .*loop-${id} is restarting in a loop: 3 restarts in 1 min`), {timeoutMs: 10_000});

	// The header counts what nobody has looked at: probe(s), oom, exit 3, unhealthy, loop's exit, loop.
	await t.waitForText(/ ! [6-9]\d* /);
	assert.ok(bells(t) > bellsBefore, 'later alerts ring too');

	t.press('!');
	await t.waitForText(/^Alerts \d+/m);
	await t.waitForNoText(/ ! \d+ /);
	const screen = t.screen();
	assert.match(screen, new RegExp(`OOM\\s+oom-${id} was killed: out of memory`));
	assert.match(screen, new RegExp(`exit\\s+exit3-${id} exited with code 3`));
	assert.match(screen, new RegExp(`unhealthy\\s+sick-${id} is unhealthy`));
	assert.match(screen, new RegExp(`restarts\\s+loop-${id} is restarting in a loop`));
	assert.match(screen, new RegExp(`exit\\s+loop-${id} exited with code 1 \\(general error\\)( \\(×\\d+\\))?`));
	assert.doesNotMatch(screen, new RegExp(`exit\\s+oom-${id}`), 'an OOM kill is one alert, not also an exit 137');

	// The unhealthy alert shows its container's health check and last results.
	const rows = screen.split('\n');
	const sickRow = rows.findIndex(row => row.includes(`sick-${id} is unhealthy`));
	const firstRow = rows.findIndex(row => /^\d\d:\d\d:\d\d /.test(row));
	for (let i = firstRow; i < sickRow; i++) t.press('j');
	await t.waitForText(`Health sick-${id}`);
	await t.waitForText('Check  /bin/sh -c false · every 1s');
	await t.waitForText(/\d\d:\d\d:\d\d {2}exit 1 /);

	// From the alert, E jumps to that container's events.
	t.press('E');
	await t.waitForText(`name=sick-${id}`);
	await t.waitForText(new RegExp(`health_status: unhealthy\\s+sick-${id}`), {timeoutMs: 5000});
	t.press('escape');
	await t.waitForText(/^Alerts \d+/m);
	// Enter opens its logs (a message while this build has no logs pane).
	t.press('enter');
	await t.waitForText(/There is no logs pane in this build\.|^Logs/m);
	if (!t.screen().includes('There is no logs pane')) {
		t.press('escape');
		await t.waitForText(/^Alerts \d+/m);
	}
	// c shows the container in the list, selected: E from there is about it.
	t.press('c');
	await t.waitForText(/^Containers /m);
	t.press('E');
	await t.waitForText(`name=sick-${id}`);
});

test('--no-bell keeps the terminal quiet; b in the alert list turns the bell back on', async () => {
	const id = process.pid;
	term = startTerm({args: ['--host', host, '--no-bell'], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(/^Containers /m);
	for (let attempt = 0; !t.screen().includes(`quiet-${id}`); attempt++) {
		assert.ok(attempt < 20, 'the alert stream never opened');
		await run(`quiet-${id}-${attempt}`, {Cmd: ['sh', '-c', 'exit 4']});
		await t.waitForText(`quiet-${id}-${attempt} exited with code 4`, {timeoutMs: 1000}).catch(() => undefined);
	}
	assert.equal(bells(t), 0);
	t.press('!');
	await t.waitForText('bell off (b)');
	t.press('b');
	await t.waitForText('bell on (b)');
	// Past the bell's 2 s gap, so the next alert rings whatever rang before.
	await new Promise(resolve => setTimeout(resolve, 2100));
	await run(`loud-${id}`, {Cmd: ['sh', '-c', 'exit 5']});
	await t.waitForText(`loud-${id} exited with code 5`);
	assert.equal(bells(t), 1);
});

test('the engine going away is one alert (toast and list), and berth carries on when it is back', async () => {
	// A second, private engine that this test may stop.
	const engineB = await startEngine(`/tmp/berth-engine-alerts-${process.pid}`);
	try {
		term = startTerm({args: ['--host', engineB.host], cols: 120, rows: 24});
		const t = term;
		await t.waitForText(/^Containers /m);
		// The outage starts once berth follows the engine: its one event stream (list refresh, alert watch and feed share it) is open.
		await waitFor(async () => (await engineB.docker.info() as {NEventsListener: number}).NEventsListener >= 1, {what: 'berth\'s event stream'});
		const stopped = await engineB.pid();
		process.kill(stopped, 'SIGTERM');
		await t.waitForText(/! engine .*Lost the Docker engine/, {timeoutMs: 20_000});
		await waitForExit(stopped);
		await engineB.up();
		await t.waitForNoText('engine unreachable', {timeoutMs: 20_000});
		t.press('!');
		await t.waitForText(/^Alerts 1 /m);
		assert.equal(t.screen().match(/engine +Lost the Docker engine/g)?.length, 1, 'one alert for one outage, however many retries');
	} finally {
		await engineB.down();
	}
});

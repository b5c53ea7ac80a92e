// The detail view end to end: the real binary in a pseudo-terminal against the test engine.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture} from '../helpers/test-engine.js';

const label = 'berth.test.detail';
const {host, docker, cleanup} = engineFixture({labels: {[label]: '1', 'berth.test': '1'}});
let term: Term | undefined;

async function openDetail(t: Term, name: string): Promise<void> {
	await t.waitForText(`● ${name}`);
	await filterTo(t, name);
	t.press('enter');
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('Enter opens live charts with the limits from inspect; [ and ] change the window; Esc goes back', async () => {
	const name = `detail-${process.pid}`;
	const container = await docker.createContainer({
		name, Image: 'berth-test/busybox:latest', Cmd: ['sh', '-c', 'yes > /dev/null'], Labels: {[label]: '1', 'berth.test': '1'},
		HostConfig: {NanoCpus: 800_000_000, Memory: 64 * 1024 * 1024, RestartPolicy: {Name: 'unless-stopped'}},
	});
	await container.start();
	term = startTerm({args: ['--host', host], cols: 120, rows: 40});
	const t = term;
	await openDetail(t, name);
	await t.waitForText('PIDs 1 · restarts 0 (policy unless-stopped) · CPU limit 0.8 CPUs · memory limit 64.0MiB');
	await t.waitForText(/CPU {2}now \d+(\.\d)?% · peak \d+(\.\d)?% · limit 80\.0%/, {timeoutMs: 15_000});
	await t.waitForText(/Memory used limit {2}now \d+(\.\d+)?KiB \/ 64\.0MiB/);
	// The CPU axis tops at the 80% limit, and the line is drawn.
	await t.waitForText(/^ +80% ┤/m);
	await t.waitForText(/Network rx tx {2}rx 0B\/s · tx 0B\/s/);
	await t.waitForText(/Block I\/O read write {2}read \d/);
	assert.match(t.screen(), /window 2m/);
	t.press(']');
	await t.waitForText('window 5m');
	t.press('[');
	await t.waitForText('window 2m');
	t.press('-');
	await t.waitForText('window 1m');
	t.press('escape');
	await t.waitForText(/Containers \d+\//);
	await t.waitForNoText('window 1m');
});

test('a tiny terminal gets the figures without charts, and a container removed underneath says so', async () => {
	const name = `detail-tiny-${process.pid}`;
	const container = await docker.createContainer({name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], Labels: {[label]: '1', 'berth.test': '1'}});
	await container.start();
	term = startTerm({args: ['--host', host], cols: 50, rows: 12});
	const t = term;
	await openDetail(t, name);
	await t.waitForText(/CPU {2}now /);
	await t.waitForText(/Block I\/O/);
	assert.doesNotMatch(t.screen(), /┤/);
	await container.remove({force: true});
	await t.waitForText('gone (removed)');
	assert.match(t.screen(), new RegExp(`✗ ${name}`), 'the view still names the container');
});

test('a container that never ran says its charts have no samples, not that they are coming', async () => {
	const name = `unrun-${process.pid}`;
	await docker.createContainer({name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], Labels: {[label]: '1', 'berth.test': '1'}});
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await t.waitForText(`◌ ${name}`);
	await filterTo(t, name);
	t.press('enter');
	await t.waitForText(new RegExp(`◌ ${name} .*Created`));
	await t.waitForText('no samples: not running');
	assert.doesNotMatch(t.screen(), /collecting samples/);
});

test('a container with a health check shows the check and its last results under the charts', async () => {
	const name = `detail-health-${process.pid}`;
	const container = await docker.createContainer({
		name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], Labels: {[label]: '1', 'berth.test': '1'},
		Healthcheck: {Test: ['CMD-SHELL', 'echo probe-ok'], Interval: 1_000_000_000, Timeout: 1_000_000_000, Retries: 2},
	});
	await container.start();
	term = startTerm({args: ['--host', host], cols: 120, rows: 40});
	const t = term;
	await t.waitForText(new RegExp(`● ${name} .*healthy`), {timeoutMs: 15_000});
	await openDetail(t, name);
	await t.waitForText(new RegExp(`Health ${name} +healthy`));
	await t.waitForText(/Check {2}(\/bin\/sh -c )?echo probe-ok · every 1s · timeout 1s · 2 retries/);
	await t.waitForText(/\d\d:\d\d:\d\d {2}exit 0 .*probe-ok/, {timeoutMs: 10_000});
});

// A faulty link between berth and a healthy engine: each fault kind on each
// kind of request, then a long random run with churn. Whatever happened, within
// 10 s of the link healing the screen shows the engine's own truth.
import assert from 'node:assert/strict';
import {readFile, rm} from 'node:fs/promises';
import {test} from 'node:test';
import {Churn} from '../helpers/churn.js';
import {waitForTruth} from '../helpers/convergence.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {mulberry32, startFaultProxy, type Fault, type FaultProxy, type RequestKind} from '../helpers/fault-proxy.js';
import {enterCommand, filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, testDocker, testLabel, waitFor} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture({labels: {[testLabel]: 'churn'}});
const docker = await testDocker();
const convergeMs = 10_000;
let term: Term | undefined;
let proxy: FaultProxy | undefined;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
	void proxy?.close();
	proxy = undefined;
}});

async function start(prefix: string, random?: () => number): Promise<{t: Term; p: FaultProxy; churn: Churn}> {
	await cleanup();
	proxy = await startFaultProxy({target: host.replace(/^unix:\/\//, ''), seed: 1});
	const churn = new Churn(docker, prefix, random);
	await churn.create();
	// The engine's streams, not the local cgroup collector: their faults are what this file is about.
	term = startTerm({args: ['--host', proxy.host, '--stats-source', 'engine'], cols: 200, rows: 50});
	await term.waitForText(`● ${prefix}1`);
	return {t: term, p: proxy, churn};
}

async function waitForCount(p: FaultProxy, kind: RequestKind, fault: Fault['kind'], atLeast = 1): Promise<void> {
	await waitFor(() => p.counts[kind][fault] >= atLeast, {timeoutMs: 20_000, what: () => `${fault} on ${atLeast} ${kind} requests; the proxy applied it to ${p.counts[kind][fault]}`});
}

const breaking: readonly Fault[] = [
	{kind: 'refuse'},
	{kind: 'cut', afterBytes: 120},
	{kind: 'garbage', afterBytes: 0},
	{kind: 'corrupt'},
	{kind: 'hang'},
	{kind: 'drip', intervalMs: 100},
];

test('every fault on the list, inspect and info reads: the header says so, and the list is the engine\'s within 10 s of the link healing', async () => {
	const {t, p, churn} = await start('reads');
	for (const fault of [...breaking, {kind: 'delay', ms: 2500} as const]) {
		p.setRules([{paths: ['list', 'inspect', 'info'], fault}]);
		await churn.everyKind();
		await waitForCount(p, 'list', fault.kind);
		// A late answer is no failure; every other fault must show in the header before the link heals.
		if (fault.kind !== 'delay') await t.waitForText('reconnecting', {timeoutMs: 15_000});
		p.clear();
		const took = await waitForTruth(docker, t, 'reads', convergeMs);
		console.error(`reads, ${fault.kind}: converged ${took} ms after the link healed`);
	}
	await t.waitForNoText('reconnecting', {timeoutMs: convergeMs});
});

test('every fault on the event stream: no change made while it was broken is missed', async () => {
	const {t, p, churn} = await start('events');
	for (const fault of [...breaking, {kind: 'cut', afterBytes: 400} as const]) {
		p.setRules([{paths: ['events'], fault}]);
		// Rules fault new connections: dropping the open ones makes berth's next event streams the faulty ones.
		await p.setDown(true);
		await p.setDown(false);
		await churn.everyKind();
		await waitForCount(p, 'events', fault.kind);
		await churn.everyKind();
		p.clear();
		await waitForTruth(docker, t, 'events', convergeMs);
	}
});

test('every fault on the stats streams: no stale numbers, and live numbers again within 10 s', async () => {
	const {t, p, churn} = await start('stats');
	for (const fault of breaking) {
		p.setRules([{paths: ['stats'], fault}]);
		const fresh = await churn.create();
		const name = (await fresh.inspect()).Name.replace(/^\//, '');
		await waitForCount(p, 'stats', fault.kind);
		// Its stream is faulty from the start: it shows "-", never a number it does not have.
		await t.waitForText(new RegExp(`● ${name} .*\\s-\\s`));
		p.clear();
		await waitForTruth(docker, t, 'stats', convergeMs);
	}
});

test('every fault on a followed log: it follows again, with no line shown twice and none lost', async () => {
	const {t, p, churn} = await start('logs');
	const counter = await churn.create(true, ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "n=$i"; sleep 0.05; done']);
	const name = (await counter.inspect()).Name.replace(/^\//, '');
	await filterTo(t, name, /Containers 1\//);
	p.setRules([
		{paths: ['logs'], fault: {kind: 'cut', afterBytes: 700}, times: 2},
		{paths: ['logs'], fault: {kind: 'garbage', afterBytes: 900}, times: 1},
		{paths: ['logs'], fault: {kind: 'corrupt'}, times: 1},
		{paths: ['logs'], fault: {kind: 'refuse'}, times: 2},
		{paths: ['logs'], fault: {kind: 'cut', afterBytes: 1500}, times: 1},
	]);
	t.press('l');
	await waitForCount(p, 'logs', 'cut', 3);
	await waitForCount(p, 'logs', 'refuse', 2);
	await t.waitForText('following', {timeoutMs: convergeMs});
	const last = Number(/n=(\d+)/.exec((await counter.logs({stdout: true, tail: 1})).toString('latin1'))?.[1]);
	await t.waitForText(`n=${last + 20}`, {timeoutMs: convergeMs});
	const path = `/tmp/berth-faults-${process.pid}.log`;
	await rm(path, {force: true});
	t.press('S');
	await t.waitForText('save to:');
	t.press('\u0015');
	for (const char of path) t.press(char);
	t.press('enter');
	await t.waitForText(`to ${path}`);
	const numbers = (await readFile(path, 'utf8')).trim().split('\n').map(line => Number(/n=(\d+)/.exec(line)?.[1]));
	await rm(path, {force: true});
	assert.ok(numbers.length > last, `read ${numbers.length} lines`);
	numbers.forEach((n, index) => assert.equal(n, index + 1, `line ${index + 1} of the saved log reads n=${n}`));
});

test('a stop whose answer is cut is read back, not sent again, and the status line says what the engine did', async () => {
	const {t, p} = await start('action');
	await filterTo(t, 'action1', /Containers 1\//);
	p.setRules([{paths: ['action'], fault: {kind: 'cut', afterBytes: 0}, times: 1}]);
	t.press('s');
	await t.waitForText('its answer was lost; the engine shows it done', {timeoutMs: 40_000});
	const state = (await docker.getContainer((await docker.listContainers({all: true, filters: {name: ['action1']}}))[0]?.Id ?? '').inspect()).State;
	assert.equal(state.Running, false);
	assert.equal(p.counts.action.cut, 1);
	await waitForTruth(docker, t, 'action', convergeMs);
});

test('60 s of random faults on every request while containers churn: within 10 s of the link healing, the list, stats, events and alerts are live', async () => {
	const seed = Number(process.env['BERTH_FAULT_SEED'] ?? Date.now() % 2 ** 31);
	console.error(`fault run seed: ${seed} (BERTH_FAULT_SEED=${seed} replays the churn)`);
	const {t, p, churn} = await start('random', mulberry32(seed));
	// One healthy and one unhealthy container: their health must come through too.
	await churn.create(true, ['sleep', '3600'], {Test: ['CMD', 'true'], Interval: 500_000_000, StartPeriod: 0});
	await churn.create(true, ['sleep', '3600'], {Test: ['CMD', 'false'], Interval: 500_000_000, Retries: 1});
	p.setRandom({seed, probability: 0.3, paths: 'all'});
	const until = Date.now() + 60_000;
	while (Date.now() < until) {
		await churn.step();
		await new Promise(resolve => setTimeout(resolve, 150));
	}
	p.clear();
	const took = await waitForTruth(docker, t, 'random', convergeMs);
	console.error(`converged ${took} ms after the link healed`);
	await t.waitForNoText('reconnecting', {timeoutMs: convergeMs});
	// The events view follows live again: a container made now shows up there.
	await enterCommand(t, 'events');
	await t.waitForText(/^Events \d+/m);
	const late = await churn.create(true, ['sh', '-c', 'exit 3']);
	const name = (await late.inspect()).Name.replace(/^\//, '');
	await t.waitForText(new RegExp(`container die\\s+${name}\\s+exitCode=3`), {timeoutMs: 5000});
	// And the alerts watch too: the exit with code 3 raises an alert.
	await t.waitForText(new RegExp(`! exit .*${name} exited with code 3`), {timeoutMs: 5000});
});

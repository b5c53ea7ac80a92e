// Status words written by berth against the engine's own: the formatter word for
// word, and the real binary in a pseudo-terminal, second by second.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import Docker from 'dockerode';
import {toContainerTimes} from '../../source/engine/resources/container-times.js';
import type {Health} from '../../source/engine/resources/containers.js';
import {clockOffset} from '../../source/engine/resources/host-info.js';
import {stateWords} from '../../source/text/status-words.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const label = 'berth.test.words';
let term: Term | undefined;

async function cleanup(): Promise<void> {
	for (const info of await docker.listContainers({all: true, filters: {label: [label]}})) await docker.getContainer(info.Id).remove({force: true});
}
async function create(name: string, options: Partial<Docker.ContainerCreateOptions> = {}): Promise<Docker.Container> {
	return docker.createContainer({name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '3600'], Labels: {[label]: '1', 'berth.test': '1'}, ...options});
}
async function waitFor<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}
const healthOf = (status: string | undefined): Health => (status === 'healthy' || status === 'unhealthy' || status === 'starting' ? status : 'none');

interface Raw {
	readonly State?: {readonly Status?: string; readonly StartedAt?: string; readonly FinishedAt?: string; readonly ExitCode?: number; readonly Health?: {readonly Status?: string}};
}

/**
 * The engine's clock against ours as berth reckons it (clockOffset), from the
 * quickest of a few /info requests: the engine reads its clock at some moment of
 * the request, so the reckoning is good to half its round trip.
 */
async function engineClock(): Promise<{readonly offsetMs: number; readonly uncertaintyMs: number}> {
	let best = {offsetMs: 0, uncertaintyMs: Number.POSITIVE_INFINITY};
	for (let i = 0; i < 5; i++) {
		const sentAt = Date.now();
		const info = await docker.info() as {SystemTime?: string};
		const receivedAt = Date.now();
		const offsetMs = clockOffset(info.SystemTime, sentAt, receivedAt);
		assert.ok(offsetMs !== undefined, 'the engine says its time');
		if ((receivedAt - sentAt) / 2 < best.uncertaintyMs) best = {offsetMs, uncertaintyMs: (receivedAt - sentAt) / 2 + 1};
	}
	return best;
}

/**
 * The engine's list words for each labelled container and every word the
 * formatter writes over the time the list may have been written in, on the
 * engine's clock as far as it is known. An inspect before and after the list
 * must agree, or the round is not judged (a restart in between).
 */
async function compareOnce(clock: {readonly offsetMs: number; readonly uncertaintyMs: number}): Promise<ReadonlyArray<{name: string; engine: string; ours: readonly string[]}> | undefined> {
	const filters = {label: [label]};
	const ids = (await docker.listContainers({all: true, filters})).map(info => info.Id);
	const inspectAll = () => Promise.all(ids.map(async id => JSON.stringify((await docker.getContainer(id).inspect() as Raw).State)));
	const before = await inspectAll();
	const sentAt = Date.now();
	const listed = await docker.listContainers({all: true, filters});
	const receivedAt = Date.now();
	const after = await inspectAll();
	if (before.join() !== after.join()) return undefined;
	const from = sentAt + clock.offsetMs - clock.uncertaintyMs;
	const to = receivedAt + clock.offsetMs + clock.uncertaintyMs;
	return listed.map(info => {
		const raw = {State: JSON.parse(after[ids.indexOf(info.Id)] ?? '{}')} as Raw;
		const times = {...toContainerTimes(raw), health: healthOf(raw.State?.Health?.Status)};
		const ours = new Set<string>();
		for (let at = from; at < to; at += 10) ours.add(stateWords(times, at));
		ours.add(stateWords(times, to));
		return {name: info.Names[0] ?? '', engine: info.Status, ours: [...ours]};
	});
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('the formatter writes what the engine writes, for every state it can be caught in', async () => {
	const id = process.pid;
	await (await create(`words-up-${id}`)).start();
	const paused = await create(`words-paused-${id}`);
	await paused.start();
	await paused.pause();
	await create(`words-created-${id}`);
	const exited = await create(`words-exited-${id}`, {Cmd: ['sh', '-c', 'exit 7']});
	await exited.start();
	await exited.wait();
	await (await create(`words-health-${id}`, {Healthcheck: {Test: ['CMD', 'true'], Interval: 3_000_000_000}})).start();
	// Restart backoff doubles from 100 ms: after a few crashes it sits in 'restarting' long enough to be listed so.
	const crashing = await create(`words-crash-${id}`, {Cmd: ['sh', '-c', 'exit 3'], HostConfig: {RestartPolicy: {Name: 'always'}}});
	await crashing.start();
	const clock = await engineClock();

	const seen = new Set<string>();
	const deadline = Date.now() + 30_000;
	// Rounds until each kind of words was compared, the seconds moving on between them.
	while (!['Up', 'Paused', 'Created', 'Exited (7)', 'healthy', 'starting', 'Restarting (3)'].every(kind => seen.has(kind))) {
		assert.ok(Date.now() < deadline, `not all kinds seen: ${[...seen].join(', ')}`);
		const round = await compareOnce(clock);
		for (const {name, engine, ours} of round ?? []) {
			assert.ok(ours.includes(engine), `${name}: the engine wrote "${engine}", the formatter ${ours.map(w => `"${w}"`).join(' / ')}`);
			const kind = /\(Paused\)/.test(engine) ? 'Paused' : /\((?:health: )?(starting|healthy)\)/.exec(engine)?.[1] ?? /^(Up|Created|Exited \(\d+\)|Restarting \(\d+\))/.exec(engine)?.[1];
			if (kind) seen.add(kind);
		}
		await new Promise(resolve => setTimeout(resolve, 300));
	}
	// The crashing one would send events, and events bring lists: the next test wants none.
	await cleanup();
});

/** The status words on the screen row of `name`. */
function shownWords(t: Term, name: string): string | undefined {
	const row = t.screen().split('\n').find(line => line.includes(` ${name} `));
	return row ? /(Up .+?|Exited \(\d+\) .+? ago)(?: {2}|\s*$)/.exec(row)?.[1] : undefined;
}
/** The seconds in the first "Up N seconds" / "N seconds ago" of `text`. */
const secondsIn = (text: string | undefined) => Number(/(\d+) seconds?/.exec(text ?? '')?.[1] ?? Number.NaN);
/** Waits until the words shown for `name` count at least `seconds`. */
const waitForSeconds = (t: Term, name: string, seconds: number, timeoutMs: number) =>
	waitFor(async () => (secondsIn(shownWords(t, name)) >= seconds ? true : undefined), `${name} at ${seconds} seconds`, timeoutMs);

test('the table\'s words move on each second with no list read, and read as the engine\'s own at that moment', async () => {
	const up = `words-table-up-${process.pid}`;
	const done = `words-table-exit-${process.pid}`;
	await (await create(up)).start();
	const exited = await create(done, {Cmd: ['sh', '-c', 'exit 7']});
	await exited.start();
	await exited.wait();
	term = startTerm({args: ['--host', host], cols: 150, rows: 30});
	const t = term;
	await t.waitForText(new RegExp(`○ ${done} .*Exited \\(7\\) \\d+ seconds? ago`));
	// Second by second, though a list is read only on events and none happen here. The
	// running one's stats redraw each second and carry the words, so one may be skipped
	// when two frames are a little over a second apart.
	const first = secondsIn(shownWords(t, done));
	for (let n = first + 1; n <= first + 3; n++) await waitForSeconds(t, done, n, 2500);

	// Twice, a few seconds apart: what the engine writes when asked is what the screen
	// showed just before, or shows soon after (a second turned while asking, and the
	// stats frame that carries the words comes once a second).
	for (let round = 0; round < 2; round++) {
		if (round > 0) await waitForSeconds(t, up, secondsIn(shownWords(t, up)) + 3, 6000);
		await t.waitForText(up);
		const before = [shownWords(t, up), shownWords(t, done)];
		const listed = await docker.listContainers({all: true, filters: {label: [label]}});
		for (const [index, name] of [up, done].entries()) {
			const engine = listed.find(info => info.Names.includes(`/${name}`))?.Status ?? '';
			if (before[index] === engine) continue;
			await t.waitForText(new RegExp(`${name} .*${engine.replace(/[()]/g, '\\$&')}`), {timeoutMs: 1500})
				.catch(() => assert.fail(`${name}: the engine says "${engine}", the screen said "${before[index]}" and then "${shownWords(t, name)}"`));
		}
	}

	// The detail pane's header counts the same way.
	await filterTo(t, up);
	t.press('enter');
	const header = await waitFor(async () => /Up (\d+) seconds/.exec(t.screen())?.[1], 'the detail header');
	await waitFor(async () => (secondsIn(new RegExp(`${up} +(Up \\d+ seconds)`).exec(t.screen())?.[1]) > Number(header) ? true : undefined), 'the header a second on', 2500);
});

// The logs pane against the in-memory engine: the tail it opens on, following,
// leaving and resuming the follow, search (into older history too), filter,
// timestamps, merged logs, a stream that breaks, and saving to a file.
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const minute = 60_000;

/** A container with ten lines written over the last ten minutes, two of them errors on stderr. */
function chatty(engine: InMemoryEngine): void {
	engine.addContainer({name: 'web', startedAgoMs: 20 * minute});
	const now = Date.now();
	for (let index = 0; index < 10; index++) {
		const isError = index === 3 || index === 7;
		engine.log('web', isError ? `error: request ${index} failed` : `GET /page/${index} 200`, {stream: isError ? 'stderr' : 'stdout', atMs: now - (10 - index) * minute});
	}
}

async function openLogs(t: Parameters<typeof openApp>[0], setUp: (engine: InMemoryEngine) => void) {
	const fixture = await openApp(t, setUp);
	await fixture.app.waitFor(/● web/);
	await fixture.app.press('l');
	await fixture.app.waitFor(/Logs web {2}following/);
	return fixture;
}

test('l opens the log on its tail and follows what the container writes next', async t => {
	const {engine, app} = await openLogs(t, chatty);
	let frame = await app.waitFor(/GET \/page\/9 200/);
	assert.match(frame, /following · 10 lines · since all · tail 1000/);
	assert.match(frame, /error: request 3 failed/);
	engine.log('web', 'a line written now');
	frame = await app.waitFor(/a line written now/);
	assert.match(frame, /11 lines/);
	assert.ok(frame.indexOf('GET /page/9 200') < frame.indexOf('a line written now'), 'in the order written');
});

test('moving up leaves the follow and End resumes it; t shows and hides timestamps', async t => {
	const {engine, app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	await app.press('k');
	const frame = await app.waitFor(/paused at 9\/10 · End follows/);
	assert.match(frame, /› GET \/page\/8 200/);
	engine.log('web', 'written while paused');
	await app.waitFor(/written while paused/);
	assert.match(app.frame(), /paused at 9\/11/);
	await app.press(keys.end);
	await app.waitFor(/following · 11 lines/);
	await app.press('t');
	await app.waitFor(/\d\d:\d\d:\d\d(\.\d+)? GET \/page\/9 200/);
	await app.press('t');
	await app.waitFor(frame => !/\d\d:\d\d:\d\d(\.\d+)? GET \/page\/9 200/.test(frame));
});

test('/ searches as it is typed, n and N go to older and newer matches, Esc leaves the search', async t => {
	const {app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	await app.press('/');
	await app.type('error');
	let frame = await app.waitFor(/^\/error .*Tab regex off/m);
	assert.match(frame, /›▌error: request 7 failed/, 'on the newest match while typing');
	await app.press(keys.enter);
	frame = await app.waitFor(/search "error"/);
	await app.press('n');
	await app.waitFor(/›▌error: request 3 failed/);
	await app.press('N');
	await app.waitFor(/›▌error: request 7 failed/);
	await app.press('N');
	await app.waitFor(/No newer match\./);
	await app.press('/');
	await app.type('no such text\r');
	// Nothing older is loaded yet, so the search reads back to the container's start before it gives up.
	await app.waitFor(/No match in the whole log\./);
	await app.press('/');
	await app.type('GET');
	await app.waitFor(/^\/GET /m);
	await app.press(keys.escape);
	frame = await app.waitFor(frame => !/^\/GET /m.test(frame));
	assert.doesNotMatch(frame, /search "/);
});

test('a search that finds nothing loaded reads back through older history until it finds it', async t => {
	const {app, engine} = await openApp(t, engine => {
		engine.addContainer({name: 'web', startedAgoMs: 50 * minute, createdAgoMs: 60 * minute});
		const now = Date.now();
		engine.log('web', 'the needle, long ago', {atMs: now - 50 * minute});
		for (let index = 0; index < 1200; index++) engine.log('web', `hay ${index}`, {atMs: now - 40 * minute + index * 1000});
	});
	await app.waitFor(/● web/);
	await app.press('l');
	// The log opens on its last 1000 lines: the needle is older than those.
	await app.waitFor(/hay 1199/);
	assert.match(app.frame(), /1,000 lines · since all · tail 1000/);
	await app.press('/');
	await app.type('needle\r');
	await app.waitFor(/› the needle, long ago/);
	assert.match(app.frame(), /Found after reading \d+ older lines\./);
	assert.ok(engine.requests.some(request => /\/logs\?.*until=/.test(request)), 'history was read in time windows');
});

test('f shows only matching lines (with c for context), Esc shows them all again', async t => {
	const {app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	await app.press('f');
	await app.type('error\r');
	let frame = await app.waitFor(/filter "error" 2/);
	assert.match(frame, /error: request 3 failed/);
	assert.match(frame, /error: request 7 failed/);
	assert.doesNotMatch(frame, /GET \/page/);
	await app.press('c');
	frame = await app.waitFor(/filter "error" ±2 /);
	assert.match(frame, /GET \/page\/5 200/);
	assert.doesNotMatch(frame, /GET \/page\/0 200/);
	await app.press(keys.escape);
	frame = await app.waitFor(frame => !/filter "/.test(frame));
	assert.match(frame, /GET \/page\/0 200/);
});

test('when the container stops the stream ends, and says so', async t => {
	const {engine, app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	engine.log('web', 'shutting down');
	engine.act('web', 'stop');
	const frame = await app.waitFor(/stream ended/);
	assert.match(frame, /shutting down/);
});

test('the marked containers\' logs merge in time order, each line named', async t => {
	const {app} = await openApp(t, engine => {
		engine.addContainer({name: 'api'});
		engine.addContainer({name: 'db'});
		const now = Date.now();
		engine.log('api', 'api first', {atMs: now - 3000});
		engine.log('db', 'db second', {atMs: now - 2000});
		engine.log('api', 'api third', {atMs: now - 1000});
	});
	await app.waitFor(/● db/);
	await app.press(' ', ' ', 'l');
	const frame = await app.waitFor(/api third/);
	// Named in the engine's list order: newest first.
	assert.match(frame, /Logs db, api /);
	const lines = frame.split('\n').filter(line => /first|second|third/.test(line));
	assert.deepEqual(lines.map(line => line.trim().replace(/\s+/g, ' ')), ['api api first', 'db db second', 'api api third']);
});

test('a log stream that breaks says it is reconnecting, then carries on without losing or repeating lines', async t => {
	const {engine, app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	const cut = engine.fail({path: /\/logs$/, answer: 'reset'});
	// The open stream is cut with the connections; the reopened ones are refused until the fault is cleared.
	engine.dropConnections();
	await app.waitFor(/reconnecting · not followed since/);
	engine.log('web', 'written during the outage');
	cut.clear();
	const frame = await app.waitFor(/written during the outage/, {timeoutMs: 15_000});
	assert.equal(frame.split('\n').filter(line => line.includes('GET /page/9 200')).length, 1, 'nothing shown twice');
	await app.waitFor(/following · 11 lines/);
});

test('S saves the loaded lines to a file named in the prompt', async t => {
	const directory = mkdtempSync(join(tmpdir(), 'berth-logs-save-'));
	t.after(() => rmSync(directory, {recursive: true, force: true}));
	const {app} = await openLogs(t, chatty);
	await app.waitFor(/GET \/page\/9 200/);
	await app.press('S');
	await app.waitFor(/^save to: web-.*\.log/m);
	const target = join(directory, 'saved.log');
	await app.press('\u0015');
	await app.type(`${target}\r`);
	await app.waitFor(/Wrote 10 lines to /);
	const saved = readFileSync(target, 'utf8').split('\n');
	assert.equal(saved[0], 'GET /page/0 200');
	assert.equal(saved[3], 'error: request 3 failed');
	await app.press('S', '\u0015');
	await app.type(`${target}\r`);
	await app.waitFor(/saved\.log exists; choose another name\./);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {engineTimestamp, ResumePoint, toEngineEvent, type EngineEvent} from '../../source/engine/streams/events.js';
import {baseAction, engineFiltersFor, formatQuery, matchesQuery, parseQuery, type EventQuery} from '../../source/engine/streams/event-query.js';
import {foldHealthNoise, healthCheckCommand, HealthNoiseFolder} from '../../source/engine/alerts/health-noise.js';
import {eventJson, eventLine, keyAttributes, parseSince} from '../../source/text/event-line.js';

let clock = 1_700_000_000_000;
function event(type: string, action: string, name: string | undefined, attributes: Record<string, string> = {}, id = `id-${name ?? 'x'}`): EngineEvent {
	clock += 1;
	return {type, action, id, name, attributes: name === undefined ? attributes : {name, ...attributes}, time: clock, timeNano: clock * 1e6};
}

function query(text: string): EventQuery {
	const parsed = parseQuery(text);
	assert.ok(parsed.ok, 'query parses');
	return parsed.query;
}

test('toEngineEvent reads type, action, actor and time, and sanitises attributes', () => {
	const parsed = toEngineEvent({Type: 'container', Action: 'die', Actor: {ID: 'abc', Attributes: {name: 'web\u001B[31m', exitCode: '3'}}, time: 1_700_000_000, timeNano: 1_700_000_000_123_456_789});
	assert.equal(parsed.name, 'web');
	assert.equal(parsed.attributes['exitCode'], '3');
	assert.equal(parsed.time, 1_700_000_000_123);
	assert.equal(parsed.type, 'container');
	assert.equal(engineTimestamp(1_700_000_000_123), '1700000000.123000000');
	assert.equal(engineTimestamp(5), '0.005000000');
});

test('filters by type, action and name combine; values within a field are alternatives', () => {
	const web = event('container', 'die', 'web-1', {exitCode: '3'});
	const db = event('container', 'start', 'db');
	const image = event('image', 'pull', 'busybox:latest');
	const health = event('container', 'health_status: unhealthy', 'web-1');
	const all = [web, db, image, health];
	const pick = (text: string) => all.filter(e => matchesQuery(e, query(text))).map(e => `${e.name} ${e.action}`);
	assert.deepEqual(pick(''), ['web-1 die', 'db start', 'busybox:latest pull', 'web-1 health_status: unhealthy']);
	assert.deepEqual(pick('type=container action=die name=web'), ['web-1 die']);
	assert.deepEqual(pick('type=container,image action=pull,start'), ['db start', 'busybox:latest pull']);
	assert.deepEqual(pick('WEB'), ['web-1 die', 'web-1 health_status: unhealthy']);
	assert.deepEqual(pick('action=health_status'), ['web-1 health_status: unhealthy']);
	assert.deepEqual(pick('type=volume'), []);
	assert.equal(baseAction('exec_start: /bin/sh -c true'), 'exec_start');
	assert.deepEqual(pick('action=health_status:unhealthy'), ['web-1 health_status: unhealthy']);
	assert.deepEqual(pick('action=health_status:healthy'), []);
	assert.deepEqual(engineFiltersFor(query('name=web')), {});
	assert.deepEqual(engineFiltersFor(query('type=container action=die,oom name=web')), {type: ['container'], event: ['die', 'oom']});
	assert.equal(formatQuery(query('name=web type=container a=die')), 'type=container action=die name=web');
	const bad = parseQuery('colour=red');
	assert.equal(bad.ok, false);
	assert.match(bad.ok ? '' : bad.message, /Unknown filter "colour"/);
	assert.equal(parseQuery('type=').ok, false);
});

test('health-check execs fold away (all three), a person\'s own exec stays', () => {
	const command = healthCheckCommand(['CMD-SHELL', 'false'], undefined);
	assert.equal(command, '/bin/sh -c false');
	assert.equal(healthCheckCommand(['CMD', 'curl', '-f', 'localhost'], undefined), 'curl -f localhost');
	assert.equal(healthCheckCommand(['CMD-SHELL', 'exit 1'], ['/bin/bash', '-c']), '/bin/bash -c exit 1');
	assert.equal(healthCheckCommand(['NONE'], undefined), undefined);
	assert.equal(healthCheckCommand(undefined, undefined), undefined);
	const commands = new Map([['id-hc', '/bin/sh -c false']]);
	const events = [
		event('container', 'start', 'hc', {}, 'id-hc'),
		event('container', 'exec_create: /bin/sh -c false', 'hc', {execID: 'e1'}, 'id-hc'),
		event('container', 'exec_start: /bin/sh -c false', 'hc', {execID: 'e1'}, 'id-hc'),
		event('container', 'exec_create: sh', 'hc', {execID: 'mine'}, 'id-hc'),
		event('container', 'exec_start: sh', 'hc', {execID: 'mine'}, 'id-hc'),
		event('container', 'exec_die', 'hc', {execID: 'e1', exitCode: '1'}, 'id-hc'),
		event('container', 'health_status: unhealthy', 'hc', {}, 'id-hc'),
		event('container', 'exec_die', 'hc', {execID: 'mine', exitCode: '0'}, 'id-hc'),
		// Another container running the same command is not this one's check.
		event('container', 'exec_create: /bin/sh -c false', 'other', {execID: 'e2'}, 'id-other'),
	];
	const {shown, folded} = foldHealthNoise(events, commands);
	assert.equal(folded, 3);
	assert.deepEqual(shown.map(e => `${e.name} ${e.action} ${e.attributes['execID'] ?? ''}`.trim()), [
		'hc start',
		'hc exec_create: sh mine',
		'hc exec_start: sh mine',
		'hc health_status: unhealthy',
		'hc exec_die mine',
		'other exec_create: /bin/sh -c false e2',
	]);
	// Bounded: exec ids whose exec_die never comes do not pile up.
	const folder = new HealthNoiseFolder(2);
	for (const id of ['a', 'b', 'c']) folder.isNoise(event('container', 'exec_create: /bin/sh -c false', 'hc', {execID: id}, 'id-hc'), commands);
	assert.equal(folder.isNoise(event('container', 'exec_die', 'hc', {execID: 'a'}, 'id-hc'), commands), false);
	assert.equal(folder.isNoise(event('container', 'exec_die', 'hc', {execID: 'c'}, 'id-hc'), commands), true);
});

test('resuming after a reconnect asks from just before the last event and skips what was delivered', () => {
	const point = new ResumePoint(1000);
	assert.equal(point.since, 1000);
	const a = {...event('container', 'start', 'a'), time: 2000, timeNano: 2_000_000_100};
	const b = {...event('container', 'die', 'a'), time: 2000, timeNano: 2_000_000_900};
	assert.equal(point.isNew(a), true);
	assert.equal(point.isNew(b), true);
	assert.equal(point.since, 1999);
	// The engine sends both again (since is inclusive), then a new one in the same millisecond.
	const c = {...event('container', 'destroy', 'a'), time: 2000, timeNano: 2_000_000_950};
	assert.deepEqual([a, b, c].filter(e => point.isNew(e)).map(e => e.action), ['destroy']);
	assert.equal(new ResumePoint(undefined).since, undefined);
});

test('event lines show time, type, action, name and key attributes; JSON keeps every attribute', () => {
	const die = {...event('container', 'die', 'web', {exitCode: '3', image: 'busybox', 'com.example.label': 'x'}), time: Date.UTC(2026, 0, 2, 3, 4, 5, 6)};
	assert.deepEqual(keyAttributes(die), [['exitCode', '3'], ['image', 'busybox']]);
	assert.equal(eventLine(die), '2026-01-02T03:04:05.006Z container die web exitCode=3 image=busybox');
	const parsed = JSON.parse(eventJson(die)) as {name: string; attributes: Record<string, string>};
	assert.equal(parsed.name, 'web');
	assert.equal(parsed.attributes['com.example.label'], 'x');
	const connect = event('network', 'connect', 'bridge', {container: 'a'.repeat(64), type: 'bridge'});
	assert.match(eventLine(connect), / network connect bridge container=aaaaaaaaaaaa type=bridge$/);
	const pull = event('image', 'pull', 'busybox:latest', {name: 'busybox:latest'});
	assert.match(eventLine(pull), / image pull busybox:latest$/);
});

test('since accepts durations, unix seconds and ISO dates', () => {
	const now = 1_700_000_000_000;
	assert.equal(parseSince('15m', now), now - 15 * 60_000);
	assert.equal(parseSince('1h', now), now - 3_600_000);
	assert.equal(parseSince('24h', now), now - 86_400_000);
	assert.equal(parseSince('90s', now), now - 90_000);
	assert.equal(parseSince('1700000000', now), 1_700_000_000_000);
	assert.equal(parseSince('2026-01-02T03:04:05Z', now), Date.UTC(2026, 0, 2, 3, 4, 5));
	assert.equal(parseSince('yesterday', now), undefined);
	assert.equal(parseSince('2026-13-45', now), undefined);
});

test('typing into a prompt: chunks of backspaces delete, Enter submits, controls stay out', async () => {
	const {editDraft} = await import('../../source/keys/text-entry.js');
	assert.deepEqual(editDraft('type=container', '\u007F\u007F\u007F', {}), {draft: 'type=contai', submitted: false});
	assert.deepEqual(editDraft('ab', '', {backspace: true}), {draft: 'a', submitted: false});
	assert.deepEqual(editDraft('', '\u007F', {}), {draft: '', submitted: false});
	assert.deepEqual(editDraft('x', 'y\u001B[31mz\r', {}), {draft: 'xyz', submitted: true});
	assert.deepEqual(editDraft('数据', '\u007F', {}), {draft: '数', submitted: false});
});

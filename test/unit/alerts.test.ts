import assert from 'node:assert/strict';
import {test} from 'node:test';
import {AlertDetector, emptyAlertLog, exitMessage, recordAlert, type AlertDraft, type AlertLog} from '../../source/engine/alerts/alerts.js';
import type {EngineEvent} from '../../source/engine/streams/events.js';

let clock = 1_700_000_000_000;
function at(ms: number): void {
	clock = ms;
}
function event(action: string, name: string, attributes: Record<string, string> = {}, type = 'container'): EngineEvent {
	clock += 100;
	return {type, action, id: `id-${name}`, name, attributes: {name, ...attributes}, time: clock, timeNano: clock * 1e6};
}
function feed(detector: AlertDetector, events: readonly EngineEvent[], oomKilled = false): string[] {
	return events.flatMap(e => detector.observe(e, detector.wantsOomCheck(e) ? {oomKilled} : {})).map(a => `${a.kind}: ${a.message}`);
}

test('an oom event raises one OOM alert, and the die that follows adds no exit alert', () => {
	const detector = new AlertDetector();
	const die = event('die', 'hog', {exitCode: '137'});
	const events = [event('start', 'hog'), event('oom', 'hog'), die];
	assert.deepEqual(feed(detector, events), ['oom: hog was killed: out of memory (hit its memory limit)']);
	assert.equal(detector.wantsOomCheck(die), false, 'no inspect needed once the oom event came');
});

test('without an oom event, a die that inspect says was OOMKilled is an OOM alert', () => {
	const detector = new AlertDetector();
	const die = event('die', 'hog', {exitCode: '137'});
	assert.equal(detector.wantsOomCheck(die), true);
	assert.deepEqual(feed(detector, [die], true), ['oom: hog was killed: out of memory (hit its memory limit)']);
	// The oom event arriving late is the same incident.
	assert.deepEqual(feed(detector, [event('oom', 'hog')]), []);
});

test('a non-zero exit is an alert; exit 0 is not; a stop or kill someone asked for is not', () => {
	const detector = new AlertDetector();
	assert.deepEqual(feed(detector, [event('start', 'job'), event('die', 'job', {exitCode: '3'})]), ['exit: job exited with code 3']);
	assert.deepEqual(feed(detector, [event('start', 'ok'), event('die', 'ok', {exitCode: '0'})]), []);
	// docker stop: TERM, then KILL after the timeout, then die 137.
	assert.deepEqual(feed(detector, [event('start', 'web'), event('kill', 'web', {signal: '15'}), event('kill', 'web', {signal: '9'}), event('die', 'web', {exitCode: '137'}), event('stop', 'web')]), []);
	// docker stop where the app exits on TERM (143).
	assert.deepEqual(feed(detector, [event('start', 'api'), event('kill', 'api', {signal: '15'}), event('die', 'api', {exitCode: '143'})]), []);
	assert.equal(detector.wantsOomCheck(event('die', 'api', {exitCode: '143'})), true, 'the stop was consumed by the die before');
	// A HUP (reload) is not a stop: a later crash still alerts.
	assert.deepEqual(feed(detector, [event('start', 'nginx'), event('kill', 'nginx', {signal: '1'}), event('die', 'nginx', {exitCode: '1'})]), ['exit: nginx exited with code 1 (general error)']);
	// After a stop and a fresh start, the next crash alerts again.
	assert.deepEqual(feed(detector, [event('start', 'web'), event('die', 'web', {exitCode: '139'})]), ['exit: web exited with code 139 (segmentation fault (SIGSEGV))']);
	assert.equal(exitMessage('42'), 'exited with code 42');
});

test('health turning unhealthy alerts once per turn, not on every check', () => {
	const detector = new AlertDetector();
	const events = [
		event('health_status: starting', 'hc'),
		event('health_status: unhealthy', 'hc'),
		event('health_status: unhealthy', 'hc'),
		event('health_status: healthy', 'hc'),
		event('health_status: unhealthy', 'hc'),
	];
	assert.deepEqual(feed(detector, events), ['unhealthy: hc is unhealthy: its health check keeps failing', 'unhealthy: hc is unhealthy: its health check keeps failing']);
});

test('N restarts the container did not ask for within M seconds is a restart loop, raised once per loop', () => {
	const detector = new AlertDetector({restartCount: 3, restartWindowMs: 10_000});
	at(1_000_000);
	const crash = () => [event('die', 'rs', {exitCode: '1'}), event('start', 'rs')];
	const raised = feed(detector, [event('create', 'rs'), event('start', 'rs'), ...crash(), ...crash()]);
	assert.deepEqual(raised, ['exit: rs exited with code 1 (general error)', 'exit: rs exited with code 1 (general error)']);
	assert.deepEqual(feed(detector, crash()), ['exit: rs exited with code 1 (general error)', 'restart-loop: rs is restarting in a loop: 3 restarts in 10 s']);
	assert.deepEqual(feed(detector, crash()).filter(a => a.startsWith('restart-loop')), [], 'still the same loop');
	// Quiet for longer than the window: the loop is over, a new one alerts again.
	at(clock + 60_000);
	assert.deepEqual(feed(detector, [...crash(), ...crash()]).filter(a => a.startsWith('restart-loop')), []);
	assert.deepEqual(feed(detector, crash()).filter(a => a.startsWith('restart-loop')), ['restart-loop: rs is restarting in a loop: 3 restarts in 10 s']);
});

test('restarts a person asked for (docker restart, stop then start) are not a loop', () => {
	const detector = new AlertDetector({restartCount: 2, restartWindowMs: 60_000});
	const restart = () => [event('kill', 'web', {signal: '15'}), event('die', 'web', {exitCode: '0'}), event('stop', 'web'), event('start', 'web'), event('restart', 'web')];
	assert.deepEqual(feed(detector, [event('start', 'web'), ...restart(), ...restart(), ...restart()]), []);
	// An app that exits 0 by itself under --restart always is looping too.
	assert.deepEqual(feed(detector, [event('start', 'once'), event('die', 'once', {exitCode: '0'}), event('start', 'once'), event('die', 'once', {exitCode: '0'}), event('start', 'once')]), ['restart-loop: once is restarting in a loop: 2 restarts in 1 min']);
});

test('a destroyed container is forgotten; other event types are ignored', () => {
	const detector = new AlertDetector();
	feed(detector, [event('start', 'x'), event('kill', 'x', {signal: '9'}), event('destroy', 'x')]);
	assert.equal(detector.wantsOomCheck(event('die', 'x', {exitCode: '1'})), true);
	assert.deepEqual(feed(detector, [event('die', 'img', {exitCode: '1'}, 'image')]), []);
});

test('the engine going away alerts once per outage', () => {
	const detector = new AlertDetector();
	assert.equal(detector.lost('gone', 1).length, 1);
	assert.equal(detector.lost('gone', 2).length, 0);
	detector.connected();
	const [again] = detector.lost('gone again', 3);
	assert.equal(again?.kind, 'unreachable');
	assert.equal(again?.message, 'Lost the Docker engine: gone again');
	assert.equal(again?.containerId, undefined);
});

test('the alert log is newest first, folds repeats within the window, and is bounded', () => {
	const draft = (kind: AlertDraft['kind'], containerId: string, time: number): AlertDraft => ({kind, containerId, name: containerId, message: `${containerId} ${kind}`, time});
	let log: AlertLog = emptyAlertLog;
	const add = (d: AlertDraft) => {
		const result = recordAlert(log, d, 60_000, 3);
		log = result.log;
		return result.isNew;
	};
	assert.equal(add(draft('exit', 'a', 0)), true);
	assert.equal(add(draft('exit', 'b', 1000)), true);
	assert.equal(add(draft('exit', 'a', 30_000)), false);
	assert.deepEqual(log.alerts.map(a => `${a.containerId} x${a.count}`), ['a x2', 'b x1']);
	assert.equal(log.alerts[0]?.lastTime, 30_000);
	assert.equal(add(draft('oom', 'a', 31_000)), true, 'another kind is another alert');
	assert.equal(add(draft('exit', 'a', 200_000)), true, 'outside the window it is news again');
	assert.deepEqual(log.alerts.map(a => `${a.kind} ${a.containerId} x${a.count}`), ['exit a x1', 'oom a x1', 'exit a x2']);
	assert.deepEqual(log.alerts.map(a => a.seq), [4, 3, 1]);
});

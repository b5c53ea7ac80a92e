import assert from 'node:assert/strict';
import {test} from 'node:test';
import {durationRange, humanDuration, humanDurationChangesAt, readStatusWords, stateWords, stateWordsChangeAt, type StateTimes} from '../../source/text/status-words.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
/** Ages spread over three years, the same every run (a small linear congruential generator). */
function spreadAges(count: number): number[] {
	let seed = 12345;
	return Array.from({length: count}, () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		return Math.floor((seed / 2 ** 31) * 3 * 365 * 24 * h);
	});
}

// Each boundary of go-units' HumanDuration, the last age before it and the first at it.
const boundaries: ReadonlyArray<readonly [number, string, string]> = [
	[1 * s, 'Less than a second', '1 second'],
	[2 * s, '1 second', '2 seconds'],
	[60 * s, '59 seconds', 'About a minute'],
	[2 * m, 'About a minute', '2 minutes'],
	[60 * m, '59 minutes', 'About an hour'],
	[90 * m, 'About an hour', '2 hours'],
	[2.5 * h, '2 hours', '3 hours'],
	[47.5 * h, '47 hours', '2 days'],
	[71.5 * h, '2 days', '3 days'],
	[335.5 * h, '13 days', '2 weeks'],
	[503.5 * h, '2 weeks', '3 weeks'],
	[1439.5 * h, '8 weeks', '2 months'],
	[2159.5 * h, '2 months', '3 months'],
	[17519.5 * h, '24 months', '1 years'],
	[17520 * h, '1 years', '2 years'],
	[26280 * h, '2 years', '3 years'],
];

test('humanDuration words each side of every boundary the way the engine does', () => {
	for (const [at, before, after] of boundaries) {
		assert.equal(humanDuration(at - 1), before, `${at - 1} ms`);
		assert.equal(humanDuration(at), after, `${at} ms`);
	}
	assert.equal(humanDuration(0), 'Less than a second');
	// The engine's clock a little behind the container's start time: still "Less than a second".
	assert.equal(humanDuration(-5 * s), 'Less than a second');
	assert.equal(humanDuration(30 * s + 999), '30 seconds');
	assert.equal(humanDuration(13 * h + 29 * m), '13 hours');
	assert.equal(humanDuration(13 * h + 30 * m), '14 hours');
	assert.equal(humanDuration(10 * 24 * h), '10 days');
});

test('humanDurationChangesAt is the next age at which the words differ, and none sooner', () => {
	const ages = [-3 * s, 0, 500];
	for (const [at] of boundaries) ages.push(at - 1, at, at + 1);
	ages.push(...spreadAges(2000));
	for (let age = 0; age < 3 * h; age += 7919) ages.push(age);
	for (const age of ages) {
		const next = humanDurationChangesAt(age);
		assert.ok(next > age, `${age}`);
		assert.equal(humanDuration(next - 1), humanDuration(age), `${age}: still the same just before ${next}`);
		assert.notEqual(humanDuration(next), humanDuration(age), `${age}: changed at ${next}`);
	}
	for (const [at, before] of boundaries) assert.equal(humanDurationChangesAt(at - 1), at, before);
});

const times = (over: Partial<StateTimes>): StateTimes => ({state: 'running', health: 'none', startedAt: 1_000_000, finishedAt: 0, exitCode: 0, ...over});

test('stateWords reads like the engine for every state', () => {
	const now = 1_000_000 + 75 * s;
	assert.equal(stateWords(times({}), now), 'Up About a minute');
	assert.equal(stateWords(times({health: 'healthy'}), now), 'Up About a minute (healthy)');
	assert.equal(stateWords(times({health: 'unhealthy'}), now), 'Up About a minute (unhealthy)');
	assert.equal(stateWords(times({health: 'starting'}), now), 'Up About a minute (health: starting)');
	// Paused says so instead of the health, as the engine does.
	assert.equal(stateWords(times({state: 'paused', health: 'healthy'}), now), 'Up About a minute (Paused)');
	assert.equal(stateWords(times({state: 'restarting', finishedAt: now - 3 * s, exitCode: 2}), now), 'Restarting (2) 3 seconds ago');
	assert.equal(stateWords(times({state: 'exited', finishedAt: now - 2 * h, exitCode: 137}), now), 'Exited (137) 2 hours ago');
	assert.equal(stateWords(times({state: 'exited', finishedAt: now - 500, exitCode: 0}), now), 'Exited (0) Less than a second ago');
	assert.equal(stateWords(times({state: 'created', startedAt: 0}), now), 'Created');
	assert.equal(stateWords(times({state: 'removing'}), now), 'Removal In Progress');
	assert.equal(stateWords(times({state: 'dead'}), now), 'Dead');
	// Never started, or started and never finished (the engine went away meanwhile).
	assert.equal(stateWords(times({state: 'exited', startedAt: 0}), now), 'Created');
	assert.equal(stateWords(times({state: 'exited', finishedAt: 0}), now), '');
});

test('stateWordsChangeAt: running counts from the start, exited from the finish, fixed words never change', () => {
	const start = 1_000_000;
	assert.equal(stateWordsChangeAt(times({startedAt: start}), start + 5500), start + 6000);
	assert.equal(stateWordsChangeAt(times({state: 'exited', finishedAt: start, exitCode: 1}), start + 3 * m + 10), start + 4 * m);
	assert.equal(stateWordsChangeAt(times({state: 'created', startedAt: 0}), start), undefined);
	assert.equal(stateWordsChangeAt(times({state: 'dead'}), start), undefined);
	assert.equal(stateWordsChangeAt(times({state: 'exited', finishedAt: 0}), start), undefined);
});

test('durationRange is exactly the ages each phrase is written for', () => {
	for (const age of spreadAges(2000)) {
		const range = durationRange(humanDuration(age));
		assert.ok(range, humanDuration(age));
		assert.ok(range.fromMs <= age && age < range.toMs, `${age} in ${humanDuration(age)}`);
		if (Number.isFinite(range.fromMs)) assert.equal(humanDuration(range.fromMs), humanDuration(age));
		assert.notEqual(humanDuration(range.toMs), humanDuration(age));
	}
	assert.deepEqual(durationRange('1 years'), {fromMs: 17519.5 * h, toMs: 17520 * h});
	assert.deepEqual(durationRange('About an hour'), {fromMs: h, toMs: 90 * m});
	assert.equal(durationRange('1 days'), undefined, 'never written: 24 hours reads "24 hours"');
	assert.equal(durationRange('75 seconds'), undefined);
	assert.equal(durationRange('a while'), undefined);
});

test('readStatusWords reads the exit code and the age from the engine\'s list words', () => {
	assert.deepEqual(readStatusWords('Up 5 seconds'), {age: {fromMs: 5 * s, toMs: 6 * s}});
	assert.deepEqual(readStatusWords('Up 2 minutes (healthy)'), {age: {fromMs: 2 * m, toMs: 3 * m}});
	assert.deepEqual(readStatusWords('Up Less than a second (Paused)'), {age: {fromMs: Number.NEGATIVE_INFINITY, toMs: s}});
	assert.deepEqual(readStatusWords('Up 1 second (health: starting)'), {age: {fromMs: s, toMs: 2 * s}});
	assert.deepEqual(readStatusWords('Exited (137) About a minute ago'), {exitCode: 137, age: {fromMs: m, toMs: 2 * m}});
	assert.deepEqual(readStatusWords('Restarting (1) 3 seconds ago'), {exitCode: 1, age: {fromMs: 3 * s, toMs: 4 * s}});
	assert.equal(readStatusWords('Created'), undefined);
	assert.equal(readStatusWords('Up'), undefined);
});

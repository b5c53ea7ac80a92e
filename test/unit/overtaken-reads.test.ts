// The rule that frees a read stuck in a dead connection once the link heals,
// with short timings and a stand-in probe: when nothing else is sent, the
// probe's answer is what overtakes the read.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {EngineError} from '../../source/engine/transport/errors.js';
import {LinkHealth} from '../../source/engine/transport/link-health.js';
import {OvertakenReads, type ProbeTiming} from '../../source/engine/transport/overtaken-read.js';

const timing: ProbeTiming = {stuckMs: 40, everyMs: 60, graceMs: 40};
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function failingHealth(): LinkHealth {
	const health = new LinkHealth();
	health.failed('GET /containers/json', new EngineError('timeout', 'late'));
	return health;
}

test('a read stuck while the link fails has the link probed, and the answered probe releases it after the grace', async () => {
	const health = failingHealth();
	let probes = 0;
	// The link has healed: a probe is answered.
	const reads = new OvertakenReads(health, async () => {
		probes++;
		health.succeeded(Date.now());
	}, timing);
	const started = Date.now();
	let gaveUpAfter: number | undefined;
	const stop = reads.watch(started, () => {
		gaveUpAfter = Date.now() - started;
	});
	await waitFor(() => gaveUpAfter !== undefined, 2_000);
	stop();
	assert.equal(probes, 1);
	assert.ok(gaveUpAfter !== undefined && gaveUpAfter >= timing.stuckMs + timing.graceMs, `gave up after ${gaveUpAfter} ms`);
});

test('probes go one at a time and spaced while reads stay stuck, and stop once nothing is stuck', async () => {
	const health = failingHealth();
	const probedAt: number[] = [];
	let inFlight = 0;
	let mostInFlight = 0;
	// The link is still dead: each probe ends unanswered after a while.
	const reads = new OvertakenReads(health, async () => {
		probedAt.push(Date.now());
		mostInFlight = Math.max(mostInFlight, ++inFlight);
		await sleep(20);
		inFlight--;
	}, timing);
	const stops = [reads.watch(Date.now(), () => assert.fail('given up with nothing answered')), reads.watch(Date.now(), () => assert.fail('given up with nothing answered'))];
	await sleep(timing.stuckMs + 5 * timing.everyMs);
	const probesWhileStuck = probedAt.length;
	for (const stop of stops) stop();
	await sleep(4 * timing.everyMs);
	assert.equal(mostInFlight, 1, 'one probe at a time, however many reads are stuck');
	assert.ok(probesWhileStuck >= 2, `${probesWhileStuck} probes while two reads were stuck`);
	const gaps = probedAt.slice(1).map((at, index) => at - (probedAt[index] ?? 0));
	assert.ok(gaps.every(gap => gap >= timing.everyMs - 1), `probes ${gaps.join(', ')} ms apart, at least ${timing.everyMs} ms`);
	assert.equal(probedAt.length, probesWhileStuck, 'no probe once no read is stuck');
});

test('a read that is not stuck, or a link that is well, is never probed', async () => {
	let probes = 0;
	const probe = async () => {
		probes++;
	};
	// Answered before it counts as stuck.
	const quick = new OvertakenReads(failingHealth(), probe, timing).watch(Date.now(), () => undefined);
	await sleep(timing.stuckMs / 2);
	quick();
	// Stuck, but the header says the link is well: nothing to find out.
	const stop = new OvertakenReads(new LinkHealth(), probe, timing).watch(Date.now(), () => undefined);
	await sleep(timing.stuckMs + 3 * timing.everyMs);
	stop();
	assert.equal(probes, 0);
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(5);
	}
}

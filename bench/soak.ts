// `npm run soak` (not in CI): berth against the private engine through the fault
// proxy for SOAK_MINUTES (10 by default): container churn, random faults on every
// request and a log flood in the open log view. Afterwards, with the link healed:
// RSS may have grown at most 10 MB since the warm-up, open sockets and timers are
// back to their warm-up level, and the containers list is the engine's.
import {readFileSync, readdirSync, readlinkSync} from 'node:fs';
import {Churn} from '../test/helpers/churn.js';
import {waitForTruth} from '../test/helpers/convergence.js';
import {mulberry32, startFaultProxy} from '../test/helpers/fault-proxy.js';
import {filterTo, startTerm} from '../test/helpers/term.js';
import {cleanupLabelled, testDocker} from '../test/helpers/test-engine.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
const minutes = Number(process.env['SOAK_MINUTES'] ?? 10);
const seed = Number(process.env['SOAK_SEED'] ?? Date.now() % 2 ** 31);
const statsFile = `/tmp/berth-soak-${process.pid}.json`;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

const rssMiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
function sockets(pid: number): number {
	return readdirSync(`/proc/${pid}/fd`).filter(fd => {
		try {
			return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:');
		} catch {
			return false;
		}
	}).length;
}
const counters = () => JSON.parse(readFileSync(statsFile, 'utf8')) as {received: number; resources: Record<string, number>};
// Each running container holds one stats stream (a socket) and its watchdog (a timer): count per container, not in total.
const running = async () => (await docker.listContainers({filters: {status: ['running', 'paused']}})).length;
const holdings = async (pid: number) => {
	const perContainer = await running();
	return {rss: rssMiB(pid), sockets: sockets(pid) - perContainer, timers: (counters().resources['Timeout'] ?? 0) - perContainer, received: counters().received, running: perContainer};
};

const docker = await testDocker();
await cleanupLabelled(docker);
const proxy = await startFaultProxy({target: host.replace(/^unix:\/\//, ''), seed});
const churn = new Churn(docker, 'soak', mulberry32(seed));
for (let i = 0; i < 10; i++) await churn.create();
const flood = await churn.create(true, ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "flood line $i with some text to make it longer"; done']);
const floodName = (await flood.inspect()).Name.replace(/^\//, '');
const term = startTerm({args: ['--host', proxy.host], cols: 200, rows: 50, env: {BERTH_BENCH_STATS: statsFile}});
const failures: string[] = [];
try {
	await term.waitForText(floodName, {timeoutMs: 20_000});
	await filterTo(term, floodName);
	term.press('l');
	await term.waitForText('flood line');
	console.log(`soak: ${minutes} min, seed ${seed} (SOAK_SEED=${seed} replays it); warming up for 60 s`);
	await sleep(60_000);
	const warm = await holdings(term.pid);
	console.log(`warm: ${warm.rss.toFixed(1)} MiB RSS; beside one socket and one timer for each of ${warm.running} running containers, ${warm.sockets} sockets and ${warm.timers} timers`);
	proxy.setRandom({seed, probability: 0.2, paths: 'all'});
	const until = Date.now() + minutes * 60_000;
	let peak = warm.rss;
	while (Date.now() < until) {
		await churn.step();
		peak = Math.max(peak, rssMiB(term.pid));
		await sleep(500);
	}
	proxy.clear();
	term.press('escape');
	await term.waitForText(/^Containers /m);
	// The filter that found the flooding container stays on the list: clear it.
	term.press('/');
	await term.waitForText('Enter keep');
	term.press('escape');
	await term.waitForNoText('Enter keep');
	const took = await waitForTruth(docker, term, 'soak', 10_000);
	// Streams broken in the last seconds of faults are reopened and old sockets closed: give it a moment.
	await sleep(15_000);
	const end = await holdings(term.pid);
	console.log(`end: ${end.rss.toFixed(1)} MiB RSS (peak ${peak.toFixed(1)}); beside those of ${end.running} running containers, ${end.sockets} sockets and ${end.timers} timers; converged ${took} ms after the link healed; ${end.received - warm.received} log lines read`);
	if (end.rss - warm.rss > 10) failures.push(`RSS grew ${(end.rss - warm.rss).toFixed(1)} MiB after warm-up (at most 10)`);
	if (end.sockets > warm.sockets + 2) failures.push(`${end.sockets} sockets open (beyond one per running container) against ${warm.sockets} after warm-up`);
	if (end.timers > warm.timers + 2) failures.push(`${end.timers} timers (beyond one per running container) against ${warm.timers} after warm-up`);
	if (end.received <= warm.received) failures.push('the log flood stopped being read');
} catch (error) {
	failures.push((error as Error).message);
} finally {
	term.kill();
	await proxy.close();
	await cleanupLabelled(docker);
}
if (failures.length > 0) {
	console.error(`soak failed:\n  ${failures.join('\n  ')}`);
	process.exit(1);
}
console.log('soak passed');

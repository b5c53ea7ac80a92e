// Runs the engine test files given on the command line in shards at the same
// time: each shard gets an engine of its own in a network namespace of its own
// (scripts/with-engine.sh), so nothing one shard starts (engines, registries,
// sshd, listening ports) can meet another's, and runs its files one at a time.
// BERTH_ENGINE_SHARDS sets how many (default 2). A developer's own engine
// (BERTH_TEST_DOCKER_HOST set) is one engine, so then there is one shard.
// Each line a shard prints comes out as it is written, marked with the shard's
// number; the exit code is non-zero if any shard failed.
import {spawn} from 'node:child_process';
import {basename} from 'node:path';
import {createInterface} from 'node:readline';

// Seconds each file takes, alone, on a 2-CPU machine: files are dealt out
// longest first to the shard with the least so far, so the shards end together.
const seconds = {
	'faults': 188, 'cgroup-stats': 45, 'containers-keys': 27, 'logs-pane': 24, 'resource-panes': 22, 'stats': 21,
	'transports': 20, 'containers-pane': 17, 'alerts-pane': 14, 'images': 9, 'logs': 6,
	'events-pane': 6, 'events-command': 6, 'detail-pane': 6, 'engine-layer': 6, 'exec': 6,
	'podman': 5, 'registry-login': 8, 'image-archives': 11, 'package': 55, 'compose': 50, 'swarm': 50, 'terminal-bytes': 25, 'config': 12, 'events-alerts': 3, 'volumes-networks': 3, 'container-changes': 30, 'plugins': 25, 'container-details': 2, 'isolation': 1,
	'contexts': 14, 'fleet': 40,
};
const unknownSeconds = 15;
const weight = file => seconds[basename(file).replace(/\.test\.ts$/, '')] ?? unknownSeconds;

function dealShards(files, count) {
	const shards = Array.from({length: count}, () => ({files: [], seconds: 0}));
	for (const file of [...files].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
		const lightest = shards.reduce((least, shard) => (shard.seconds < least.seconds ? shard : least));
		lightest.files.push(file);
		lightest.seconds += weight(file);
	}
	return shards.filter(shard => shard.files.length > 0);
}

const files = process.argv.slice(2);
if (files.length === 0) {
	console.error('usage: node scripts/engine-tests.mjs FILE.test.ts...');
	process.exit(2);
}
const isOwnEngine = Boolean(process.env.BERTH_TEST_DOCKER_HOST);
const count = isOwnEngine ? 1 : Number(process.env.BERTH_ENGINE_SHARDS ?? 2);
if (!Number.isInteger(count) || count < 1) {
	console.error(`engine-tests: BERTH_ENGINE_SHARDS must be a whole number of at least 1, not ${process.env.BERTH_ENGINE_SHARDS}`);
	process.exit(2);
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const shards = dealShards(files, count);
const running = shards.map((shard, index) => {
	const name = `shard ${index + 1}/${shards.length}`;
	console.log(`engine-tests: ${name} (about ${shard.seconds} s): ${shard.files.map(file => basename(file)).join(' ')}`);
	// Without these with-engine makes a fresh namespace and engine directory for each shard, even when this runs inside one.
	const env = {...process.env};
	if (!isOwnEngine) {
		delete env.BERTH_TEST_NETNS;
		delete env.BERTH_ENGINE_DIR;
	}
	// --test-force-exit: a test that fails while a stream of its is open ends its file instead of hanging the shard.
	const child = spawn('bash', ['scripts/with-engine.sh', 'node', '--import', 'tsx', '--test', '--test-concurrency=1', '--test-force-exit', '--test-reporter=spec', ...shard.files], {
		env, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
	});
	for (const stream of [child.stdout, child.stderr]) {
		createInterface({input: stream, crlfDelay: Number.POSITIVE_INFINITY}).on('line', line => console.log(`[${index + 1}] ${line}`));
	}
	const done = new Promise(resolve => child.on('close', (code, signal) => {
		console.log(`engine-tests: ${name} ${code === 0 ? 'passed' : `FAILED (${signal ?? `exit ${code}`})`} after ${elapsed()}`);
		resolve(code === 0);
	}));
	return {child, done};
});

// Each shard is a process group of its own: stopping it stops its tests, and
// with-engine's exit trap then takes its engine down.
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		for (const {child} of running) {
			try {
				process.kill(-child.pid, signal);
			} catch {
				// Ended already.
			}
		}
	});
}

const results = await Promise.all(running.map(shard => shard.done));
const failed = results.filter(ok => !ok).length;
console.log(`\nengine-tests: ${shards.length} shards in ${elapsed()}, ${failed === 0 ? 'all passed' : `${failed} FAILED`}`);
process.exitCode = failed === 0 ? 0 : 1;

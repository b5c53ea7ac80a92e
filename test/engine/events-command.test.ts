// `berth events` and `berth alerts`: the real command (dist/berth) against the test engine.
import assert from 'node:assert/strict';
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture({labels: {'berth.command-test': '1'}});
const children: ChildProcessWithoutNullStreams[] = [];

interface Running {
	readonly child: ChildProcessWithoutNullStreams;
	readonly lines: () => string[];
	readonly stderr: () => string;
	readonly waitForLine: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
	readonly exited: Promise<number | null>;
}

function berth(args: string[]): Running {
	const env = {...process.env};
	for (const key of Object.keys(env)) if (key.startsWith('DOCKER_')) delete env[key];
	const child = spawn('dist/berth', args, {env});
	children.push(child);
	let out = '';
	let err = '';
	child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
	const lines = () => out.split('\n').filter(Boolean);
	const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
	return {
		child,
		lines,
		stderr: () => err,
		exited,
		waitForLine: (pattern, timeoutMs = 10_000) => waitFor(() => lines().find(line => pattern.test(line)), {
			timeoutMs, intervalMs: 50, what: () => `a line matching ${String(pattern)}; stdout:\n${out}\nstderr:\n${err}`,
		}),
	};
}

engineTestHooks({host, cleanup, afterEach() {
	for (const child of children.splice(0)) child.kill('SIGKILL');
}});

test('berth events prints create/start/die/destroy lines for a container started from outside, filtered by name, and stops on SIGINT', async () => {
	const name = `berth-cmd-${process.pid}`;
	const other = await run(`unrelated-${process.pid}`, ['true']);
	// --since closes the race between berth subscribing and the container starting: history covers it.
	const events = berth(['events', '--host', host, '--name', name, '--since', String((Date.now() - 100) / 1000)]);
	const container = await run(name, ['sh', '-c', 'exit 3']);
	await container.wait();
	await container.remove();
	const die = await events.waitForLine(/ container destroy /);
	assert.ok(die);
	const actions = events.lines().map(line => line.split(' ')[2]);
	assert.deepEqual(actions, ['create', 'start', 'die', 'destroy'], events.lines().join('\n'));
	assert.match(events.lines()[2] ?? '', new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z container die ${name} exitCode=3 image=berth-test/busybox:latest$`));
	events.child.kill('SIGINT');
	assert.equal(await events.exited, 0);
	await other.remove({force: true});
});

test('berth events --json --since --until prints history as JSON lines and ends by itself', async () => {
	const name = `berth-json-${process.pid}`;
	const start = Date.now() - 1000;
	const container = await run(name, ['true']);
	await container.wait();
	const events = berth(['events', '-H', host, '--json', '--type', 'container', '--action', 'start,die', '--name', name, '--since', String(start / 1000), '--until', '0s']);
	assert.equal(await events.exited, 0, events.stderr());
	const parsed = events.lines().map(line => JSON.parse(line) as {type: string; action: string; name: string; attributes: Record<string, string>});
	assert.deepEqual(parsed.map(e => `${e.type} ${e.action} ${e.name}`), [`container start ${name}`, `container die ${name}`]);
	assert.equal(parsed[1]?.attributes['berth.command-test'], '1', 'JSON keeps every attribute');
});

test('berth alerts prints an exit alert for a crash and none for a container someone stopped', async () => {
	const id = process.pid;
	const alerts = berth(['alerts', '--host', host, '--name', `berth-alert-${id}`]);
	// Alerts start live (no history), so wait until a probe's crash is reported: then the stream is open.
	for (let attempt = 0; !alerts.lines().some(l => l.includes('probe')); attempt++) {
		assert.ok(attempt < 20, `berth alerts never reported the probe: ${alerts.stderr()}`);
		await run(`berth-alert-${id}-probe-${attempt}`, ['sh', '-c', 'exit 5']);
		await alerts.waitForLine(/probe/, 1000).catch(() => undefined);
	}
	const stopped = await run(`berth-alert-${id}-stopped`, ['sleep', '300']);
	await stopped.stop({t: 1});
	await run(`berth-alert-${id}-crash`, ['sh', '-c', 'exit 3']);
	const line = await alerts.waitForLine(/ exit .*crash/);
	assert.match(line, new RegExp(`^\\S+Z exit berth-alert-${id}-crash exited with code 3$`));
	assert.deepEqual(alerts.lines().filter(l => l.includes('stopped')), []);
	alerts.child.kill('SIGTERM');
	assert.equal(await alerts.exited, 0);
});

test('bad flags are a plain message and exit code 2', async () => {
	const events = berth(['events', '--colour', 'red']);
	assert.equal(await events.exited, 2);
	assert.match(events.stderr(), /^berth events: unknown option --colour\. Run berth events --help for usage\.\n$/);
	const alerts = berth(['alerts', '--restarts', '0', '-H', host]);
	assert.equal(await alerts.exited, 2);
	assert.match(alerts.stderr(), /--restarts needs a whole number/);
	const app = berth(['--restarts', '1.5', '--host', host]);
	assert.equal(await app.exited, 1);
	assert.equal(app.stderr(), 'berth: --restarts needs a whole number of at least 1.\n');
});

test('berth events leaves health-check execs out, keeps a person\'s exec, and --health-checks shows them', async () => {
	const name = `berth-hc-${process.pid}`;
	const since = String((Date.now() - 100) / 1000);
	const container = await docker.createContainer({
		name, Image: 'berth-test/busybox:latest', Cmd: ['sleep', '300'], Labels: {'berth.command-test': '1'},
		Healthcheck: {Test: ['CMD-SHELL', 'false'], Interval: 1e9, Timeout: 1e9, Retries: 1},
	});
	await container.start();
	const folded = berth(['events', '-H', host, '--name', name, '--since', since]);
	const all = berth(['events', '-H', host, '--name', name, '--since', since, '--health-checks']);
	await folded.waitForLine(/ health_status: unhealthy /);
	const exec = await container.exec({Cmd: ['true']});
	await exec.start({});
	await folded.waitForLine(/ exec_die .*exitCode=0/);
	await all.waitForLine(/ exec_create: \/bin\/sh -c false /);
	await all.waitForLine(/ exec_die .*exitCode=1/);
	const execs = folded.lines().filter(line => line.includes(' exec_'));
	assert.deepEqual(execs.map(line => line.split(' ').slice(2, 4).join(' ')), ['exec_create: true', 'exec_start: true', 'exec_die ' + name], folded.lines().join('\n'));
});

// Several engines at once, for real: the test engine over its socket, a second
// over tcp with mutual TLS and a third over ssh://, in one berth. The merged list,
// actions sent to each row's own engine (checked on each engine), one engine
// stopped while the others keep updating and the header names the one gone,
// and that engine coming back.
import assert from 'node:assert/strict';
import {execFile, spawn} from 'node:child_process';
import {promisify} from 'node:util';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {freePort, startSshd, type Sshd} from '../helpers/sshd.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitFor, waitForExit, type PrivateEngine} from '../helpers/test-engine.js';

const defaults = {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']};
const labels = {'berth.test.fleet': '1'};
const alpha = engineFixture({defaults, labels});
let bravo: PrivateEngine;
let charlie: PrivateEngine;
let sshd: Sshd | undefined;
let tlsPort = 0;
let term: Term | undefined;
let dir = '';

before(async () => {
	tlsPort = await freePort();
	[bravo, charlie] = await Promise.all([
		startEngine(`/tmp/berth-engine-fleet-b-${process.pid}`, {tlsPort, defaults, labels}),
		startEngine(`/tmp/berth-engine-fleet-c-${process.pid}`, {defaults, labels}),
	]);
	sshd = await startSshd(charlie.host);
	dir = mkdtempSync(join(tmpdir(), 'berth-fleet-'));
	// Named engines, as a person would keep them: the HOST column shows these names.
	writeFileSync(join(dir, 'config.yaml'), [
		'hosts:',
		`  - {name: alpha, host: '${alpha.host}'}`,
		`  - {name: bravo, host: 'tcp://127.0.0.1:${tlsPort}'}`,
		`  - {name: charlie, host: 'ssh://root@127.0.0.1:${sshd.port}'}`,
		'',
	].join('\n'));
});
after(async () => {
	sshd?.stop();
	await Promise.all([bravo?.down(), charlie?.down()]);
	if (dir) rmSync(dir, {recursive: true, force: true});
});
engineTestHooks({host: alpha.host, cleanup: alpha.cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

function openFleet(): Term {
	return startTerm({
		args: ['--config', join(dir, 'config.yaml'), '--host', 'alpha', '--host', 'bravo,charlie'],
		cols: 170, rows: 24,
		env: {HOME: sshd?.home ?? '', SSH_AUTH_SOCK: '', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(bravo.dir, 'tls', 'client')},
	});
}

const state = async (engine: {readonly docker: PrivateEngine['docker']}, name: string) => (await engine.docker.getContainer(name).inspect()).State.Status;

test('unix, tcp+TLS and ssh in one list, each row with its engine; actions reach the row\'s own engine', async () => {
	const tag = process.pid;
	await alpha.run(`a-web-${tag}`);
	await bravo.run(`b-api-${tag}`);
	await charlie.run(`c-db-${tag}`);
	term = openFleet();
	await term.waitForText(/alpha ● · bravo ● · charlie ●/, {timeoutMs: 30_000});
	await term.waitForText(new RegExp(`alpha +a-web-${tag}`));
	await term.waitForText(new RegExp(`bravo +b-api-${tag}`));
	await term.waitForText(new RegExp(`charlie +c-db-${tag}`));
	assert.match(term.screen(), /HOST +NAME/);

	// Pause the one on bravo (TLS): only bravo's container changes.
	await filterTo(term, `b-api-${tag}`, /Containers 1\//);
	term.press('p');
	await waitFor(async () => (await state(bravo, `b-api-${tag}`)) === 'paused', {what: 'bravo\'s container paused'});
	await term.waitForText(new RegExp(`‖ bravo +b-api-${tag}`));
	assert.equal(await state(alpha, `a-web-${tag}`), 'running');
	assert.equal(await state(charlie, `c-db-${tag}`), 'running');

	// Stop the one on charlie (ssh): the filter cleared first (Esc), then narrowed to it.
	term.press('/');
	await term.waitForText('Enter keep');
	term.press('escape');
	await term.waitForNoText('Enter keep');
	await filterTo(term, `c-db-${tag}`, /Containers 1\//);
	term.press('s');
	await waitFor(async () => (await state(charlie, `c-db-${tag}`)) === 'exited', {what: () => `charlie's container stopped; the screen:\n${term?.screen() ?? ''}`, timeoutMs: 20_000});
	await term.waitForText(new RegExp(`○ charlie +c-db-${tag}`));
	assert.equal(await state(alpha, `a-web-${tag}`), 'running');
	assert.equal(await state(bravo, `b-api-${tag}`), 'paused');
	await bravo.docker.getContainer(`b-api-${tag}`).unpause();
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
});

test('one engine stopped: the header names it, its rows fold away, the others keep updating; it comes back', async () => {
	const tag = `${process.pid}-2`;
	await alpha.run(`a-one-${tag}`);
	await bravo.run(`b-one-${tag}`);
	term = openFleet();
	const t = term;
	await t.waitForText(new RegExp(`bravo +b-one-${tag}`), {timeoutMs: 30_000});
	await t.waitForText(/alpha ● · bravo ● · charlie ●/);
	const stopped = await bravo.pid();
	process.kill(stopped, 'SIGTERM');
	await t.waitForText(/bravo ✕ unreachable/, {timeoutMs: 20_000});
	await t.waitForText(/\d+ containers? on bravo unreachable/);
	assert.match(t.screen(), /alpha ● · bravo ✕ unreachable · charlie ●/);
	await t.waitForNoText(`b-one-${tag}`);
	// alpha and charlie still follow their events while bravo is gone.
	await alpha.run(`a-two-${tag}`);
	await t.waitForText(new RegExp(`alpha +a-two-${tag}`), {timeoutMs: 10_000});
	await charlie.run(`c-two-${tag}`);
	await t.waitForText(new RegExp(`charlie +c-two-${tag}`), {timeoutMs: 10_000});

	await waitForExit(stopped);
	await bravo.up();
	await t.waitForText(/alpha ● · bravo ● · charlie ●/, {timeoutMs: 30_000});
	// The engine stopped its container as it shut down: shown as it is now.
	await t.waitForText(new RegExp(`○ bravo +b-one-${tag}.*Exited`), {timeoutMs: 10_000});
	await t.waitForNoText(/unreachable/);
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
});

test('berth stats --json and berth events --json over several engines: a host field on each record; an engine that is not there is said and the rest print', async () => {
	const tag = `${process.pid}-3`;
	await alpha.run(`a-stat-${tag}`);
	await bravo.run(`b-stat-${tag}`);
	const env = {...process.env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(bravo.dir, 'tls', 'client')};
	const bravoHost = `tcp://127.0.0.1:${tlsPort}`;
	const {stdout} = await promisify(execFile)('dist/berth', ['stats', '--json', '--stats-source', 'engine', '--host', alpha.host, '--host', bravoHost], {env});
	const records = JSON.parse(stdout) as Array<{host: string; name: string}>;
	const hostOf = (name: string) => records.find(record => record.name === name)?.host;
	assert.equal(hostOf(`a-stat-${tag}`), alpha.host.replace('unix://', ''));
	assert.equal(hostOf(`b-stat-${tag}`), `127.0.0.1:${tlsPort}`);

	// One engine missing: its failure on stderr, exit 1, the other's records all the same.
	const missing = await promisify(execFile)('dist/berth', ['stats', '--json', '--host', alpha.host, '--host', 'unix:///nonexistent/docker.sock'], {env}).then(
		() => assert.fail('berth stats should exit 1 with an engine missing'),
		(error: {code: number; stdout: string; stderr: string}) => error,
	);
	assert.equal(missing.code, 1);
	assert.match(missing.stderr, /^berth stats \(\/nonexistent\/docker\.sock\): Cannot connect/m);
	assert.ok((JSON.parse(missing.stdout) as Array<{name: string}>).some(record => record.name === `a-stat-${tag}`));

	// Events from both, live: each line says its host.
	const child = spawn('dist/berth', ['events', '--json', '--type', 'container', '--action', 'start', '--host', alpha.host, '--host', bravoHost], {env});
	let out = '';
	child.stdout.on('data', (chunk: Buffer) => {
		out += chunk.toString();
	});
	try {
		// Both streams open (nothing to wait on but output): start containers until each engine's shows.
		await waitFor(async () => {
			await Promise.all([alpha.run(`a-ev-${tag}-${Date.now()}`), bravo.run(`b-ev-${tag}-${Date.now()}`)]);
			const events = out.split('\n').filter(Boolean).map(line => JSON.parse(line) as {host: string});
			return events.some(event => event.host === `127.0.0.1:${tlsPort}`) && events.some(event => event.host === alpha.host.replace('unix://', ''));
		}, {what: () => `events from both engines, got:\n${out}`, intervalMs: 1000, timeoutMs: 20_000});
	} finally {
		child.kill('SIGINT');
	}
});

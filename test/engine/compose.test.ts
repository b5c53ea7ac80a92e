// End to end with the real Compose CLI (Debian's docker-compose 1.29): berth in
// a pseudo-terminal lists a project brought up by Compose (several services, a
// scaled one, one with a health check, a stopped one), drives it through the
// Engine API (s, s, d) and through Compose (u, D, P), each checked on the
// engine, and refuses Compose's verbs in words when no CLI is on PATH.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, rm, symlink, mkdir, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {after, before, test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {enterCommand, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const label = 'berth.test.compose';
const {host, docker, cleanup} = engineFixture({labels: {[label]: '1'}});
const project = 'berthc';
let dir = '';
let file = '';
let term: Term | undefined;
const right = '\u001B[C';

// A stop sends TERM: the loop's trap ends the container within a second (busybox sleep as PID 1 would ignore it for ten).
const loop = `["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]`;
const service = (extra: string) => `    image: berth-test/busybox:latest
    command: ${loop}
    labels: {${label}: "1"}
${extra}`;
const composeFile = `services:
  web:
${service('    scale: 2')}
  db:
${service('    healthcheck: {test: ["CMD", "true"], interval: 1s, timeout: 2s, retries: 2}')}
  worker:
${service('')}
`;

async function compose(...args: string[]): Promise<void> {
	await promisify(execFile)('docker-compose', ['-p', project, '-f', file, ...args], {cwd: dir, env: {...process.env, DOCKER_HOST: host}});
}

/** The project's containers on the engine, by name, with whether each runs. */
async function projectState(): Promise<ReadonlyMap<string, string>> {
	const infos = await docker.listContainers({all: true, filters: {label: [`com.docker.compose.project=${project}`]}});
	return new Map(infos.map(info => [(info.Names?.[0] ?? '').replace(/^\//, ''), info.State ?? '']));
}

async function openCompose(env?: Readonly<Record<string, string>>): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: 150, rows: 30, ...(env ? {env} : {})});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'compose');
	await t.waitForText(new RegExp(`▸ ${project} `));
	return t;
}

async function upFresh(): Promise<void> {
	await compose('up', '-d');
	await compose('stop', 'worker');
}

engineTestHooks({host, cleanup: async () => {
	if (file) await compose('down', '-v').catch(() => undefined);
	await cleanup();
}, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	dir = await mkdtemp(join(tmpdir(), 'berth-compose-e2e-'));
	file = join(dir, 'docker-compose.yml');
	await writeFile(file, composeFile);
});
after(async () => {
	if (dir) await rm(dir, {recursive: true, force: true});
});

test('the view lists the project and its services with the right counts, scale and health', async () => {
	await upFresh();
	const t = await openCompose();
	await t.waitForText(new RegExp(`▸ ${project} +3 +3/4 .*1 healthy`), {timeoutMs: 20_000});
	t.press(right);
	await t.waitForText(/▸ web +2\/2 +2 berth-test\/busybo/);
	await t.waitForText(/▸ db +1\/1 +1 berth-test\/busybo.* 1 healthy/);
	await t.waitForText(/▸ worker +0\/1 +1 berth-test\/busybo/);
});

test('s on the project row stops all its containers, s starts them, d removes them', async () => {
	await upFresh();
	const t = await openCompose();
	await t.waitForText(new RegExp(`▸ ${project} +3 +3/4`));
	t.press('s');
	await waitFor(async () => [...(await projectState()).values()].every(state => state === 'exited'), {what: 'every container of the project stopped', timeoutMs: 20_000});
	await t.waitForText(new RegExp(`Stopped project ${project}: 3 containers`));
	await t.waitForText(new RegExp(`▸ ${project} +3 +0/4`));
	t.press('s');
	await waitFor(async () => [...(await projectState()).values()].every(state => state === 'running'), {what: 'every container of the project started (the stopped worker too)'});
	await t.waitForText(new RegExp(`▸ ${project} +3 +4/4`));
	t.press('d');
	await t.waitForText(new RegExp(`Remove project ${project}: 4 containers\\?`));
	t.press('y');
	await waitFor(async () => (await projectState()).size === 0, {what: 'the project\'s containers removed', timeoutMs: 20_000});
	await t.waitForText(new RegExp(`Removed project ${project}: 4 containers`));
});

test('u brings the project back up to its scale, P says how the pull failed, D takes it down', async () => {
	await upFresh();
	await docker.getContainer(`${project}_web_2`).remove({force: true});
	const t = await openCompose();
	await t.waitForText(new RegExp(`▸ ${project} +3 +2/3`));
	t.press('u');
	await t.waitForText(/docker-compose -p berthc up -d — done/, {timeoutMs: 30_000});
	const state = await projectState();
	assert.equal(state.get(`${project}_web_2`), 'running', 'up made the missing web container');
	assert.equal(state.get(`${project}_worker_1`), 'running', 'and started the stopped worker');
	t.press('escape');
	await t.waitForText(new RegExp(`▸ ${project} +3 +4/4`));
	// No registry is reachable from the test engine: the pull fails, and says so.
	t.press('P');
	await t.waitForText(/pull — FAILED \(exit code \d+/, {timeoutMs: 30_000});
	t.press('escape');
	await t.waitForText(new RegExp(`▸ ${project} `));
	t.press('D');
	await t.waitForText(new RegExp(`Bring project ${project} down\\?`));
	t.press('y');
	await t.waitForText(/docker-compose -p berthc down — done/, {timeoutMs: 30_000});
	assert.equal((await projectState()).size, 0, 'down removed every container');
	const networks = await docker.listNetworks({filters: {label: [`com.docker.compose.project=${project}`]}});
	assert.equal(networks.length, 0, 'and the project\'s network');
});

test('without a Compose CLI on PATH, u says so and nothing runs', async () => {
	await upFresh();
	await docker.getContainer(`${project}_web_2`).remove({force: true});
	// Only node: berth runs, docker and docker-compose are not found.
	const bin = join(dir, 'bin');
	await mkdir(bin, {recursive: true});
	await symlink(process.execPath, join(bin, 'node')).catch(() => undefined);
	const t = await openCompose({PATH: bin});
	await t.waitForText(new RegExp(`▸ ${project} +3 +2/3`));
	t.press('u');
	await t.waitForText(/up needs the Compose CLI \(docker compose or docker-compose\), and neither runs here/);
	const state = await projectState();
	assert.equal(state.has(`${project}_web_2`), false, 'nothing brought web_2 back');
	assert.equal(state.get(`${project}_worker_1`), 'exited');
});

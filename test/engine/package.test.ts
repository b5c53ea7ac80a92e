// The three ways the README installs berth, each run as a user would against the
// test engine: the single executable (with no node on PATH), the npm tarball
// installed globally into an empty prefix, and the container image with the
// engine's socket mounted. All three are built once, in a copy of this work tree
// (other test files run dist/berth meanwhile, and `npm pack` rebuilds dist/).
import assert from 'node:assert/strict';
import {execFile, spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {freePort, startSshd, type Sshd} from '../helpers/sshd.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitFor, type PrivateEngine} from '../helpers/test-engine.js';

const label = 'berth.test.package';
const {host, run, cleanup} = engineFixture({labels: {[label]: '1', 'berth.test': '1'}});
const {version} = JSON.parse(readFileSync('package.json', 'utf8')) as {version: string};
const socket = host.replace(/^unix:\/\//, '');
const work = mkdtempSync(join(tmpdir(), 'berth-package-'));
const copy = join(work, 'berth');
const exe = join(copy, `dist/berth-linux-${process.arch}`);
const prefix = join(work, 'prefix');
// A PATH holding nothing at all: the executable needs no node, nor anything else.
const emptyPath = join(work, 'empty-path');
// The installed package needs node (and sh, ls, readlink for its launcher).
const nodePath = `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`;
const image = `berth:${version}`;
let freshHomes = 0;
let term: Term | undefined;

/** A HOME nobody has used: no ~/.docker, no ~/.cache/berth. */
function freshHome(): string {
	const home = join(work, `home-${freshHomes++}`);
	mkdirSync(home);
	return home;
}

/** Runs a build step in the copy, failing with its output. */
function step(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
	const result = spawnSync(command, args, {cwd: copy, env, encoding: 'utf8', maxBuffer: 1 << 26});
	assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	return `${result.stdout}${result.stderr}`;
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

let installOutput = '';
before(async () => {
	// The work tree without its build, git or node_modules, whose packages are linked in.
	mkdirSync(join(copy, 'node_modules'), {recursive: true});
	mkdirSync(emptyPath);
	const tar = spawnSync('bash', ['-c', `tar --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./tmp -cf - . | tar -C '${copy}' -xf -`], {encoding: 'utf8'});
	assert.equal(tar.status, 0, tar.stderr);
	for (const entry of readdirSync('node_modules')) symlinkSync(resolve('node_modules', entry), join(copy, 'node_modules', entry));
	// No start-up snapshot for the copy's dist/berth: the tarball never holds one.
	const env = {...process.env, BERTH_NO_SNAPSHOT: '1'};
	step('npm', ['pack', '--pack-destination', work], env);
	installOutput = step('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(work, `berth-${version}.tgz`)], env);
	step('node', ['scripts/package.mjs'], env);
	step('node', ['scripts/image.mjs'], {...env, DOCKER_HOST: host});
});

let sshd: Sshd | undefined;
let tlsEngine: PrivateEngine | undefined;
after(async () => {
	sshd?.stop();
	await tlsEngine?.down();
	spawnSync('docker', ['-H', host, 'image', 'rm', '--force', image]);
	rmSync(work, {recursive: true, force: true});
});

/** The checks each way of installing gets: its version, `stats --json` naming a container, and the interface listing it. */
async function checkRuns(start: {command: string; args: readonly string[]; env: Readonly<Record<string, string>>}): Promise<void> {
	const name = `package-${freshHomes}-${process.pid}`;
	const container = await run(name, ['sleep', '3600']);
	const exec = async (args: readonly string[]) => (await promisify(execFile)(start.command, [...start.args, ...args], {env: {...start.env}})).stdout;
	assert.equal((await exec(['--version'])).trim(), version);
	const records = JSON.parse(await exec(['stats', '--json', '--host', host])) as {id: string; name: string}[];
	assert.ok(records.some(record => record.id === container.id && record.name === name), `stats --json lists ${name}: ${JSON.stringify(records)}`);
	term = startTerm({command: start.command, args: [...start.args, '--host', host], cols: 150, rows: 30, env: start.env});
	await term.waitForText(`● ${name}`, {timeoutMs: 15_000});
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
}

test('the single executable runs with no node on PATH: version, stats --json, the interface', async () => {
	assert.ok(existsSync(exe));
	await checkRuns({command: exe, args: [], env: {PATH: emptyPath, HOME: freshHome()}});
});

test('the single executable reaches engines over ssh:// (ssh2 bundled) and tcp:// with mutual TLS; events and alerts run', async () => {
	const name = `package-far-${process.pid}`;
	const container = await run(name, ['sleep', '3600']);
	const exec = async (args: readonly string[], env: Readonly<Record<string, string>> = {}) => (await promisify(execFile)(exe, [...args], {env: {PATH: emptyPath, HOME: freshHome(), ...env}})).stdout;
	const lists = (stdout: string, id: string) => (JSON.parse(stdout) as {id: string}[]).some(record => record.id === id);

	sshd = await startSshd(host);
	const overSsh = await exec(['stats', '--json', '--host', `ssh://root@127.0.0.1:${sshd.port}`], {HOME: sshd.home});
	assert.ok(lists(overSsh, container.id), `stats over ssh:// lists ${name}: ${overSsh}`);

	const tlsPort = await freePort();
	tlsEngine = await startEngine(join(work, 'engine-tls'), {tlsPort, labels: {[label]: '1'}});
	const far = await tlsEngine.run(`package-tls-${process.pid}`, ['sleep', '3600']);
	const overTls = await exec(['stats', '--json'], {DOCKER_HOST: `tcp://127.0.0.1:${tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(tlsEngine.dir, 'tls/client')});
	assert.ok(lists(overTls, far.id), `stats over TLS lists the TLS engine's container: ${overTls}`);

	const since = Math.floor(Date.now() / 1000) - 120;
	const events = await exec(['events', '--json', '--since', String(since), '--until', String(Math.floor(Date.now() / 1000) + 1), '--name', name, '--host', host]);
	assert.match(events, /"action":"start"/, `events lists ${name} starting: ${events}`);

	// alerts runs until stopped: a container that exits non-zero on its own makes a line.
	const alerts = spawn(exe, ['alerts', '--json', '--host', host], {env: {PATH: emptyPath, HOME: freshHome()}, stdio: ['ignore', 'pipe', 'pipe']});
	let alertLines = '';
	alerts.stdout.on('data', (chunk: Buffer) => {
		alertLines += chunk.toString();
	});
	try {
		const failing = `package-fails-${process.pid}`;
		await waitFor(async () => {
			// Started again until alerts, which may still be connecting, has seen one exit.
			if (!alertLines.includes(failing)) await (await run(`${failing}-${Date.now()}`, ['sh', '-c', 'exit 3'])).wait();
			return alertLines.includes(failing);
		}, {timeoutMs: 20_000, what: () => `an alert for ${failing}; alerts printed: ${alertLines}`});
	} finally {
		alerts.kill();
	}
});

test('the packed tarball installs into an empty prefix with no install scripts and no dependencies, and runs', async () => {
	assert.doesNotMatch(installOutput, /install-scripts|allowScripts/, 'npm asks to allow no install scripts');
	const installed = join(prefix, 'lib/node_modules/berth');
	assert.ok(!existsSync(join(installed, 'node_modules')), 'no dependencies installed: the bundle holds them');
	const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
	assert.equal(manifest['scripts'], undefined, 'no lifecycle scripts in the installed package.json');
	assert.deepEqual(readdirSync(join(installed, 'dist')).sort(), ['THIRD-PARTY-NOTICES.txt', 'berth', 'berth.cjs', 'cli.js']);
	await checkRuns({command: join(prefix, 'bin/berth'), args: [], env: {PATH: nodePath, HOME: freshHome()}});
});

test('the image runs against the engine\'s own socket, mounted: stats --json, and the interface in a pty', async () => {
	const docker = ['-H', host, 'run', '--rm', '-v', `${socket}:/var/run/docker.sock`];
	const name = `package-image-${process.pid}`;
	const container = await run(name, ['sleep', '3600']);
	const {stdout} = await promisify(execFile)('docker', [...docker, image, 'stats', '--json']);
	assert.ok((JSON.parse(stdout) as {id: string}[]).some(record => record.id === container.id), `stats --json in the image lists ${name}: ${stdout}`);
	term = startTerm({command: 'docker', args: [...docker, '-it', image], cols: 150, rows: 30});
	await term.waitForText(`● ${name}`, {timeoutMs: 20_000});
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
});

// The ways berth reaches an engine, each for real: ssh:// through a private sshd
// on loopback, tcp:// with mutual TLS, a docker context, and an engine that
// goes away and comes back while berth is open.
import assert from 'node:assert/strict';
import {execFile, execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {freePort, startSshd, type Sshd} from '../helpers/sshd.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitForExit, type PrivateEngine} from '../helpers/test-engine.js';
import {tempDir} from '../helpers/temp-dir.js';

// Containers that exit on SIGTERM at once, so stopping their engine does not wait ten seconds.
const defaults = {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']};
const {host, run, cleanup} = engineFixture({defaults});
// A second engine of the tests' own, with a TLS listener, that this file may stop and start.
let engineB: PrivateEngine;
let tlsPort = 0;
let sshd: Sshd | undefined;
let term: Term | undefined;

async function berthFails(args: string[], env: Record<string, string>): Promise<string> {
	const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOCKER_') && key !== 'SSH_AUTH_SOCK'));
	const result = await promisify(execFile)('dist/berth', [...args], {env: {...clean, ...env}}).then(
		() => assert.fail('berth should have exited non-zero'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 1);
	assert.doesNotMatch(result.stderr, /^\s+at /m, 'no stack trace');
	return result.stderr;
}

/** A fresh HOME with an empty ~/.ssh, for one ssh:// case. */
function sshHome(prefix: string): string {
	const home = tempDir(prefix);
	mkdirSync(join(home, '.ssh'));
	return home;
}
/** berth over ssh:// with this HOME (and no agent) shows `header` when given, then the container list, and quits cleanly. */
async function listsOverSsh(address: string, home: string, header?: string): Promise<void> {
	term = startTerm({args: ['--host', address], cols: 150, rows: 20, env: {HOME: home, SSH_AUTH_SOCK: ''}});
	if (header) await term.waitForText(header, {timeoutMs: 20_000});
	await term.waitForText(/Containers \d+\//, {timeoutMs: 20_000});
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
}

before(async () => {
	tlsPort = await freePort();
	engineB = await startEngine(`/tmp/berth-engine-b-${process.pid}`, {tlsPort, defaults});
});
// Registered first, so it runs even when the cleanup below fails: a failing after hook skips the ones after it.
after(async () => {
	sshd?.stop();
	// Its containers go with it.
	await engineB?.down();
});
engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('ssh://: berth logs in with the default key, runs the remote docker CLI and lists that engine', async () => {
	sshd = await startSshd(host);
	const name = `over-ssh-${process.pid}`;
	await run(name);
	term = startTerm({args: ['--host', `ssh://root@127.0.0.1:${sshd.port}`], cols: 150, rows: 20, env: {HOME: sshd.home, SSH_AUTH_SOCK: ''}});
	await term.waitForText(new RegExp(`berth ssh://root@127\\.0\\.0\\.1:${sshd.port} · Docker \\d+`), {timeoutMs: 20_000});
	await term.waitForText(new RegExp(`● ${name}.*\\d+(\\.\\d)?%`), {timeoutMs: 20_000});
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);

	// No key the server accepts: a plain message, not a stack trace.
	const noKey = sshHome('berth-nokey-');
	copyFileSync(join(sshd.home, '.ssh', 'known_hosts'), join(noKey, '.ssh', 'known_hosts'));
	const stderr = await berthFails(['--host', `ssh://root@127.0.0.1:${sshd.port}`], {HOME: noKey});
	assert.match(stderr, /^berth: SSH login to ssh:\/\/root@127\.0\.0\.1:\d+ failed: no key was accepted\./);
});

test('ssh:// checks the host key against known_hosts like ssh: unknown and changed keys are refused, hashed entries work', async () => {
	sshd ??= await startSshd(host);
	const address = `ssh://root@127.0.0.1:${sshd.port}`;
	/** A HOME with the accepted client key and the given known_hosts text. */
	const homeWith = (knownHosts: string | undefined) => {
		const home = sshHome('berth-known-');
		copyFileSync(join(sshd!.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'id_ed25519'));
		if (knownHosts !== undefined) writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts);
		return home;
	};
	const unknown = await berthFails(['--host', address], {HOME: homeWith(undefined)});
	assert.match(unknown, /^berth: The SSH host \[127\.0\.0\.1\]:\d+ is not in known_hosts/);
	assert.ok(unknown.includes(`run \`ssh -p ${sshd.port} root@127.0.0.1\` once`), unknown);

	// Another machine's key recorded for this address: what a man in the middle looks like.
	const other = tempDir('berth-otherkey-');
	execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(other, 'key')]);
	const otherKey = readFileSync(join(other, 'key.pub'), 'utf8').split(/\s+/).slice(0, 2).join(' ');
	const changed = await berthFails(['--host', address], {HOME: homeWith(`[127.0.0.1]:${sshd.port} ${otherKey}\n`)});
	assert.match(changed, /^berth: The SSH host key of \[127\.0\.0\.1\]:\d+ does not match the one in known_hosts/);

	// ssh's HashKnownHosts form, made by OpenSSH's own ssh-keygen -H.
	const hashed = homeWith(readFileSync(join(sshd.home, '.ssh', 'known_hosts'), 'utf8'));
	execFileSync('ssh-keygen', ['-q', '-H', '-f', join(hashed, '.ssh', 'known_hosts')]);
	assert.match(readFileSync(join(hashed, '.ssh', 'known_hosts'), 'utf8'), /^\|1\|/);
	await listsOverSsh(address, hashed);
});

test('ssh:// follows ~/.ssh/config: a Host alias with its HostName, Port, User, IdentityFile and UserKnownHostsFile', async () => {
	sshd ??= await startSshd(host);
	const home = sshHome('berth-alias-');
	// Neither file has a name berth would find without the config.
	copyFileSync(join(sshd.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'engine_key'));
	copyFileSync(join(sshd.home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_engine'));
	writeFileSync(join(home, '.ssh', 'config'), `Host engine-box\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User root\n  IdentityFile ~/.ssh/engine_key\n  UserKnownHostsFile ~/.ssh/known_engine\n`);
	await listsOverSsh('ssh://engine-box', home, 'berth ssh://engine-box · Docker');
});

test('ssh:// under StrictHostKeyChecking accept-new: a new host is let in and recorded in known_hosts, hashed as HashKnownHosts says', async () => {
	sshd ??= await startSshd(host);
	const home = sshHome('berth-acceptnew-');
	copyFileSync(join(sshd.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'id_ed25519'));
	const config = (extra: string) => writeFileSync(join(home, '.ssh', 'config'), `Host fresh\n  HostName 127.0.0.1\n  Port ${sshd?.port ?? 0}\n  User root\n${extra}`);
	const knownHosts = join(home, '.ssh', 'known_hosts');
	config('  StrictHostKeyChecking accept-new\n  HashKnownHosts yes\n');
	await listsOverSsh('ssh://fresh', home);
	assert.match(readFileSync(knownHosts, 'utf8'), /^\|1\|\S+ ssh-ed25519 \S+\n$/);
	// OpenSSH's own ssh-keygen finds the host there, with the key the server has.
	const serverKey = readFileSync(join(sshd.home, '.ssh', 'known_hosts'), 'utf8').trim().split(/\s+/).slice(1).join(' ');
	assert.ok(execFileSync('ssh-keygen', ['-F', `[127.0.0.1]:${sshd.port}`, '-f', knownHosts], {encoding: 'utf8'}).includes(serverKey));
	// Once recorded, the host is known without accept-new.
	config('');
	await listsOverSsh('ssh://fresh', home);
});

test('ssh:// through ProxyJump: the engine\'s host is reached through the jump host ~/.ssh/config names, each host key checked', async () => {
	sshd ??= await startSshd(host);
	// A second sshd as the jump host, logging the forwards it opens.
	const jump = await startSshd(host, 'DEBUG1');
	try {
		const home = sshHome('berth-jump-');
		copyFileSync(join(sshd.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'engine_key'));
		copyFileSync(join(jump.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'jump_key'));
		const knownHosts = (server: Sshd) => readFileSync(join(server.home, '.ssh', 'known_hosts'), 'utf8');
		writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts(sshd) + knownHosts(jump));
		const config = (jumpPort: number) => [
			'Host bastion', '  HostName 127.0.0.1', `  Port ${jumpPort}`, '  User root', '  IdentityFile ~/.ssh/jump_key',
			'Host behind', '  HostName 127.0.0.1', `  Port ${sshd?.port ?? 0}`, '  User root', '  IdentityFile ~/.ssh/engine_key', '  ProxyJump bastion', '',
		].join('\n');
		writeFileSync(join(home, '.ssh', 'config'), config(jump.port));
		await listsOverSsh('ssh://behind', home, 'berth ssh://behind · Docker');
		// sshd's own record of the forward berth asked for: to the engine's host, through the jump host.
		assert.match(jump.log(), new RegExp(`direct_tcpip: originator [^\\n]*target 127\\.0\\.0\\.1 port ${sshd.port}\\b`), jump.log().slice(-3000));

		// The jump host's key is checked as the engine host's is.
		writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts(sshd));
		assert.match(await berthFails(['--host', 'ssh://behind'], {HOME: home, SSH_AUTH_SOCK: ''}), new RegExp(`^berth: The SSH host \\[127\\.0\\.0\\.1\\]:${jump.port} is not in known_hosts.*run \`ssh -p ${jump.port} root@bastion\` once`));
		// A jump host that is not there is named as the one that failed.
		writeFileSync(join(home, '.ssh', 'known_hosts'), knownHosts(sshd) + knownHosts(jump));
		writeFileSync(join(home, '.ssh', 'config'), config(await freePort()));
		assert.match(await berthFails(['--host', 'ssh://behind'], {HOME: home, SSH_AUTH_SOCK: ''}), /^berth: Cannot reach the jump host 127\.0\.0\.1:\d+ \(ProxyJump in your SSH config\): ECONNREFUSED/);
	} finally {
		jump.stop();
	}
});

test('tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH talks mutual TLS; without them berth says what to set', async () => {
	const name = `over-tls-${process.pid}`;
	await engineB.run(name);
	const tcp = `tcp://127.0.0.1:${tlsPort}`;
	term = startTerm({args: [], cols: 150, rows: 20, env: {DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: `${engineB.dir}/tls/client`}});
	await term.waitForText(`berth ${tcp} · Docker`);
	await term.waitForText(`● ${name}`);
	term.press('q');
	await term.exited;

	assert.match(await berthFails([], {DOCKER_HOST: tcp}), /^berth: The engine at tcp:\/\/127\.0\.0\.1:\d+ only speaks TLS\. Set DOCKER_TLS_VERIFY=1/);
	assert.match(await berthFails([], {DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent'}), /\/nonexistent has no ca\.pem, cert\.pem, key\.pem/);
	// A CA that did not sign the engine's certificate.
	const otherCa = execFileSync('bash', ['scripts/make-tls.sh', tempDir('berth-otherca-')], {encoding: 'utf8'}).trim();
	assert.match(await berthFails([], {DOCKER_HOST: tcp, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: otherCa}), /presented a certificate berth cannot verify/);
});

test('the current docker context in config.json is used, and an unknown --context lists the known ones', async () => {
	const config = tempDir('berth-config-');
	const digest = createHash('sha256').update('engine-b').digest('hex');
	mkdirSync(join(config, 'contexts', 'meta', digest), {recursive: true});
	writeFileSync(join(config, 'contexts', 'meta', digest, 'meta.json'), JSON.stringify({Name: 'engine-b', Metadata: {}, Endpoints: {docker: {Host: engineB.host, SkipTLSVerify: false}}}));
	writeFileSync(join(config, 'config.json'), JSON.stringify({currentContext: 'engine-b'}));
	const name = `in-context-${process.pid}`;
	await engineB.run(name);
	term = startTerm({args: [], cols: 150, rows: 20, env: {DOCKER_CONFIG: config}});
	await term.waitForText(`(context engine-b)`);
	await term.waitForText(`● ${name}`);
	term.press('q');
	await term.exited;
	assert.match(await berthFails(['--context', 'nope'], {DOCKER_CONFIG: config}), /^berth: There is no docker context named "nope"\. Known contexts: default, engine-b\./);
});

test('when the engine goes away berth says so and keeps running; when it is back the list returns by itself', async () => {
	const name = `survivor-${process.pid}`;
	await engineB.run(name);
	term = startTerm({args: ['--host', engineB.host], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(`● ${name}`);
	const stopped = await engineB.pid();
	process.kill(stopped, 'SIGTERM');
	await t.waitForText('engine unreachable', {timeoutMs: 20_000});
	await t.waitForText(/Lost the engine, retrying… Cannot connect/);
	// The list is the last one the engine gave, or a wait: never "no containers".
	assert.doesNotMatch(t.screen(), /No containers\./);
	assert.match(t.screen(), new RegExp(`${name}|Waiting for the engine…`));
	await waitForExit(stopped);
	await engineB.up();
	// The engine stopped the container when it shut down; berth shows what is true now.
	await t.waitForNoText('engine unreachable', {timeoutMs: 20_000});
	await t.waitForText(new RegExp(`○ ${name}.*Exited`), {timeoutMs: 10_000});
	await engineB.docker.getContainer(name).start();
	await t.waitForText(`● ${name}`, {timeoutMs: 5000});
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
});

test('a socket the user may not open gets the docker-group explanation, not a stack trace', async () => {
	const result = await promisify(execFile)('runuser', ['-u', 'nobody', '--', 'dist/berth', '--host', host], {env: {PATH: process.env['PATH'] ?? '', HOME: '/tmp'}}).then(
		() => assert.fail('berth should have exited non-zero'),
		(error: {code: number; stderr: string}) => error,
	);
	assert.equal(result.code, 1);
	assert.doesNotMatch(result.stderr, /^\s+at /m);
	assert.match(result.stderr, /^berth: Permission denied on unix:\/\/.*docker\.sock\. Your user cannot open the Docker socket: add it to the docker group/);
});

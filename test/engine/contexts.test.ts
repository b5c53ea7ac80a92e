// `:ctx` for real, in a pseudo-terminal: a context made with `docker context
// create` is listed, Enter switches berth to it and every socket to the old
// engine is closed (counted with ss), `:ctx -` comes back and the second
// engine's sockets go in turn; a TLS context works, one missing its key is said.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {createHash} from 'node:crypto';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {freePort} from '../helpers/sshd.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, startEngine, waitFor, type PrivateEngine} from '../helpers/test-engine.js';
import {socketsTo, tcpSocketsTo} from '../helpers/unix-peers.js';

const defaults = {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']};
const labels = {'berth.test.contexts': '1'};
const engineA = engineFixture({defaults, labels});
let engineB: PrivateEngine;
let tlsPort = 0;
let term: Term | undefined;
let config = '';

/** The docker CLI itself, on this file's config folder. */
function docker(...args: string[]): string {
	return execFileSync('docker', args, {encoding: 'utf8', env: {...process.env, DOCKER_CONFIG: config, DOCKER_HOST: ''}});
}

before(async () => {
	tlsPort = await freePort();
	engineB = await startEngine(`/tmp/berth-engine-ctx-${process.pid}`, {tlsPort, defaults, labels});
	config = mkdtempSync(join(tmpdir(), 'berth-ctx-config-'));
	docker('context', 'create', 'engine-b', '--description', 'the second engine', '--docker', `host=${engineB.host}`);
	const tls = join(engineB.dir, 'tls', 'client');
	docker('context', 'create', 'b-tls', '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${tls}/ca.pem,cert=${tls}/cert.pem,key=${tls}/key.pem`);
	docker('context', 'create', 'b-nokey', '--docker', `host=tcp://127.0.0.1:${tlsPort},ca=${tls}/ca.pem,cert=${tls}/cert.pem,key=${tls}/key.pem`);
	// As if someone deleted it by hand: the context is there, its key is not.
	rmSync(join(config, 'contexts', 'tls', createHash('sha256').update('b-nokey').digest('hex'), 'docker', 'key.pem'));
});
after(async () => {
	await engineB?.down();
	if (config) rmSync(config, {recursive: true, force: true});
});
engineTestHooks({host: engineA.host, cleanup: engineA.cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

/**
 * Waits until berth holds a number of sockets to `host` that `count` accepts. A
 * socket left idle would be closed by the engine's own idle timeout in time, so
 * closing is given only a short while (`timeoutMs`) after the switch shows.
 */
async function connectedTo(pid: number, host: string, count: (n: number) => boolean, what: string, timeoutMs = 15_000): Promise<number> {
	return waitFor(() => {
		const n = socketsTo(pid, host);
		return count(n) ? n + 1 : false;
	}, {what: () => `${what}: berth holds ${socketsTo(pid, host)} sockets to ${host}`, timeoutMs, intervalMs: 50});
}

test(':ctx lists a context made with docker context create; Enter switches and closes every socket to the old engine; :ctx - comes back', async () => {
	const onA = `ctx-a-${process.pid}`;
	const onB = `ctx-b-${process.pid}`;
	await engineA.run(onA);
	await engineB.run(onB);
	term = startTerm({args: ['--host', engineA.host, '--stats-source', 'engine'], cols: 160, rows: 24, env: {DOCKER_CONFIG: config}});
	await term.waitForText(new RegExp(`● ${onA}.*\\d+(\\.\\d)?%`), {timeoutMs: 20_000});
	// Events, the list's stream and one stats stream at least.
	await connectedTo(term.pid, engineA.host, n => n >= 2, 'streams to the first engine');

	term.press(':');
	for (const key of 'ctx\r') term.press(key);
	await term.waitForText(/Contexts 4/);
	await term.waitForText(/engine-b +context +unix:\/\/.*the second engine/);
	await term.waitForText(/default \* +context/);
	// default, b-nokey, b-tls, engine-b: the last.
	term.press('G');
	term.press('\r');
	await term.waitForText(new RegExp(`berth ${engineB.host.replace(/[/.]/g, '\\$&')} \\(context engine-b\\)`), {timeoutMs: 15_000});
	await term.waitForText(new RegExp(`● ${onB}`));
	await term.waitForNoText(onA);
	await connectedTo(term.pid, engineA.host, n => n === 0, 'no socket left to the first engine', 1500);
	await connectedTo(term.pid, engineB.host, n => n >= 2, 'streams to the second engine');

	// The second engine keeps updating the list: a new container there shows.
	const later = `ctx-b2-${process.pid}`;
	await engineB.run(later);
	await term.waitForText(new RegExp(`● ${later}`));

	// Esc in the list goes back without switching.
	term.press(':');
	for (const key of 'ctx\r') term.press(key);
	await term.waitForText(/Contexts 4/);
	term.press('\u001B');
	await term.waitForText(new RegExp(`● ${onB}`));
	await term.waitForNoText(/Contexts 4/);

	term.press(':');
	for (const key of 'ctx -\r') term.press(key);
	await term.waitForText(new RegExp(`● ${onA}`), {timeoutMs: 15_000});
	await term.waitForNoText(onB);
	await connectedTo(term.pid, engineB.host, n => n === 0, 'no socket left to the second engine', 1500);
	await connectedTo(term.pid, engineA.host, n => n >= 2, 'streams to the first engine again');
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
});

test('a TLS context switches over tcp with its certificates (and its sockets close on the way back); one missing its key is said and berth stays', async () => {
	const onB = `ctx-tls-${process.pid}`;
	await engineB.run(onB);
	term = startTerm({args: ['--host', engineA.host], cols: 180, rows: 24, env: {DOCKER_CONFIG: config}});
	await term.waitForText(/Containers \d+\//, {timeoutMs: 20_000});
	term.press(':');
	for (const key of 'ctx nope\r') term.press(key);
	await term.waitForText(/There is no docker context or configured host named "nope"/);
	term.press(':');
	for (const key of 'ctx b-nokey\r') term.press(key);
	await term.waitForText(/Could not switch to b-nokey: The docker context "b-nokey" is missing its TLS files key\.pem/);
	term.press(':');
	for (const key of 'ctx b-tls\r') term.press(key);
	await term.waitForText(new RegExp(`berth tcp://127\\.0\\.0\\.1:${tlsPort} \\(context b-tls\\)`), {timeoutMs: 15_000});
	await term.waitForText(new RegExp(`● ${onB}`));
	await waitFor(() => tcpSocketsTo(term!.pid, tlsPort) > 0, {what: 'a TLS connection to the second engine'});
	await connectedTo(term.pid, engineA.host, n => n === 0, 'no socket left to the first engine', 1500);
	term.press(':');
	for (const key of 'ctx -\r') term.press(key);
	await term.waitForNoText(onB, {timeoutMs: 15_000});
	await term.waitForText(/Switched to /);
	await waitFor(() => tcpSocketsTo(term!.pid, tlsPort) === 0, {what: () => `no TLS connection left: ${tcpSocketsTo(term!.pid, tlsPort)}`, timeoutMs: 1500, intervalMs: 50});
	term.press('q');
	assert.equal((await term.exited).exitCode, 0);
});

// The test engine must run in the network namespace scripts/with-engine.sh made
// for the tests, never in the machine's own: there a private engine deleted the
// machine's docker0 bridge, and the machine's containers no longer started.
import assert from 'node:assert/strict';
import {readFile, readlink} from 'node:fs/promises';
import {test} from 'node:test';

test('the test engine shares the tests\' own network namespace, not the one the run started in or the machine\'s', async () => {
	const dir = process.env['BERTH_ENGINE_DIR'];
	const started = process.env['BERTH_HOST_NETNS'];
	assert.ok(dir && started, 'BERTH_ENGINE_DIR and BERTH_HOST_NETNS must be set: run the engine tests through scripts/with-engine.sh');
	const engine = await readlink(`/proc/${Number(await readFile(`${dir}/dockerd.pid`, 'utf8'))}/ns/net`);
	// One namespace for the engine and the tests, so 127.0.0.1 (registry, sshd, TLS listener) is the same place for both.
	assert.equal(engine, await readlink('/proc/self/ns/net'));
	assert.notEqual(engine, started, `the engine runs in ${engine}, the namespace the test run was started from`);
	// Some sandboxes do not let even root read pid 1's namespace; the check above stands there.
	const machine = await readlink('/proc/1/ns/net').catch(() => undefined);
	assert.notEqual(engine, machine, `the engine runs in ${engine}, the machine's own namespace`);
});

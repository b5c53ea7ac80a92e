// Changing containers in place and moving files, from berth's keys against the
// real engine, each checked on the engine: rename, update, kill with a signal
// the container traps, stop with its own timeout, copy in and out (a file and
// a folder, byte for byte), export, commit (the new image runs), and the prunes
// of stopped containers, unused networks and the build cache, each listing
// what would go before asking.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {mkdir, mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import type Docker from 'dockerode';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, testImage, testLabel, waitFor} from '../helpers/test-engine.js';

// Exits on SIGTERM at once (a bare sleep as PID 1 ignores it).
const {host, docker, run, cleanup} = engineFixture({defaults: {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']}});
let term: Term | undefined;
let here = '';

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	here = await mkdtemp(join(tmpdir(), 'berth-changes-'));
});
after(async () => {
	await rm(here, {recursive: true, force: true});
});

async function openOn(name: string): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: 160, rows: 30});
	await term.waitForText(`● ${name}`);
	await filterTo(term, name, /Containers 1\//);
	return term;
}

/** Presses each key on its own, as a person types them. */
function keys(t: Term, ...pressed: readonly string[]): void {
	for (const key of pressed) t.press(key);
}
const erase = (t: Term, count: number) => keys(t, ...Array.from({length: count}, () => 'backspace'));

async function inspect(container: Docker.Container) {
	return container.inspect();
}

async function execOut(container: Docker.Container, cmd: readonly string[]): Promise<string> {
	const exec = await container.exec({Cmd: [...cmd], AttachStdout: true, AttachStderr: true});
	const stream = await exec.start({});
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(chunk as Buffer);
	// The multiplexed frames' 8-byte headers are dropped; what is left is the output.
	const raw = Buffer.concat(chunks);
	const out: Buffer[] = [];
	for (let at = 0; at + 8 <= raw.length;) {
		const size = raw.readUInt32BE(at + 4);
		out.push(raw.subarray(at + 8, at + 8 + size));
		at += 8 + size;
	}
	return Buffer.concat(out).toString('utf8');
}

const sha256 = async (path: string) => (await promisify(execFile)('sha256sum', [path])).stdout.split(' ')[0];

test('R renames and U updates limits and restart policy: the engine\'s inspect shows them', async () => {
	const name = `change-${process.pid}`;
	const container = await run(name);
	const t = await openOn(name);
	t.press('R');
	await t.waitForText(`Rename ${name}`);
	erase(t, name.length);
	t.press(`${name}-renamed`);
	t.press('enter');
	await t.waitForText(`Renamed ${name} to ${name}-renamed.`);
	assert.equal((await inspect(container)).Name, `/${name}-renamed`);

	// The filter still matches the new name.
	await t.waitForText(`● ${name}-renamed`);
	t.press('U');
	await t.waitForText(`Limits and restart policy of ${name}-renamed`);
	t.press('0.5');
	keys(t, 'down');
	t.press('128m');
	keys(t, 'down');
	t.press('256m');
	keys(t, 'down');
	t.press('100');
	keys(t, 'down', 'right', 'right', 'right');
	await t.waitForText('‹ on-failure ›');
	keys(t, 'down', 'backspace');
	t.press('3');
	t.press('enter');
	await t.waitForText(/Updated change-\d+-renamed: CPUs 0\.5, memory 128MiB, memory\+swap 256MiB, PIDs limit 100, restart on-failure:3/);
	const {HostConfig: config} = await inspect(container);
	assert.equal(config.NanoCpus, 500_000_000);
	assert.equal(config.Memory, 128 * 1024 ** 2);
	assert.equal(config.MemorySwap, 256 * 1024 ** 2);
	assert.equal(config.PidsLimit, 100);
	assert.deepEqual(config.RestartPolicy, {Name: 'on-failure', MaximumRetryCount: 3});

	// The form shows what the engine now holds.
	t.press('U');
	await t.waitForText(/Memory +128MiB/);
	assert.match(t.screen(), /CPUs +0\.5/);
	assert.match(t.screen(), /PIDs limit +100/);
	t.press('escape');
});

test('K with SIGTERM reaches a container that traps it; s stops with the container\'s own timeout and says how long', async () => {
	const trapper = `trapper-${process.pid}`;
	const container = await run(trapper, 'trap "echo got TERM; exit 42" TERM; while :; do sleep 1; done');
	const t = await openOn(trapper);
	t.press('K');
	await t.waitForText(`Kill ${trapper}: which signal?`);
	assert.match(t.screen(), /‹ SIGKILL ›/);
	t.press('right');
	await t.waitForText('‹ SIGTERM ›');
	t.press('enter');
	await t.waitForText(`Sent SIGTERM to ${trapper}.`);
	await waitFor(async () => (await inspect(container)).State.Status === 'exited', {what: 'the trapper to exit'});
	assert.equal((await inspect(container)).State.ExitCode, 42);
	const logs = (await container.logs({stdout: true})).toString();
	assert.match(logs, /got TERM/);
	t.kill();

	// Ignores SIGTERM, so only the stop timeout ends it: 3 s of its own, not the engine's 10.
	const stubborn = `stubborn-${process.pid}`;
	const slow = await run(stubborn, {Cmd: ['sh', '-c', 'trap "" TERM; while :; do sleep 1; done'], StopTimeout: 3});
	const u = await openOn(stubborn);
	const pressedAt = Date.now();
	u.press('s');
	await u.waitForText(`Stopping ${stubborn}… (it may take up to 3 s: its own stop timeout)`);
	await u.waitForText(`Stopped ${stubborn}.`, {timeoutMs: 20_000});
	const took = Date.now() - pressedAt;
	const state = (await inspect(slow)).State;
	assert.equal(state.Status, 'exited');
	assert.equal(state.ExitCode, 137);
	assert.ok(took >= 2500 && took < 9000, `the stop took ${took} ms`);
});

test('c copies a file and a folder into the container and out again, byte for byte; a missing path is refused in words', async () => {
	const name = `copier-${process.pid}`;
	const container = await run(name);
	const file = join(here, 'blob.bin');
	await writeFile(file, randomBytes(3 * 1024 * 1024));
	const folder = join(here, 'site');
	await mkdir(join(folder, 'css'), {recursive: true});
	await writeFile(join(folder, 'index.html'), '<h1>berth</h1>\n');
	await writeFile(join(folder, 'css', 'main.css'), 'body { color: teal }\n');
	const t = await openOn(name);

	const copy = async (direction: 'in' | 'out', inside: string, local: string) => {
		t.press('c');
		await t.waitForText(`Copy files to or from ${name}`);
		if (direction === 'in') t.press('right');
		keys(t, 'down');
		t.press(inside);
		keys(t, 'down', 'backspace');
		t.press(local);
		t.press('enter');
	};

	await copy('in', '/tmp', file);
	await t.waitForText(`Copied ${file} into ${name}:/tmp/blob.bin (3.00MiB).`);
	assert.equal((await execOut(container, ['sha256sum', '/tmp/blob.bin'])).split(' ')[0], await sha256(file));
	await copy('in', '/srv', folder);
	await t.waitForText(`Copied ${folder} into ${name}:/srv (`);
	assert.equal(await execOut(container, ['cat', '/srv/index.html', '/srv/css/main.css']), '<h1>berth</h1>\nbody { color: teal }\n');

	const back = join(here, 'back');
	await mkdir(back);
	await copy('out', '/tmp/blob.bin', join(back, 'blob-again.bin'));
	await t.waitForText(`Copied ${name}:/tmp/blob.bin to ${join(back, 'blob-again.bin')}`);
	assert.equal(await sha256(join(back, 'blob-again.bin')), await sha256(file));
	await copy('out', '/srv', back);
	await t.waitForText(`Copied ${name}:/srv to ${join(back, 'srv')}`);
	assert.equal(await readFile(join(back, 'srv', 'index.html'), 'utf8'), '<h1>berth</h1>\n');
	assert.equal(await readFile(join(back, 'srv', 'css', 'main.css'), 'utf8'), 'body { color: teal }\n');
	// Again, onto what is there: the folder merges (a file of ours beside it stays), the file is replaced.
	await writeFile(join(back, 'srv', 'mine.txt'), 'mine');
	await writeFile(join(back, 'srv', 'index.html'), 'stale');
	// The status line says the same words as the first time: the files tell this copy is done.
	await copy('out', '/srv', back);
	await waitFor(async () => await readFile(join(back, 'srv', 'index.html'), 'utf8') === '<h1>berth</h1>\n', {what: 'the merged copy'});
	assert.equal(await readFile(join(back, 'srv', 'mine.txt'), 'utf8'), 'mine');
	await writeFile(join(back, 'blob-again.bin'), 'stale');
	await copy('out', '/tmp/blob.bin', join(back, 'blob-again.bin'));
	const wanted = await sha256(file);
	await waitFor(async () => await sha256(join(back, 'blob-again.bin')) === wanted, {what: 'the file replaced'});
	assert.deepEqual((await readdir(back)).filter(entry => entry.startsWith('.berth')), [], 'no staging folder left behind');

	await copy('out', '/no/such/file', back);
	await t.waitForText('No such file or folder in the container: /no/such/file.');
	await copy('in', '/no/such/folder/x', file);
	await t.waitForText('No such folder in the container: /no/such/folder.');
	await copy('out', '/tmp/blob.bin', '/no/such/dir/x');
	await t.waitForText('No such folder here: /no/such/dir.');
	t.kill();

	// A read-only root filesystem: the engine's refusal, said as "cannot write".
	const locked = `locked-${process.pid}`;
	await run(locked, {HostConfig: {ReadonlyRootfs: true}});
	const u = await openOn(locked);
	u.press('c');
	await u.waitForText(`Copy files to or from ${locked}`);
	keys(u, 'right', 'down');
	u.press('/tmp');
	keys(u, 'down', 'backspace');
	u.press(file);
	u.press('enter');
	await u.waitForText('Cannot write to /tmp in the container: container rootfs is marked read-only');
});

test('O exports the filesystem to a tar file; I commits to an image that then runs', async () => {
	const name = `snap-${process.pid}`;
	const container = await run(name, 'echo "made in berth" > /made.txt; trap "exit 0" TERM; while :; do sleep 1; done');
	await waitFor(async () => (await execOut(container, ['cat', '/made.txt'])).includes('made in berth'), {what: 'the file to be written'});
	const t = await openOn(name);
	t.press('O');
	await t.waitForText(`Export ${name}'s filesystem`);
	erase(t, `./${name}.tar`.length);
	const tar = join(here, `${name}.tar`);
	t.press(tar);
	t.press('enter');
	await t.waitForText(`Exported ${name} to ${tar}`, {timeoutMs: 30_000});
	const listed = (await promisify(execFile)('tar', ['-tf', tar], {maxBuffer: 16 * 1024 * 1024})).stdout.split('\n');
	assert.ok(listed.includes('made.txt'), 'the tar holds the container\'s file');
	assert.ok(listed.includes('bin/busybox'), 'and the image\'s');

	const reference = `berth-test-commit/${name}:snap`;
	t.press('I');
	await t.waitForText(`Commit ${name} to a new image`);
	t.press(reference);
	keys(t, 'down');
	t.press('committed by berth');
	t.press('enter');
	await t.waitForText(`Committed ${name} as ${reference}`);
	const image = await docker.getImage(reference).inspect();
	assert.equal(image.Comment, 'committed by berth');
	assert.equal(image.Config.Labels?.[testLabel], '1');
	const child = await docker.createContainer({Image: reference, Cmd: ['cat', '/made.txt'], Labels: {[testLabel]: '1'}});
	await child.start();
	await child.wait();
	assert.match((await child.logs({stdout: true})).toString(), /made in berth/);
});

test('X lists stopped containers, unused networks, and (in :system, B) the build cache before asking; each prune leaves the rest', async () => {
	const running = `keeper-${process.pid}`;
	await run(running);
	const stopped = [`gone-a-${process.pid}`, `gone-b-${process.pid}`];
	for (const name of stopped) {
		const container = await docker.createContainer({name, Image: testImage, Cmd: ['true'], Labels: {[testLabel]: '1'}});
		await container.start();
		await container.wait();
	}
	const unused = `berth-unused-${process.pid}`;
	await docker.createNetwork({Name: unused, Labels: {[testLabel]: '1'}});
	term = startTerm({args: ['--host', host], cols: 160, rows: 30});
	const t = term;
	await t.waitForText(`● ${running}`);
	t.press('X');
	await t.waitForText(/Remove \d+ stopped containers?\?/);
	for (const name of stopped) assert.match(t.screen(), new RegExp(`${name} +Exited \\(0\\)`));
	assert.doesNotMatch(t.screen(), new RegExp(`│ +${running}`));
	// Listed, not yet gone.
	for (const name of stopped) assert.ok(await docker.getContainer(name).inspect());
	t.press('y');
	await t.waitForText(/Pruned \d+ stopped containers?/);
	for (const name of stopped) await assert.rejects(docker.getContainer(name).inspect(), /no such container/i);
	assert.equal((await docker.getContainer(running).inspect()).State.Running, true);

	t.press(':networks\r');
	await t.waitForText(/Networks \d+\/\d+/);
	t.press('X');
	await t.waitForText(/Remove \d+ unused networks?\?/);
	assert.match(t.screen(), new RegExp(unused));
	assert.doesNotMatch(t.screen(), /│ +(bridge|host|none)\b/);
	assert.ok(await docker.getNetwork(unused).inspect());
	t.press('y');
	await t.waitForText(new RegExp(`Pruned \\d+ networks?: .*${unused}`));
	await assert.rejects(docker.getNetwork(unused).inspect(), /not found/i);

	// This engine builds without BuildKit, so it keeps no build cache: the question says so and asks nothing.
	t.press(':system\r');
	await t.waitForText('Disk usage');
	t.press('B');
	await t.waitForText('Nothing to prune: the build cache has no unused entries.');
	assert.match(t.screen(), /y\/Enter close/);
	t.press('enter');
	await t.waitForNoText('Nothing to prune');
});

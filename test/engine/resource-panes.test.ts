// End to end: the real berth binary in a pseudo-terminal driving the images,
// volumes and networks panes against the private test engine (and a local registry).
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type Docker from 'dockerode';
import {buildImage, pushImage, removeImage, tagImage} from '../../source/engine/resources/images.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startRegistry, type Registry} from '../helpers/registry.js';
import {enterCommand, filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, runLabelled, testDocker, testLabel, waitFor} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture();
let docker: Docker;
let registry: Registry;
let term: Term | undefined;
const directories: string[] = [];
// Builds whose layers a test later expects gone (a pull that downloads again, a prune that frees space) use the
// classic builder: BuildKit's cache keeps the layers of what it built after the image is removed.
const classic = {builder: 'classic'} as const;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	docker = await testDocker();
	registry = await startRegistry();
});
after(async () => {
	for (const image of await docker.listImages()) {
		for (const tag of image.RepoTags ?? []) if (tag.startsWith(registry.address) || tag.startsWith('berth-e2e/')) await docker.getImage(tag).remove({force: true}).catch(() => undefined);
	}
	await registry.stop();
	for (const directory of directories) await rm(directory, {recursive: true, force: true});
});

test(':images lists the busybox image with its ID, size and containers using it', async () => {
	await runLabelled(docker, {Cmd: ['sleep', '300']});
	const busybox = await docker.getImage('berth-test/busybox:latest').inspect();
	const using = (await docker.listContainers({all: true})).filter(container => container.ImageID === busybox.Id).length;
	assert.ok(using >= 1);
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText(/REPOSITORY:TAG\s+IMAGE ID\s+SIZE\s+CREATED\s+CONTAINERS/);
	await t.waitForText(new RegExp(String.raw`● berth-test\/busybox:latest\s+[0-9a-f]{12}\s+\d+(\.\d+)?MiB\s+\S+ ago\s+${using}\b`));
	t.press('enter');
	await t.waitForText('Cmd:           /bin/sh');
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');
	// A tag made from outside arrives through the engine's events, without a key press.
	await docker.getImage('berth-test/busybox:latest').tag({repo: 'berth-e2e/outside', tag: 'v1'});
	await t.waitForText('berth-e2e/outside:v1');
	await docker.getImage('berth-e2e/outside:v1').remove();
	await t.waitForNoText('berth-e2e/outside:v1');
});

test('a pull from the local registry cancels with Esc; pulled again it shows per-layer progress and a total while it runs, then the image is listed', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'berth-e2e-'));
	directories.push(directory);
	// Two fresh 24 MiB layers of random bytes: big enough that the pull takes a few frames.
	await writeFile(join(directory, 'Dockerfile'), `FROM berth-test/busybox:latest\nCOPY a /a\nCOPY b /b\nLABEL ${testLabel}=1\n`);
	await writeFile(join(directory, 'a'), randomBytes(24 * 1024 * 1024));
	await writeFile(join(directory, 'b'), randomBytes(24 * 1024 * 1024));
	await buildImage(docker, directory, 'berth-e2e/pull:1', new AbortController().signal, () => undefined, classic);
	const remote = `${registry.address}/berth-e2e/pull:1`;
	await tagImage(docker, 'berth-e2e/pull:1', remote);
	assert.equal(await pushImage(docker, remote, new AbortController().signal, () => undefined), 'done');
	await removeImage(docker, remote, {force: true});
	await removeImage(docker, 'berth-e2e/pull:1', {force: true});

	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText('berth-test/busybox:latest');
	assert.doesNotMatch(t.screen(), /berth-e2e\/pull/);
	// First pull: Esc as soon as a layer is downloading cancels it, and nothing is left behind.
	t.press('p');
	await t.waitForText('Pull an image');
	for (const char of remote) t.press(char);
	t.press('enter');
	await t.waitForText(/[0-9a-f]{12} Downloading/, {timeoutMs: 30_000});
	t.press('escape');
	await t.waitForText('Cancelled.');
	assert.doesNotMatch(t.screen(), /Done\./);
	await new Promise(resolve => setTimeout(resolve, 500));
	assert.equal((await docker.listImages()).some(image => image.RepoTags?.includes(remote)), false, 'a cancelled pull leaves no image');
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');

	t.press('p');
	await t.waitForText('Pull an image');
	for (const char of remote) t.press(char);
	t.press('enter');
	await t.waitForText(`Pulling ${remote}`);
	// Watch the frames while it runs: a layer part-way, with its bytes, and a part-way total.
	const frames: string[] = [];
	const deadline = Date.now() + 60_000;
	while (!t.screen().includes('Done.') && Date.now() < deadline) {
		frames.push(t.screen());
		await new Promise(resolve => setTimeout(resolve, 40));
	}
	const partial = frames.filter(frame => /[0-9a-f]{12} (Downloading|Extracting)\s+█*░+ \d+(\.\d+)?[KM]iB\/24\.0MiB/.test(frame));
	assert.ok(partial.length > 0, `no frame showed a layer part-way; last frame:\n${frames.at(-1) ?? ''}`);
	assert.ok(frames.some(frame => /Total █*░+ \d+(\.\d+)?[KM]iB \/ 48\.0MiB/.test(frame)), 'a part-way total');
	await t.waitForText('Done.');
	assert.match(t.screen(), /Total █+ 48\.0MiB \/ 48\.0MiB {2}3\/3 layers/);
	assert.match(t.screen(), /[0-9a-f]{12} Pull complete\s+█+ 24\.0MiB\/24\.0MiB/);
	assert.match(t.screen(), /Status: Downloaded newer image/);
	t.press('escape');
	await t.waitForText(remote);
	assert.ok((await docker.listImages()).some(image => image.RepoTags?.includes(remote)), 'the engine has the image');
});

test('removing a volume a container uses shows the plain refusal and keeps the volume', async () => {
	const volume = `berth-e2e-vol-${process.pid}`;
	await docker.createVolume({Name: volume, Labels: {[testLabel]: '1'}});
	const user = `berth-e2e-user-${process.pid}`;
	await runLabelled(docker, {name: user, Cmd: ['sleep', '300'], HostConfig: {Binds: [`${volume}:/data`]}});
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'volumes');
	await t.waitForText(volume);
	await filterTo(t, volume, /Volumes 1\//);
	await t.waitForText(new RegExp(`● ${volume}\\s+local\\s+\\S+\\s+${user}`));
	t.press('d');
	await t.waitForText(`Volume ${volume} is in use by ${user} (running). Remove that container first.`);
	assert.doesNotMatch(t.screen(), /Remove volume .*\?/, 'no confirmation for something that cannot be removed');
	assert.ok(await docker.getVolume(volume).inspect(), 'the volume is still there');
	t.press('escape');
	await t.waitForNoText('filter:');
	const outside = `berth-e2e-outside-${process.pid}`;
	await docker.createVolume({Name: outside, Labels: {[testLabel]: '1'}});
	await t.waitForText(new RegExp(`○ ${outside}\\s+local`));
});

test('connect and disconnect a container from the networks pane, as the engine inspect sees it', async () => {
	const home = `berth-e2e-home-${process.pid}`;
	const extra = `berth-e2e-extra-${process.pid}`;
	await docker.createNetwork({Name: home, Labels: {[testLabel]: '1'}});
	const network = await docker.createNetwork({Name: extra, Labels: {[testLabel]: '1'}, IPAM: {Driver: 'default', Config: [{Subnet: '10.232.9.0/24'}]}});
	const name = `berth-e2e-net-${process.pid}`;
	const container = await runLabelled(docker, {name, Cmd: ['sleep', '300'], HostConfig: {NetworkMode: home}});
	const members = async () => Object.keys(((await network.inspect()) as Docker.NetworkInspectInfo).Containers ?? {});

	term = startTerm({args: ['--host', host], cols: 130, rows: 24});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'networks');
	await t.waitForText(extra);
	await filterTo(t, extra, /Networks 1\//);
	await t.waitForText(new RegExp(`○ ${extra}.*10\\.232\\.9\\.0/24`));
	t.press('C');
	await t.waitForText(`Connect a container to ${extra}`);
	await filterTo(t, name, new RegExp(`${name}\\s+running`));
	t.press('enter');
	await waitFor(async () => (await members()).includes(container.id), {timeoutMs: 10_000, what: 'connected'});
	await t.waitForText(`Connected ${name} to ${extra}.`);
	await t.waitForText(new RegExp(`● ${extra}.*${name} 10\\.232\\.9\\.\\d+/24`));

	t.press('x');
	await t.waitForText(`Disconnect a container from ${extra}`);
	await t.waitForText(new RegExp(`${name}\\s+10\\.232\\.9\\.\\d+/24`));
	t.press('enter');
	await waitFor(async () => (await members()).length === 0, {timeoutMs: 10_000, what: 'disconnected'});
	await t.waitForText(`Disconnected ${name} from ${extra}.`);
	await t.waitForText(new RegExp(`○ ${extra}`));
});

test('i on a container opens inspect with secrets masked until v; processes, changes and restart policy views', async () => {
	const name = `insp-${process.pid}`;
	await runLabelled(docker, {
		name, Cmd: ['sh', '-c', 'touch /made-here && sleep 300'], Env: ['DB_PASSWORD=hunter2', 'PLAIN=visible'],
		HostConfig: {RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 2}},
	});
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await t.waitForText(`● ${name}`);
	await filterTo(t, name, /Containers 1\//);
	t.press('i');
	await t.waitForText('[1 Inspect]');
	t.press('/');
	await t.waitForText('Enter find');
	for (const char of 'DB_PASSWORD') t.press(char);
	t.press('enter');
	await t.waitForText('DB_PASSWORD=••••••');
	assert.doesNotMatch(t.screen(), /hunter2/);
	assert.match(t.screen(), /PLAIN=visible/);
	t.press('v');
	await t.waitForText('DB_PASSWORD=hunter2');
	t.press('2');
	await t.waitForText('[2 Processes]');
	await t.waitForText(/UID\s+PID\s+PPID/);
	await t.waitForText('sleep 300');
	t.press('3');
	await t.waitForText('A /made-here');
	t.press('4');
	await t.waitForText('Restart policy:  on-failure (at most 2 retries)');
	t.press('escape');
	await t.waitForText(`● ${name}`);
});

test('images pane: build from a directory streams output and succeeds; run form starts a container; remove asks first', async () => {
	const directory = await mkdtemp(join(tmpdir(), 'berth-e2e-build-'));
	directories.push(directory);
	await writeFile(join(directory, 'Dockerfile'), `FROM berth-test/busybox:latest\nRUN echo built-in-pty > /stamp\nLABEL ${testLabel}=1\n`);
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText('berth-test/busybox:latest');
	t.press('b');
	await t.waitForText('Build an image from a directory');
	// The directory field starts with the current directory: clear it first.
	for (let i = 0; i < process.cwd().length; i++) t.press('backspace');
	for (const char of directory) t.press(char);
	t.press('tab');
	for (const char of 'berth-e2e/built:1') t.press(char);
	t.press('enter');
	await t.waitForText('SUCCEEDED', {timeoutMs: 30_000});
	// The test engine runs BuildKit (API 1.41): the form's default builder says it ran.
	await t.waitForText('Built berth-e2e/built:1 with BuildKit.');
	assert.match(t.screen(), /RUN echo built-in-pty/);
	assert.match(t.screen(), /Successfully tagged berth-e2e\/built:1/);
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');
	await t.waitForText('berth-e2e/built:1');

	await filterTo(t, 'berth-e2e/built', /Images 1\//);
	const name = `ran-${process.pid}`;
	t.press('R');
	await t.waitForText('Run a container from berth-e2e/built:1');
	for (const char of name) t.press(char);
	t.press('tab');
	for (const char of 'sleep 300') t.press(char);
	t.press('tab');
	for (const char of 'GREETING=hi') t.press(char);
	t.press('enter');
	await t.waitForText(`Started ${name} from berth-e2e/built:1.`);
	const info = await docker.getContainer(name).inspect();
	assert.equal(info.State.Running, true);
	assert.deepEqual(info.Config.Cmd, ['sleep', '300']);
	assert.ok(info.Config.Env.includes('GREETING=hi'));
	await docker.getContainer(name).update({RestartPolicy: {Name: 'no'}});
	await docker.getContainer(name).remove({force: true});

	t.press('d');
	await t.waitForText('Remove image berth-e2e/built:1?');
	t.press('n');
	await t.waitForNoText('Remove image');
	assert.ok((await docker.listImages()).some(image => image.RepoTags?.includes('berth-e2e/built:1')), 'n keeps it');
	t.press('d');
	await t.waitForText('Remove image berth-e2e/built:1?');
	t.press('y');
	await t.waitForText(/Removed berth-e2e\/built:1: 1 untagged \(berth-e2e\/built:1\), \d+ deleted/);
	assert.equal((await docker.listImages()).some(image => image.RepoTags?.includes('berth-e2e/built:1')), false);
});

test('system pane shows engine info and disk usage; prune everything lists what would go and n keeps it', async () => {
	const stopped = await runLabelled(docker, {name: `gone-${process.pid}`, Cmd: ['true']});
	await stopped.wait();
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'system');
	await t.waitForText(/Version:\s+Docker \d+\.\d+.*API 1\.\d+/);
	await t.waitForText(/Cgroups:\s+v[12]/);
	await t.waitForText(/Images\s+\d+\s+\d+\s+\S+\s+\S+/);
	assert.match(t.screen(), /Storage driver:\s+\S+/);
	assert.match(t.screen(), /Kernel:\s+\S+/);
	t.press('X');
	await t.waitForText(/Prune everything unused: \d+ items?, reclaiming up to/);
	assert.match(t.screen(), new RegExp(`container\\s+gone-${process.pid}`));
	t.press('n');
	await t.waitForText('Disk usage');
	assert.equal((await stopped.inspect()).State.Status, 'exited', 'n keeps it');
});

test('images pane: tag for the local registry, push with progress; prune shows the dangling list and size, then reclaims', async () => {
	term = startTerm({args: ['--host', host], cols: 120, rows: 30});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText('berth-test/busybox:latest');
	await filterTo(t, 'berth-test/busybox', /Images 1\/\d+  filter: berth-test\/busybox/);
	const target = `${registry.address}/e2e/pushed:1`;
	t.press('t');
	await t.waitForText('Tag berth-test/busybox:latest');
	for (const char of target) t.press(char);
	t.press('enter');
	await t.waitForText(`Tagged berth-test/busybox:latest as ${target}.`);
	t.press('escape');
	await t.waitForNoText('filter:');
	await filterTo(t, 'e2e/pushed', /Images 1\/\d+  filter: e2e\/pushed/);
	t.press('P');
	await t.waitForText(`Pushing ${target}`);
	await t.waitForText('Done.', {timeoutMs: 30_000});
	assert.match(t.screen(), /Total .* 1\/1 layers/);
	const tags = await (await fetch(`http://${registry.address}/v2/e2e/pushed/tags/list`)).json() as {tags?: string[]};
	assert.deepEqual(tags.tags, ['1']);
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');

	// Building the same tag twice leaves the first image dangling.
	const build = async (content: string) => {
		const directory = await mkdtemp(join(tmpdir(), 'berth-e2e-prune-'));
		directories.push(directory);
		await writeFile(join(directory, 'Dockerfile'), `FROM berth-test/busybox:latest\nRUN head -c 300000 /dev/urandom > /${content}\nLABEL ${testLabel}=1\n`);
		return buildImage(docker, directory, 'berth-e2e/prune:1', new AbortController().signal, () => undefined, classic);
	};
	const first = await build('one');
	await build('two');
	const danglingId = (first.imageId ?? '').replace('sha256:', '').slice(0, 12);
	t.press('escape');
	await t.waitForNoText('filter:');
	await t.waitForText(new RegExp(`◌ <none>:<none>\\s+${danglingId}`));
	t.press('X');
	await t.waitForText(/Prune \d+ dangling images?, reclaiming up to \d+(\.\d+)?[KM]iB\?/);
	assert.match(t.screen(), new RegExp(`${danglingId}\\s+<none>:<none>`));
	t.press('y');
	await t.waitForText(/Pruned \d+ images?, reclaimed \d+(\.\d+)?[KM]iB\./);
	assert.equal((await docker.listImages()).some(image => image.Id === first.imageId), false, 'the dangling image is gone');
	assert.ok((await docker.listImages()).some(image => image.RepoTags?.includes('berth-e2e/prune:1')), 'the tagged one stays');
});

test('volumes and networks: create from a form, remove after confirming', async () => {
	term = startTerm({args: ['--host', host], cols: 130, rows: 30});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'volumes');
	await t.waitForText(/Volumes \d+\/\d+/);
	const volume = `made-${process.pid}`;
	t.press('c');
	await t.waitForText('Create a volume');
	for (const char of volume) t.press(char);
	t.press('enter');
	await t.waitForText(`Created volume ${volume}.`);
	await t.waitForText(new RegExp(`○ ${volume}\\s+local`));
	await filterTo(t, volume, new RegExp(`Volumes 1/\\d+  filter: ${volume}`));
	t.press('d');
	await t.waitForText(`Remove volume ${volume}?`);
	t.press('y');
	await t.waitForText(`Removed volume ${volume}.`);
	await waitFor(async () => !((await docker.listVolumes()).Volumes ?? []).some(v => v.Name === volume), {timeoutMs: 5000, what: 'volume removed'});

	await enterCommand(t, 'networks');
	await t.waitForText(/Networks \d+\/\d+/);
	const network = `made-net-${process.pid}`;
	t.press('c');
	await t.waitForText('Create a network');
	for (const char of network) t.press(char);
	t.press('tab');
	t.press('tab');
	for (const char of '10.233.4.0/24') t.press(char);
	t.press('enter');
	await t.waitForText(`Created network ${network}.`);
	await t.waitForText(new RegExp(`○ ${network}\\s+[0-9a-f]{12}\\s+bridge\\s+local\\s+10\\.233\\.4\\.0/24`));
	const created = (await docker.listNetworks()).find(n => n.Name === network);
	assert.equal(created?.IPAM?.Config?.[0]?.Subnet, '10.233.4.0/24');
	await filterTo(t, network, new RegExp(`Networks 1/\\d+  filter: ${network}`));
	t.press('d');
	await t.waitForText(`Remove network ${network}?`);
	t.press('n');
	await t.waitForNoText(`Remove network ${network}?`);
	assert.ok((await docker.listNetworks()).some(n => n.Name === network), 'n keeps it');
	t.press('d');
	await t.waitForText(`Remove network ${network}?`);
	t.press('y');
	await t.waitForText(`Removed network ${network}.`);
	assert.equal((await docker.listNetworks()).some(n => n.Name === network), false);
});

test('a 40x10 terminal: every resource pane, the run form and a confirmation fit without breaking the frame', async () => {
	term = startTerm({args: ['--host', host], cols: 40, rows: 10});
	const t = term;
	await t.waitForText('berth');
	for (const [pane, title] of [['images', /Images \d+\/\d+/], ['volumes', /Volumes \d+\/\d+/], ['networks', /Networks \d+\/\d+/], ['system', /System/]] as const) {
		await enterCommand(t, pane);
		await t.waitForText(title);
	}
	await enterCommand(t, 'images');
	await t.waitForText('berth-test/busybox');
	t.press('R');
	await t.waitForText('Run a container');
	for (let i = 0; i < 5; i++) t.press('tab');
	await t.waitForText('› Restart');
	const lines = t.screen().split('\n');
	assert.match(lines[1] ?? '', /^╭─+╮$/, 'the form box starts under the header');
	assert.ok(lines.every(line => line.length <= 40));
	assert.equal(lines.filter(line => /^╰─+╯$/.test(line)).length, 1, 'exactly one bottom border: nothing overdrawn');
	t.press('escape');
	await t.waitForText(/Images \d+\/\d+/);
	await filterTo(t, 'busybox', /filter: busybox/);
	t.press('d');
	await t.waitForText('Remove image berth-test/busybox');
	t.press('n');
	await t.waitForText(/Images \d+\/\d+/);
});

// Images against the real test engine and a local registry (Debian's docker-registry).
import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type Docker from 'dockerode';
import {buildImage, imageHistory, inspectImage, listImages, previewImagePrune, pruneImages, pullImage, pushImage, removeImage, tagImage} from '../../source/engine/resources/images.js';
import {applyProgressEvents, emptyProgress, progressTotals, type TransferProgress} from '../../source/engine/streams/layer-progress.js';
import type {ProgressEvent} from '../../source/engine/streams/progress.js';
import {runImage} from '../../source/engine/resources/run-image.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startRegistry, type Registry} from '../helpers/registry.js';
import {engineFixture, runLabelled, testDocker, testLabel} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture();
let docker: Docker;
let registry: Registry;
const directories: string[] = [];
const base = 'berth-test/busybox:latest';
// Builds whose layers a test later expects gone (a pull that downloads again, a prune that frees space) use the
// classic builder: BuildKit's cache keeps the layers of what it built after the image is removed.
const classic = {builder: 'classic'} as const;

async function contextWith(dockerfile: string, files: Record<string, string> = {}): Promise<string> {
	const directory = await mkdtemp(join(tmpdir(), 'berth-build-'));
	directories.push(directory);
	await writeFile(join(directory, 'Dockerfile'), dockerfile);
	for (const [name, text] of Object.entries(files)) await writeFile(join(directory, name), text);
	return directory;
}

engineTestHooks({host, cleanup});
before(async () => {
	docker = await testDocker();
	registry = await startRegistry();
});
after(async () => {
	for (const reference of (await listImages(docker)).map(image => image.reference)) {
		if (reference.startsWith(registry.address) || reference.startsWith('berth-tagged/')) await docker.getImage(reference).remove({force: true}).catch(() => undefined);
	}
	await registry.stop();
	for (const directory of directories) await rm(directory, {recursive: true, force: true});
});

test('lists the busybox image with the number of containers using it, inspects it and reads its history', async () => {
	await runLabelled(docker, {Cmd: ['sleep', '300']});
	await runLabelled(docker, {Cmd: ['true']});
	const row = (await listImages(docker)).find(image => image.reference === base);
	assert.ok(row, 'busybox listed');
	assert.equal(row.containers >= 2, true, `containers ${row.containers}`);
	assert.match(row.shortId, /^[0-9a-f]{12}$/);
	assert.ok(row.size > 100_000);
	const detail = await inspectImage(docker, base);
	assert.deepEqual(detail.cmd, ['/bin/sh']);
	assert.ok(detail.env.includes('PATH=/bin'));
	assert.ok(detail.layers.length >= 1);
	assert.equal(detail.architecture.length > 0, true);
	const history = await imageHistory(docker, base);
	assert.ok(history.length >= 1);
	assert.ok(history.some(entry => entry.size > 100_000), 'the imported layer has a size');
	await assert.rejects(inspectImage(docker, 'no-such-image:nope'), (error: Error & {kind?: string}) => error.kind === 'not-found');
});

test('tag adds a reference; removing it untags without deleting; removing an image in use is refused unless forced', async () => {
	await tagImage(docker, base, 'berth-tagged/one:v1');
	assert.ok((await listImages(docker)).some(image => image.reference === 'berth-tagged/one:v1'));
	const removed = await removeImage(docker, 'berth-tagged/one:v1', {force: false});
	assert.deepEqual(removed, {untagged: ['berth-tagged/one:v1'], deleted: []});
	assert.equal((await listImages(docker)).some(image => image.reference === 'berth-tagged/one:v1'), false);

	const directory = await contextWith(`FROM ${base}\nRUN echo used > /used\nLABEL ${testLabel}=1\n`);
	const built = await buildImage(docker, directory, 'berth-tagged/used:1', new AbortController().signal, () => undefined, classic);
	const container = await docker.createContainer({Image: 'berth-tagged/used:1', Cmd: ['true'], Labels: {[testLabel]: '1'}});
	await assert.rejects(removeImage(docker, built.imageId ?? '', {force: false}), (error: Error & {kind?: string}) => error.kind === 'conflict' && /used by|being used|must force/i.test(error.message));
	const forced = await removeImage(docker, 'berth-tagged/used:1', {force: true});
	assert.deepEqual(forced.untagged, ['berth-tagged/used:1']);
	await container.remove({force: true});
});

test('pushes to a local registry with progress, and pulls back with per-layer progress after the local copy is gone', async () => {
	// A fresh layer of random bytes, so the pull really downloads something.
	const directory = await contextWith(`FROM ${base}\nCOPY blob /blob\nLABEL ${testLabel}=1\n`, {blob: (await import('node:crypto')).randomBytes(3 * 1024 * 1024).toString('base64')});
	const built = await buildImage(docker, directory, 'berth-tagged/pushme:1', new AbortController().signal, () => undefined, classic);
	assert.equal(built.outcome, 'done');
	const remote = `${registry.address}/berth/pushme:1`;
	await tagImage(docker, 'berth-tagged/pushme:1', remote);

	let pushed: TransferProgress = emptyProgress;
	const pushOutcome = await pushImage(docker, remote, new AbortController().signal, events => (pushed = applyProgressEvents(pushed, events)));
	assert.equal(pushOutcome, 'done');
	assert.ok(pushed.layers.length >= 2, `push layers ${JSON.stringify(pushed)}`);
	assert.ok(pushed.layers.every(layer => layer.isDone), 'every layer pushed');
	assert.ok(pushed.messages.some(message => /digest: sha256:/.test(message)), pushed.messages.join('\n'));

	await removeImage(docker, remote, {force: true});
	await removeImage(docker, 'berth-tagged/pushme:1', {force: true});
	assert.equal((await listImages(docker)).some(image => image.reference === remote), false);

	let pulled: TransferProgress = emptyProgress;
	const batches: number[] = [];
	const raw: ProgressEvent[] = [];
	const outcome = await pullImage(docker, remote, new AbortController().signal, events => {
		batches.push(events.length);
		raw.push(...events);
		pulled = applyProgressEvents(pulled, events);
	});
	assert.equal(outcome, 'done');
	assert.ok((await listImages(docker)).some(image => image.reference === remote), 'pulled image listed');
	const totals = progressTotals(pulled);
	assert.ok(totals.layers >= 2 && totals.doneLayers === totals.layers, JSON.stringify(pulled));
	assert.ok(raw.some(event => event.status === 'Downloading' && (event.progressDetail?.total ?? 0) > 1_000_000), 'the fresh layer reported download progress');
	assert.ok(pulled.layers.some(layer => layer.total > 1_000_000 && layer.current === layer.total));
	assert.ok(pulled.messages.some(message => /Downloaded newer image/.test(message)), pulled.messages.join('\n'));
});

test('a pull of a missing image fails with the engine message; an aborted pull resolves cancelled', async () => {
	await assert.rejects(
		pullImage(docker, `${registry.address}/berth/missing:1`, new AbortController().signal, () => undefined),
		(error: Error) => /not found|manifest unknown/i.test(error.message),
	);
	const controller = new AbortController();
	controller.abort();
	assert.equal(await pullImage(docker, `${registry.address}/berth/missing:1`, controller.signal, () => undefined), 'cancelled');
	await assert.rejects(pullImage(docker, '  ', new AbortController().signal, () => undefined), /Type an image name/);
});

test('aborting a pull mid-stream resolves cancelled and leaves no image behind', async () => {
	const directory = await contextWith(`FROM ${base}\nCOPY blob /blob\nLABEL ${testLabel}=1\n`, {blob: (await import('node:crypto')).randomBytes(24 * 1024 * 1024).toString('base64')});
	await buildImage(docker, directory, 'berth-tagged/big:1', new AbortController().signal, () => undefined, classic);
	const remote = `${registry.address}/berth/big:1`;
	await tagImage(docker, 'berth-tagged/big:1', remote);
	assert.equal(await pushImage(docker, remote, new AbortController().signal, () => undefined), 'done');
	await removeImage(docker, remote, {force: true});
	await removeImage(docker, 'berth-tagged/big:1', {force: true});

	const controller = new AbortController();
	let batches = 0;
	// Abort on the first batch: the engine has said "Pulling from …" but not finished the 32 MB layer.
	const outcome = await pullImage(docker, remote, controller.signal, () => {
		batches++;
		controller.abort();
	});
	assert.equal(outcome, 'cancelled');
	assert.equal(batches, 1, 'no events are delivered after the abort');
	await new Promise(resolve => setTimeout(resolve, 500));
	assert.equal((await listImages(docker)).some(image => image.reference === remote), false, 'the cancelled pull left no image');
});

test('builds from a directory with the classic builder\'s streamed output; a failing step rejects with its output kept', async () => {
	const directory = await contextWith(`FROM ${base}\nRUN echo built-by-berth > /stamp\nLABEL ${testLabel}=1\n`);
	const lines: string[] = [];
	const result = await buildImage(docker, directory, 'berth-tagged/built:1', new AbortController().signal, batch => lines.push(...batch), classic);
	assert.equal(result.builder, 'classic');
	assert.equal(lines[0], 'Builder: classic');
	assert.equal(result.outcome, 'done');
	assert.ok(lines.some(line => /Step 2\/3 : RUN echo built-by-berth/.test(line)), lines.join('\n'));
	assert.ok(lines.some(line => /Successfully tagged berth-tagged\/built:1/.test(line)), lines.join('\n'));
	assert.ok((await listImages(docker)).some(image => image.reference === 'berth-tagged/built:1'));

	const failing = await contextWith(`FROM ${base}\nRUN echo about-to-fail && exit 3\n`);
	const failLines: string[] = [];
	await assert.rejects(buildImage(docker, failing, 'berth-tagged/broken:1', new AbortController().signal, batch => failLines.push(...batch), classic), /returned a non-zero code: 3/);
	assert.ok(failLines.some(line => line.includes('about-to-fail')), failLines.join('\n'));
	const empty = await mkdtemp(join(tmpdir(), 'berth-build-'));
	directories.push(empty);
	await assert.rejects(buildImage(docker, empty, 'x:1', new AbortController().signal, () => undefined, classic), /no Dockerfile/);
	await removeImage(docker, 'berth-tagged/built:1', {force: true});
});

test('prune preview lists the dangling image and its size; pruning deletes exactly it and reports the space', async () => {
	const label = `berth.prune=${process.pid}`;
	const first = await buildImage(docker, await contextWith(`FROM ${base}\nRUN head -c 200000 /dev/urandom > /one\nLABEL ${testLabel}=1 berth.prune=${process.pid}\n`), 'berth-tagged/prune:1', new AbortController().signal, () => undefined, classic);
	// Building the same tag again leaves the first image without a name: dangling.
	await buildImage(docker, await contextWith(`FROM ${base}\nRUN head -c 100 /dev/urandom > /two\nLABEL ${testLabel}=1 berth.prune=${process.pid}\n`), 'berth-tagged/prune:1', new AbortController().signal, () => undefined, classic);
	const preview = await previewImagePrune(docker, {all: false, label});
	assert.deepEqual(preview.images.map(image => image.id), [first.imageId]);
	assert.equal(preview.images[0]?.reference, '<none>:<none>');
	assert.ok(preview.reclaimable >= 200_000, `reclaimable ${preview.reclaimable}`);
	const result = await pruneImages(docker, {all: false, label});
	assert.deepEqual(result.deleted.includes((first.imageId ?? '').replace('sha256:', '').slice(0, 12)), true);
	assert.ok(result.reclaimed >= 200_000, `reclaimed ${result.reclaimed}`);
	assert.equal((await listImages(docker)).some(image => image.id === first.imageId), false);
	assert.ok((await listImages(docker)).some(image => image.reference === 'berth-tagged/prune:1'), 'the tagged image stays');
	await removeImage(docker, 'berth-tagged/prune:1', {force: true});
});

test('run creates and starts a container with name, command, env, ports, a volume and a restart policy', async () => {
	const name = `berth-run-${process.pid}`;
	const id = await runImage(docker, {
		image: base, name, command: 'sh -c "sleep 300"', env: 'FOO=bar, SECRET_TOKEN=x', ports: '127.0.0.1::8080', volumes: `berth-run-vol-${process.pid}:/data`,
		restart: 'unless-stopped', detached: true, labels: {[testLabel]: '1'},
	});
	const info = await docker.getContainer(id).inspect();
	assert.equal(info.Name, `/${name}`);
	assert.equal(info.State.Status, 'running');
	assert.deepEqual(info.Config.Cmd, ['sh', '-c', 'sleep 300']);
	assert.ok(info.Config.Env.includes('FOO=bar'));
	assert.equal(info.HostConfig.RestartPolicy?.Name, 'unless-stopped');
	assert.deepEqual(info.HostConfig.PortBindings, {'8080/tcp': [{HostIp: '127.0.0.1', HostPort: ''}]});
	assert.ok(info.Mounts.some(mount => mount.Name === `berth-run-vol-${process.pid}` && mount.Destination === '/data'));
	await docker.getContainer(id).remove({force: true});
	await docker.getVolume(`berth-run-vol-${process.pid}`).remove();
	await assert.rejects(runImage(docker, {image: base, name: 'bad name', command: '', env: '', ports: '', volumes: '', restart: 'no', detached: true}), /not a container name/);
	await assert.rejects(runImage(docker, {image: base, name: '', command: '', env: '', ports: '80:x', volumes: '', restart: 'no', detached: true}), /not a port binding/);
});

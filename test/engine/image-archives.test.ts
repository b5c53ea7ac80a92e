// Image archives and builds against the real test engine: save and load back
// (the loaded image runs), import of a filesystem tar, and builds with a build
// arg, a target stage and a Dockerfile of another name, by BuildKit and by the
// classic builder, each naming itself.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {createWriteStream} from 'node:fs';
import {mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pipeline} from 'node:stream/promises';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import type Docker from 'dockerode';
import {buildImage} from '../../source/engine/resources/build-image.js';
import {importImage, loadedImages, loadImages, saveImages} from '../../source/engine/resources/image-archives.js';
import {listImages, removeImage, tagImage} from '../../source/engine/resources/images.js';
import type {ProgressEvent} from '../../source/engine/streams/progress.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {enterCommand, filterTo, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, testDocker, testImage, testLabel} from '../helpers/test-engine.js';

const {host, cleanup} = engineFixture();
let docker: Docker;
let directory: string;
const never = new AbortController().signal;
const prefix = 'berth-archive/';
let term: Term | undefined;

/** What a container of the image prints for `sh -c script`, checked on the engine. */
async function output(image: string, script: string): Promise<string> {
	// A terminal: the logs come back as written, without the 8-byte frame headers.
	const container = await docker.createContainer({Image: image, Cmd: ['sh', '-c', script], Tty: true, Labels: {[testLabel]: '1'}});
	await container.start();
	const {StatusCode} = await container.wait() as {StatusCode: number};
	const logs = (await container.logs({stdout: true, stderr: true})).toString('utf8').replace(/\r/g, '');
	await container.remove({force: true});
	assert.equal(StatusCode, 0, logs);
	return logs.trim();
}

const isListed = async (reference: string) => (await listImages(docker)).some(image => image.reference === reference);

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	docker = await testDocker();
	directory = await mkdtemp(join(tmpdir(), 'berth-archives-'));
});
after(async () => {
	for (const image of await listImages(docker)) {
		if (image.reference.startsWith(prefix)) await removeImage(docker, image.reference, {force: true}).catch(() => undefined);
	}
	await rm(directory, {recursive: true, force: true});
});

test('build with a build arg, a target stage and a Dockerfile of another name: BuildKit where the engine can, named; the classic builder when asked, named', async () => {
	const context = join(directory, 'context');
	await mkdir(context);
	await writeFile(join(context, 'Build.df'), [
		`FROM ${testImage} AS base`,
		'ARG GREETING=none',
		'RUN echo "$GREETING" > /greeting',
		'FROM base AS final',
		'RUN echo final > /final',
		'',
	].join('\n'));
	const options = {dockerfile: 'Build.df', buildArgs: 'GREETING="hello there"', target: 'base', labels: `${testLabel}=1 team=core`};
	const lines: string[] = [];
	const kit = await buildImage(docker, context, `${prefix}kit:1`, never, batch => lines.push(...batch), options);
	assert.equal(kit.builder, 'buildkit');
	assert.match(lines[0] ?? '', /^Builder: BuildKit \(version=2\)/);
	assert.ok(lines.some(line => /^#\d+ \[base 2\/2\] RUN echo "hello there" > \/greeting$/.test(line)), lines.join('\n'));
	assert.ok(lines.some(line => /naming to docker\.io\/berth-archive\/kit:1 done/.test(line)), lines.join('\n'));
	assert.equal(lines.some(line => line.includes('[final')), false, 'the target stage ends the build');
	assert.equal(await output(`${prefix}kit:1`, 'cat /greeting; test ! -e /final && echo no-final'), 'hello there\nno-final');
	const inspected = await docker.getImage(`${prefix}kit:1`).inspect();
	assert.equal(inspected.Config.Labels?.['team'], 'core');
	assert.equal(inspected.Id, kit.imageId);

	// Again: BuildKit takes it from its cache, unless no-cache says not to.
	const isRunCached = (output: readonly string[]) => {
		const step = output.map(line => /^(#\d+) \[base 2\/2\] RUN /.exec(line)?.[1]).find(Boolean);
		assert.ok(step, output.join('\n'));
		return output.includes(`${step} CACHED`);
	};
	assert.equal(isRunCached(lines), false);
	const again: string[] = [];
	await buildImage(docker, context, `${prefix}kit:1`, never, batch => again.push(...batch), options);
	assert.equal(isRunCached(again), true, again.join('\n'));
	const fresh: string[] = [];
	await buildImage(docker, context, `${prefix}kit:1`, never, batch => fresh.push(...batch), {...options, noCache: true});
	assert.equal(isRunCached(fresh), false, fresh.join('\n'));

	const classicLines: string[] = [];
	const platform = process.arch === 'arm64' ? 'linux/arm64' : 'linux/amd64';
	const classic = await buildImage(docker, context, `${prefix}classic:1`, never, batch => classicLines.push(...batch), {...options, builder: 'classic', platform, target: 'final', buildArgs: 'GREETING=classic'});
	assert.equal(classic.builder, 'classic');
	assert.equal(classicLines[0], 'Builder: classic');
	assert.ok(classicLines.some(line => /^Step \d\/\d : FROM base AS final/.test(line)), classicLines.join('\n'));
	assert.equal(await output(`${prefix}classic:1`, 'cat /greeting /final'), 'classic\nfinal');

	// A failing step under BuildKit rejects with the engine's words.
	await writeFile(join(context, 'Broken.df'), `FROM ${testImage}\nRUN echo about-to-fail && exit 3\n`);
	const broken: string[] = [];
	await assert.rejects(buildImage(docker, context, `${prefix}broken:1`, never, batch => broken.push(...batch), {dockerfile: 'Broken.df'}), /exit code: 3|non-zero code: 3/);
	assert.ok(broken.some(line => line.includes('about-to-fail')), broken.join('\n'));

	await assert.rejects(buildImage(docker, context, `${prefix}x:1`, never, () => undefined, {dockerfile: '../elsewhere/Dockerfile'}), /is not inside/);
	await assert.rejects(buildImage(docker, context, `${prefix}x:1`, never, () => undefined, {dockerfile: 'Missing.df'}), /There is no Missing\.df in/);
	await assert.rejects(buildImage(docker, context, `${prefix}x:1`, never, () => undefined, {dockerfile: 'Build.df', buildArgs: 'NOT_SET_ANYWHERE_XYZ'}), /has no value here/);
	await assert.rejects(buildImage(docker, context, `${prefix}x:1`, never, () => undefined, {dockerfile: 'Build.df', platform: 'amd64'}), /is not a platform/);
	assert.equal(await isListed(`${prefix}x:1`), false);
});

test('save writes the images to one tar (never over a file unasked), load brings them back and the loaded image runs', async () => {
	await writeFile(join(directory, 'Dockerfile'), `FROM ${testImage}\nCOPY stamp /stamp\nLABEL ${testLabel}=1\n`);
	await writeFile(join(directory, 'stamp'), 'saved-and-loaded\n');
	await buildImage(docker, directory, `${prefix}saved:1`, never, () => undefined, {builder: 'classic'});
	await tagImage(docker, `${prefix}saved:1`, `${prefix}saved:also`);
	const path = join(directory, 'images.tar');
	let bytes = 0;
	assert.equal(await saveImages(docker, [`${prefix}saved:1`, `${prefix}saved:also`], path, {overwrite: false, signal: never, onBytes: count => (bytes = count)}), 'done');
	const size = (await stat(path)).size;
	assert.ok(size > 100_000 && bytes === size, `size ${size}, counted ${bytes}`);
	const listing = (await promisify(execFile)('tar', ['-tf', path])).stdout;
	assert.match(listing, /^manifest\.json$/m);
	await assert.rejects(saveImages(docker, [`${prefix}saved:1`], path, {overwrite: false, signal: never}), /exists; turn on "Overwrite"/);
	await assert.rejects(stat(`${path}.partial`), /ENOENT/);

	await removeImage(docker, `${prefix}saved:1`, {force: true});
	await removeImage(docker, `${prefix}saved:also`, {force: true});
	assert.equal(await isListed(`${prefix}saved:1`), false);
	const events: ProgressEvent[] = [];
	assert.equal(await loadImages(docker, path, never, batch => events.push(...batch)), 'done');
	assert.deepEqual(loadedImages(events).sort(), [`${prefix}saved:1`, `${prefix}saved:also`]);
	assert.ok(await isListed(`${prefix}saved:also`));
	assert.equal(await output(`${prefix}saved:1`, 'cat /stamp'), 'saved-and-loaded');

	await assert.rejects(loadImages(docker, join(directory, 'nope.tar'), never, () => undefined), /is not a file berth can read/);
	await writeFile(join(directory, 'not-a-tar.tar'), 'hello');
	await assert.rejects(loadImages(docker, join(directory, 'not-a-tar.tar'), never, () => undefined));
});

test('import makes an image from a filesystem tar (a container exported), which runs', async () => {
	const container = await docker.createContainer({Image: testImage, Cmd: ['sh', '-c', 'echo imported-fs > /marker'], Labels: {[testLabel]: '1'}});
	await container.start();
	await container.wait();
	const path = join(directory, 'rootfs.tar');
	await pipeline(await container.export() as unknown as NodeJS.ReadableStream, createWriteStream(path));
	await container.remove({force: true});
	const events: ProgressEvent[] = [];
	assert.equal(await importImage(docker, path, `${prefix}imported:1`, never, batch => events.push(...batch), 'made by berth'), 'done');
	assert.ok(await isListed(`${prefix}imported:1`));
	const inspected = await docker.getImage(`${prefix}imported:1`).inspect();
	assert.equal(inspected.Comment, 'made by berth');
	assert.equal(await output(`${prefix}imported:1`, 'cat /marker'), 'imported-fs');
	await assert.rejects(importImage(docker, path, 'bad name', never, () => undefined), /has spaces/);
});

test('in berth: S saves the marked images to the file typed, :load brings the tar back, both said in the status line', async () => {
	await tagImage(docker, testImage, `${prefix}pty:1`);
	await tagImage(docker, testImage, `${prefix}pty:2`);
	const path = join(directory, 'pty.tar');
	term = startTerm({args: ['--host', host], cols: 140, rows: 30});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText('REPOSITORY:TAG');
	await filterTo(t, `${prefix}pty`, /Images 2\//);
	t.press(' ');
	t.press(' ');
	await t.waitForText('2 marked');
	t.press('S');
	await t.waitForText(/Save berth-archive\/pty:[12], berth-archive\/pty:[12] to a tar file/);
	for (let i = 0; i < 40; i++) t.press('backspace');
	for (const char of path) t.press(char);
	t.press('enter');
	await t.waitForText(/Saved berth-archive\/pty:[12], berth-archive\/pty:[12] to /);
	assert.match((await promisify(execFile)('tar', ['-xOf', path, 'manifest.json'])).stdout, /berth-archive\/pty:1.*berth-archive\/pty:2|berth-archive\/pty:2.*berth-archive\/pty:1/);
	t.press('escape');
	await removeImage(docker, `${prefix}pty:1`, {force: false});
	await enterCommand(t, `load ${path}`);
	await t.waitForText('Load a tar of saved images');
	t.press('enter');
	await t.waitForText(/Loaded berth-archive\/pty:[12], berth-archive\/pty:[12] from /);
	assert.ok(await isListed(`${prefix}pty:1`), 'loaded back on the engine');
});

// The pure parts of registry logins and builds: which registry a reference
// lives on and the key its login is filed under, the refusal wording, the
// build form's words as the engine's query, BuildKit's trace as plain lines,
// and the engine's words kept when a stream request is refused.
import assert from 'node:assert/strict';
import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {helperGet} from '../../source/engine/registry/credential-helper.js';
import {credentialsResponse, firstString, loginForHost} from '../../source/engine/registry/buildkit-session.js';
import {baseImages, checkPlatform, dockerfileInContext, parsePairs} from '../../source/engine/resources/build-options.js';
import {archiveName} from '../../source/engine/resources/image-archives.js';
import {loginNeeded} from '../../source/engine/registry/login.js';
import {dockerHubIndex, isRegistryName, registryKey, registryOfReference} from '../../source/engine/registry/registry-host.js';
import {BuildkitTrace} from '../../source/engine/streams/buildkit-trace.js';
import {applyProgressEvents, emptyProgress, progressTotals} from '../../source/engine/streams/layer-progress.js';
import {runCommandLine} from '../../source/shell/command-line.js';
import {toEngineError} from '../../source/engine/transport/errors.js';

test('the registry of a reference and the key its login is filed under, as the docker CLI reads them', () => {
	assert.equal(registryOfReference('busybox'), dockerHubIndex);
	assert.equal(registryOfReference('library/busybox:1'), dockerHubIndex);
	assert.equal(registryOfReference('docker.io/me/app:1'), dockerHubIndex);
	assert.equal(registryOfReference('ghcr.io/me/app:1'), 'ghcr.io');
	assert.equal(registryOfReference('localhost/app'), 'localhost');
	assert.equal(registryOfReference('127.0.0.1:5000/app@sha256:abc'), '127.0.0.1:5000');
	assert.equal(registryKey(''), dockerHubIndex);
	assert.equal(registryKey('docker.io'), dockerHubIndex);
	assert.equal(registryKey('https://index.docker.io/v1/'), dockerHubIndex);
	assert.equal(registryKey('https://ghcr.io/'), 'ghcr.io');
	assert.equal(registryKey(' 127.0.0.1:5000/v2/ '), '127.0.0.1:5000');
	assert.equal(isRegistryName('ghcr.io'), true);
	assert.equal(isRegistryName('not a host'), false);
});

test('a refusal for want of a login names the registry and what to press; other failures are not one', () => {
	assert.deepEqual(loginNeeded('Head "http://r:5000/v2/a/manifests/1": no basic auth credentials', 'r:5000/a:1', false), {
		registry: 'r:5000', isAmbiguous: false, text: 'r:5000 wants a login (no basic auth credentials). L logs in, or :login r:5000.',
	});
	assert.match(loginNeeded('unauthorized: authentication required', 'r:5000/a:1', true)?.text ?? '', /^r:5000 refused the stored login \(authentication required\)\. L logs in again/);
	const hub = loginNeeded("pull access denied for nope, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'nope:1', false);
	assert.equal(hub?.isAmbiguous, true);
	assert.match(hub?.text ?? '', /^pull access denied for nope.*\(private\? L logs in, or :login\)$/);
	assert.equal(loginNeeded('manifest unknown', 'r:5000/a:1', false), undefined);
});

test('build args and labels: KEY=value pairs, quotes group, a bare build arg comes from the environment', () => {
	assert.deepEqual(parsePairs('A=1, B="two words" C=', 'build arg'), {A: '1', B: 'two words', C: ''});
	assert.deepEqual(parsePairs('HOME_ONLY', 'build arg', {HOME_ONLY: '/root'}), {HOME_ONLY: '/root'});
	assert.throws(() => parsePairs('MISSING', 'build arg', {}), /has no value here/);
	assert.deepEqual(parsePairs('team=core', 'label'), {team: 'core'});
	assert.throws(() => parsePairs('=x', 'label'), /is not a label/);
	assert.equal(dockerfileInContext('/ctx', ''), 'Dockerfile');
	assert.equal(dockerfileInContext('/ctx', 'docker/Build.df'), 'docker/Build.df');
	assert.equal(dockerfileInContext('/ctx', '/ctx/sub/Dockerfile'), 'sub/Dockerfile');
	assert.throws(() => dockerfileInContext('/ctx', '../Dockerfile'), /is not inside/);
	assert.equal(checkPlatform(' linux/arm64/v8 '), 'linux/arm64/v8');
	assert.throws(() => checkPlatform('arm64'), /is not a platform/);
	assert.deepEqual(baseImages('FROM --platform=linux/amd64 ghcr.io/me/base:1 AS build\nFROM build\nFROM scratch\nARG V\nFROM alpine:$V\nfrom busybox as x\n'), ['ghcr.io/me/base:1', 'busybox']);
	assert.equal(archiveName(['ghcr.io/me/app:1']), 'ghcr.io-me-app-1.tar');
	assert.equal(archiveName(['a:1', 'b:2', 'c:3']), 'a-1-and-2-more.tar');
});

/** A protobuf field: key varint, then a varint or length-delimited bytes. */
function field(number: number, value: number | string | Buffer): Buffer {
	const varint = (n: number) => {
		const bytes: number[] = [];
		do {
			bytes.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
			n >>>= 7;
		} while (n > 0);
		return Buffer.from(bytes);
	};
	if (typeof value === 'number') return Buffer.concat([varint(number << 3), varint(value)]);
	const bytes = typeof value === 'string' ? Buffer.from(value) : value;
	return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

test('BuildKit trace messages become plain-progress lines: each step numbered once, its logs, CACHED, DONE and ERROR', () => {
	const trace = new BuildkitTrace();
	const stamp = field(1, 5);
	const vertex = (digest: string, name: string, extra: Buffer[] = []) => field(1, Buffer.concat([field(1, digest), field(3, name), ...extra]));
	const message = (...parts: Buffer[]) => Buffer.concat(parts).toString('base64');
	assert.deepEqual(trace.lines(message(vertex('sha256:a', '[1/2] FROM base'), vertex('sha256:b', '[2/2] RUN make', [field(5, stamp)]))), ['#2 [2/2] RUN make']);
	assert.deepEqual(trace.lines(message(field(3, Buffer.concat([field(1, 'sha256:b'), field(4, 'compiling\nlinking\n')])))), ['#2 compiling', '#2 linking']);
	assert.deepEqual(trace.lines(message(vertex('sha256:a', '[1/2] FROM base', [field(4, 1), field(6, stamp)]))), ['#1 [1/2] FROM base', '#1 CACHED']);
	assert.deepEqual(trace.lines(message(vertex('sha256:b', '[2/2] RUN make', [field(5, stamp), field(7, 'exit code: 2')]))), ['#2 ERROR: exit code: 2']);
	assert.deepEqual(trace.lines(message(field(2, Buffer.concat([field(1, 'naming to docker.io/library/app:1'), field(2, 'sha256:c'), field(8, stamp)])))), ['#3 naming to docker.io/library/app:1 done']);
	assert.deepEqual(trace.lines('not protobuf at all'), []);
});

test(':login, :logout, :load and :import open the images view on their form with what was typed after them', () => {
	assert.deepEqual(runCommandLine(':login ghcr.io'), {kind: 'pane', pane: 'images', params: {action: 'login', argument: 'ghcr.io'}});
	assert.deepEqual(runCommandLine('logout'), {kind: 'pane', pane: 'images', params: {action: 'logout', argument: ''}});
	assert.deepEqual(runCommandLine(':load /tmp/a b.tar'), {kind: 'pane', pane: 'images', params: {action: 'bringIn', kind: 'load', argument: '/tmp/a b.tar'}});
	assert.equal(runCommandLine(':images extra').kind, 'unknown');
});

test('a refused stream request keeps the engine\'s words, not docker-modem\'s "server error"', () => {
	const error = Object.assign(new Error('(HTTP code 500) server error - Head "http://r/v2/": no basic auth credentials '), {statusCode: 500, reason: 'server error', json: null});
	assert.equal(toEngineError(error).message, 'Head "http://r/v2/": no basic auth credentials');
});

test('a credential helper that hangs is stopped after its time, one that is missing is named, one with nothing says so', async () => {
	const bin = await mkdtemp(join(tmpdir(), 'berth-helpers-'));
	try {
		await writeFile(join(bin, 'docker-credential-slow'), '#!/bin/sh\nsleep 5\n');
		await writeFile(join(bin, 'docker-credential-empty'), '#!/bin/sh\necho "credentials not found in native keychain"\nexit 1\n');
		await writeFile(join(bin, 'docker-credential-broken'), '#!/bin/sh\necho "keychain locked" >&2\nexit 3\n');
		for (const name of ['slow', 'empty', 'broken']) await chmod(join(bin, `docker-credential-${name}`), 0o755);
		const env = {PATH: `${bin}:${process.env['PATH']}`};
		const started = Date.now();
		await assert.rejects(helperGet('slow', 'r:5000', env, 300), /docker-credential-slow get did not answer within 0\.3 s/);
		assert.ok(Date.now() - started < 3000, 'stopped, not waited for');
		assert.equal(await helperGet('empty', 'r:5000', env), undefined);
		await assert.rejects(helperGet('broken', 'r:5000', env), /docker-credential-broken get failed: keychain locked/);
		await assert.rejects(helperGet('absent', 'r:5000', env), /docker-credential-absent is not on the PATH/);
	} finally {
		await rm(bin, {recursive: true, force: true});
	}
});

test('the BuildKit session answers Credentials for the host asked, Docker Hub under its index name, nothing for others', () => {
	const auths = {'r:5000': {username: 'ann', password: 'pw', serveraddress: 'r:5000'}, 'https://index.docker.io/v1/': {identitytoken: 'tok', serveraddress: 'https://index.docker.io/v1/'}};
	const request = Buffer.concat([Buffer.from([0x0a, 6]), Buffer.from('r:5000')]);
	assert.equal(firstString(request), 'r:5000');
	assert.deepEqual(credentialsResponse(loginForHost('r:5000', auths)), Buffer.concat([Buffer.from([0x0a, 3]), Buffer.from('ann'), Buffer.from([0x12, 2]), Buffer.from('pw')]));
	assert.deepEqual(credentialsResponse(loginForHost('registry-1.docker.io', auths)), Buffer.concat([Buffer.from([0x12, 3]), Buffer.from('tok')]));
	assert.deepEqual(credentialsResponse(loginForHost('ghcr.io', auths)), Buffer.alloc(0));
});

test('a load\'s layer counts as done once "Loading layer" reaches its size (the engine says nothing after)', () => {
	const halfway = applyProgressEvents(emptyProgress, [{status: 'Loading layer', id: '0123456789ab', progressDetail: {current: 50, total: 100}}]);
	assert.equal(halfway.layers[0]?.isDone, false);
	const whole = applyProgressEvents(halfway, [{status: 'Loading layer', id: '0123456789ab', progressDetail: {current: 100, total: 100}}]);
	assert.deepEqual(progressTotals(whole), {current: 100, total: 100, doneLayers: 1, layers: 1});
});

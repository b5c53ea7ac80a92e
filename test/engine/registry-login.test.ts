// Registry logins against the real test engine and a private registry behind
// htpasswd (bcrypt) logins on loopback: credentials from config.json's auths,
// from a credential helper (credsStore), a wrong password, and login/logout
// writing the file as `docker login` does, read back by the docker CLI itself.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {promisify} from 'node:util';
import type Docker from 'dockerode';
import {buildImage} from '../../source/engine/resources/build-image.js';
import {listImages, pullImage, pushImage, removeImage, tagImage} from '../../source/engine/resources/images.js';
import {credentialsForReference, login, loginNeeded, logout} from '../../source/engine/registry/login.js';
import type {DockerConfigPlace} from '../../source/engine/registry/docker-config.js';
import {makeCredentialHelper, type TestHelper} from '../helpers/credential-helper.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startRegistry, type Registry} from '../helpers/registry.js';
import {enterCommand, startTerm, type Term} from '../helpers/term.js';
import {engineFixture, testDocker, testImage} from '../helpers/test-engine.js';

const run = promisify(execFile);
const {host, cleanup} = engineFixture();
const user = 'berth';
const password = 'pa55-w0rd-not-in-messages';
let docker: Docker;
let registry: Registry;
let helper: TestHelper;
let term: Term | undefined;
const directories: string[] = [];
const never = new AbortController().signal;

async function configPlace(config?: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): Promise<DockerConfigPlace & {readonly directory: string}> {
	const directory = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
	directories.push(directory);
	if (config) await writeFile(join(directory, 'config.json'), JSON.stringify(config));
	return {env: {PATH: process.env['PATH'], ...env, DOCKER_CONFIG: directory}, homeDir: '/nonexistent', directory};
}

const basic = (name: string, secret: string) => Buffer.from(`${name}:${secret}`).toString('base64');
const isListed = async (reference: string) => (await listImages(docker)).some(image => image.reference === reference);

/** The registry's own list of tags, read with the login: checked on the registry, not on what berth said. */
async function registryTags(repository: string): Promise<string[]> {
	const response = await fetch(`http://${registry.address}/v2/${repository}/tags/list`, {headers: {authorization: `Basic ${basic(user, password)}`}});
	return response.ok ? ((await response.json()) as {tags: string[] | null}).tags ?? [] : [];
}

/** The docker CLI, on the test engine, with a config directory of the test's. */
function dockerCli(args: readonly string[], place: DockerConfigPlace) {
	return run('docker', [...args], {env: {...place.env, DOCKER_HOST: host}, timeout: 60_000});
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
before(async () => {
	docker = await testDocker();
	registry = await startRegistry({users: [{user, password}]});
	helper = await makeCredentialHelper();
	// One image on the registry for the pulls, pushed with a login from `auths`.
	const place = await configPlace({auths: {[registry.address]: {auth: basic(user, password)}}});
	const remote = `${registry.address}/berth/seed:1`;
	await tagImage(docker, testImage, remote);
	const found = await credentialsForReference(remote, place);
	assert.equal(await pushImage(docker, remote, never, () => undefined, found ? {auth: found.auth} : {}), 'done');
	await removeImage(docker, remote, {force: true});
});
after(async () => {
	for (const image of await listImages(docker)) {
		if (image.reference.startsWith(registry.address)) await removeImage(docker, image.reference, {force: true}).catch(() => undefined);
	}
	await registry.stop();
	for (const directory of [...directories, helper.binDirectory]) await rm(directory, {recursive: true, force: true});
});

test('without a login a pull and a push are refused, and the refusal names the registry to log in to', async () => {
	const remote = `${registry.address}/berth/seed:1`;
	const place = await configPlace();
	assert.equal(await credentialsForReference(remote, place), undefined);
	const refusal = await pullImage(docker, remote, never, () => undefined).then(() => undefined, (error: Error) => error.message);
	assert.ok(refusal, 'the pull was refused');
	const needed = loginNeeded(refusal, remote, false);
	assert.ok(needed, `recognised as wanting a login: ${refusal}`);
	assert.equal(needed.registry, registry.address);
	assert.match(needed.text, new RegExp(`^${registry.address} wants a login \\(no basic auth credentials\\)\\. L logs in, or :login ${registry.address}\\.$`));
	assert.equal(await isListed(remote), false);

	await tagImage(docker, testImage, `${registry.address}/berth/nologin:1`);
	const pushRefusal = await pushImage(docker, `${registry.address}/berth/nologin:1`, never, () => undefined).then(() => undefined, (error: Error) => error.message);
	assert.ok(pushRefusal && loginNeeded(pushRefusal, `${registry.address}/berth/nologin:1`, false), `push refused for want of a login: ${pushRefusal}`);
	assert.deepEqual(await registryTags('berth/nologin'), []);
});

test('credentials from config.json auths (as docker login writes them) push and pull', async () => {
	const remote = `${registry.address}/berth/from-auths:1`;
	// An older CLI's key form ("http://host/v1/") is found too, as the CLI's file store finds it.
	const place = await configPlace({auths: {[`http://${registry.address}/v1/`]: {auth: basic(user, password)}}});
	const found = await credentialsForReference(remote, place);
	assert.deepEqual(found, {auth: {username: user, password, serveraddress: registry.address}, source: 'config.json'});
	await tagImage(docker, testImage, remote);
	assert.equal(await pushImage(docker, remote, never, () => undefined, {auth: found.auth}), 'done');
	assert.deepEqual(await registryTags('berth/from-auths'), ['1']);
	await removeImage(docker, remote, {force: true});
	assert.equal(await pullImage(docker, remote, never, () => undefined, {auth: found.auth}), 'done');
	assert.ok(await isListed(remote), 'pulled with the login from auths');
});

test('credentials from a credential helper on PATH (credsStore) pull; credHelpers picks a helper per registry', async () => {
	const remote = `${registry.address}/berth/seed:1`;
	await helper.put(registry.address, user, password);
	const place = await configPlace({credsStore: helper.name, auths: {[registry.address]: {}}}, {PATH: `${helper.binDirectory}:${process.env['PATH']}`});
	const found = await credentialsForReference(remote, place);
	assert.deepEqual(found, {auth: {username: user, password, serveraddress: registry.address}, source: `docker-credential-${helper.name}`});
	await removeImage(docker, remote, {force: true}).catch(() => undefined);
	assert.equal(await pullImage(docker, remote, never, () => undefined, {auth: found.auth}), 'done');
	assert.ok(await isListed(remote), 'pulled with the helper\'s login');

	const perHost = await configPlace({credsStore: 'not-installed', credHelpers: {[registry.address]: helper.name}}, {PATH: `${helper.binDirectory}:${process.env['PATH']}`});
	assert.equal((await credentialsForReference(remote, perHost))?.source, `docker-credential-${helper.name}`);
	// Docker Hub goes to credsStore, a helper that is not there: said plainly.
	await assert.rejects(credentialsForReference('busybox:latest', perHost), /docker-credential-not-installed is not on the PATH/);
});

test('a wrong password is refused in plain words that never hold the password, and nothing is stored', async () => {
	const place = await configPlace();
	const wrong = 'wrong-secret-123';
	await assert.rejects(login(docker, {registry: registry.address, username: user, password: wrong}, place), (error: Error) => {
		assert.match(error.message, new RegExp(`${registry.address} refused user berth: wrong user name or password\\.`));
		assert.equal(error.message.includes(wrong), false);
		return true;
	});
	await assert.rejects(stat(join(place.directory, 'config.json')), /ENOENT/);

	// A stored login that has gone stale: the pull's refusal says the stored login was refused.
	const stale = await configPlace({auths: {[registry.address]: {auth: basic(user, wrong)}}});
	const remote = `${registry.address}/berth/seed:1`;
	await removeImage(docker, remote, {force: true}).catch(() => undefined);
	const found = await credentialsForReference(remote, stale);
	const refusal = await pullImage(docker, remote, never, () => undefined, found ? {auth: found.auth} : {}).then(() => undefined, (error: Error) => error.message);
	assert.ok(refusal, 'the pull with a wrong password failed');
	assert.match(loginNeeded(refusal, remote, found !== undefined)?.text ?? '', /refused the stored login \(.*\)\. L logs in again, or :login /);
	assert.equal(refusal.includes(wrong), false);
	assert.equal(await isListed(remote), false);
});

test('login writes config.json as docker login does (mode 0600, other keys kept), the docker CLI pulls with it, logout removes it', async () => {
	const place = await configPlace({psFormat: 'table {{.Names}}', auths: {'other.example:5000': {auth: basic('x', 'y')}}});
	const file = join(place.directory, 'config.json');
	const result = await login(docker, {registry: `https://${registry.address}/`, username: user, password}, place);
	assert.deepEqual(result, {registry: registry.address, storedIn: 'config.json'});
	assert.equal((await stat(file)).mode & 0o777, 0o600);
	const written = JSON.parse(await readFile(file, 'utf8')) as {psFormat: string; auths: Record<string, {auth: string}>};
	assert.equal(written.psFormat, 'table {{.Names}}');
	assert.equal(written.auths[registry.address]?.auth, basic(user, password));
	assert.ok(written.auths['other.example:5000'], 'other logins kept');

	const remote = `${registry.address}/berth/seed:1`;
	await removeImage(docker, remote, {force: true}).catch(() => undefined);
	await dockerCli(['pull', remote], place);
	assert.ok(await isListed(remote), 'the docker CLI pulled with the login berth stored');

	assert.deepEqual(await logout(registry.address, place), {registry: registry.address, hadLogin: true});
	const after = JSON.parse(await readFile(file, 'utf8')) as {auths: Record<string, unknown>};
	assert.equal(registry.address in after.auths, false);
	assert.ok(after.auths['other.example:5000'], 'the other login stays');
	await removeImage(docker, remote, {force: true});
	await assert.rejects(dockerCli(['pull', remote], place), (error: Error & {stderr?: string}) => /no basic auth credentials|unauthorized/i.test(error.stderr ?? ''));
	assert.deepEqual(await logout(registry.address, place), {registry: registry.address, hadLogin: false});
});

test('with a credential store configured, login stores through the helper and leaves an empty auths entry, as the CLI does', async () => {
	const path = `${helper.binDirectory}:${process.env['PATH']}`;
	const place = await configPlace({credsStore: helper.name}, {PATH: path});
	const result = await login(docker, {registry: registry.address, username: user, password}, place);
	assert.deepEqual(result, {registry: registry.address, storedIn: `docker-credential-${helper.name}`});
	assert.deepEqual((await helper.stored())[registry.address], {Username: user, Secret: password});
	const text = await readFile(join(place.directory, 'config.json'), 'utf8');
	assert.deepEqual(JSON.parse(text), {credsStore: helper.name, auths: {[registry.address]: {}}});
	assert.equal(text.includes(password), false, 'no password in the file');

	const remote = `${registry.address}/berth/seed:1`;
	await removeImage(docker, remote, {force: true}).catch(() => undefined);
	await dockerCli(['pull', remote], place);
	assert.ok(await isListed(remote), 'the docker CLI pulled through the helper');

	await logout(registry.address, place);
	assert.equal(registry.address in (await helper.stored()), false);
	assert.deepEqual(JSON.parse(await readFile(join(place.directory, 'config.json'), 'utf8')).auths, {});
});

test('a build whose base image is on a registry that wants a login uses the stored login: BuildKit through a session, the classic builder with the request', async () => {
	const context = await mkdtemp(join(tmpdir(), 'berth-private-base-'));
	directories.push(context);
	await writeFile(join(context, 'Dockerfile'), `FROM ${registry.address}/berth/seed:1\nLABEL berth.test=1\n`);
	const none = await configPlace();
	const place = await configPlace({auths: {[registry.address]: {auth: basic(user, password)}}});
	for (const builder of ['buildkit', 'classic'] as const) {
		await removeImage(docker, `${registry.address}/berth/seed:1`, {force: true}).catch(() => undefined);
		await assert.rejects(buildImage(docker, context, `${registry.address}/berth/built:${builder}`, never, () => undefined, {credentials: none, pull: true, builder}), /no basic auth credentials|unauthorized|failed to/i);
		const lines: string[] = [];
		const result = await buildImage(docker, context, `${registry.address}/berth/built:${builder}`, never, batch => lines.push(...batch), {credentials: place, pull: true, ...(builder === 'classic' ? {builder} : {})});
		assert.equal(result.builder, builder, lines.join('\n'));
		assert.match(lines[0] ?? '', builder === 'buildkit' ? /^Builder: BuildKit \(version=2\)/ : /^Builder: classic$/);
		assert.ok(await isListed(`${registry.address}/berth/built:${builder}`), lines.join('\n'));
		assert.equal(lines.some(line => line.includes(password)), false);
	}
});

test(':login in berth stores the login where the docker CLI finds it (the CLI then pulls), a refused pull offers L for that registry, :logout removes it', async () => {
	const place = await configPlace();
	const remote = `${registry.address}/berth/seed:1`;
	await removeImage(docker, remote, {force: true}).catch(() => undefined);
	term = startTerm({args: ['--host', host], cols: 150, rows: 30, env: {DOCKER_CONFIG: place.directory}});
	const t = term;
	await t.waitForText(/API 1\.\d+/);
	await enterCommand(t, 'images');
	await t.waitForText('REPOSITORY:TAG');
	t.press('p');
	await t.waitForText('Pull an image');
	for (const char of remote) t.press(char);
	t.press('enter');
	await t.waitForText(`${registry.address} wants a login (no basic auth credentials). L logs in, or :login ${registry.address}.`);
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');
	t.press('L');
	await t.waitForText(new RegExp(`Registry +${registry.address.replace(/\./g, '\\.')}`));
	t.press('tab');
	for (const char of user) t.press(char);
	t.press('tab');
	for (const char of password) t.press(char);
	await t.waitForText('•'.repeat(password.length));
	assert.equal(t.screen().includes(password), false);
	t.press('enter');
	await t.waitForText(`Logged in to ${registry.address} as ${user} (stored in config.json).`);
	assert.equal(t.raw().includes(password), false, 'the password never reached the terminal');
	const file = join(place.directory, 'config.json');
	assert.equal((await stat(file)).mode & 0o777, 0o600);
	await dockerCli(['pull', remote], place);
	assert.ok(await isListed(remote), 'the docker CLI pulled with the login berth stored');
	await removeImage(docker, remote, {force: true});

	// A build from the private base image: BuildKit gets the login through berth's session.
	const context = await mkdtemp(join(tmpdir(), 'berth-pty-build-'));
	directories.push(context);
	await writeFile(join(context, 'Dockerfile'), `FROM ${remote}\nLABEL berth.test=1\n`);
	t.press('b');
	await t.waitForText('Build an image from a directory');
	for (let i = 0; i < process.cwd().length; i++) t.press('backspace');
	for (const char of context) t.press(char);
	t.press('tab');
	for (const char of `${registry.address}/berth/pty-built:1`) t.press(char);
	t.press('enter');
	await t.waitForText(`Built ${registry.address}/berth/pty-built:1 with BuildKit.`, {timeoutMs: 30_000});
	assert.ok(await isListed(`${registry.address}/berth/pty-built:1`));
	t.press('escape');
	await t.waitForText('REPOSITORY:TAG');

	await enterCommand(t, `logout ${registry.address}`);
	await t.waitForText('Log out of a registry');
	t.press('enter');
	await t.waitForText(`Logged out of ${registry.address}.`);
	assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).auths, {});
	await assert.rejects(dockerCli(['pull', remote], place));
});

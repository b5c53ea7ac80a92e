import assert from 'node:assert/strict';
import {engineProduct, engineVersionText} from '../../source/engine/transport/engine-product.js';
import {createHash} from 'node:crypto';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {resolveEndpoint} from '../../source/engine/transport/connection.js';
import {isEncryptedKey} from '../../source/engine/transport/ssh-auth.js';
import type {EngineError} from '../../source/engine/transport/errors.js';
import { toEngineError} from '../../source/engine/transport/errors.js';
import {tempDir} from '../helpers/temp-dir.js';

function dockerConfig(contexts: Record<string, string>, current?: string): string {
	const dir = tempDir('berth-config-');
	for (const [name, host] of Object.entries(contexts)) {
		const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
		mkdirSync(meta, {recursive: true});
		writeFileSync(join(meta, 'meta.json'), JSON.stringify({Name: name, Endpoints: {docker: {Host: host, SkipTLSVerify: false}}}));
	}
	writeFileSync(join(dir, 'config.json'), JSON.stringify(current ? {currentContext: current} : {}));
	return dir;
}

test('resolution order: --host, DOCKER_HOST, --context, DOCKER_CONTEXT, current context, default socket', () => {
	const config = dockerConfig({prod: 'tcp://10.1.1.1:2375', dev: 'unix:///run/dev.sock'}, 'dev');
	const env = {DOCKER_CONFIG: config};
	assert.equal(resolveEndpoint({host: 'unix:///flag.sock', env: {...env, DOCKER_HOST: 'unix:///env.sock'}, homeDir: '/h'}).url, 'unix:///flag.sock');
	assert.equal(resolveEndpoint({context: 'prod', env: {...env, DOCKER_HOST: 'unix:///env.sock'}, homeDir: '/h'}).url, 'unix:///env.sock');
	assert.equal(resolveEndpoint({context: 'prod', env: {...env, DOCKER_CONTEXT: 'dev'}, homeDir: '/h'}).url, 'tcp://10.1.1.1:2375');
	assert.equal(resolveEndpoint({env: {...env, DOCKER_CONTEXT: 'prod'}, homeDir: '/h'}).url, 'tcp://10.1.1.1:2375');
	const current = resolveEndpoint({env, homeDir: '/h'});
	assert.equal(current.url, 'unix:///run/dev.sock');
	assert.deepEqual(current.options, {socketPath: '/run/dev.sock'});
	assert.equal(resolveEndpoint({env: {DOCKER_CONFIG: dockerConfig({})}, homeDir: '/h'}).url, 'unix:///var/run/docker.sock');
});

test('tcp and ssh addresses become dockerode options', () => {
	assert.deepEqual(resolveEndpoint({host: 'tcp://127.0.0.1:2375', env: {}, homeDir: '/h'}).options, {protocol: 'http', host: '127.0.0.1', port: 2375});
	assert.deepEqual(resolveEndpoint({host: 'tcp://example', env: {}, homeDir: '/h'}).options, {protocol: 'http', host: 'example', port: 2375});
	const knownHostsFiles = ['/h/.ssh/known_hosts', '/h/.ssh/known_hosts2', '/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
	// The machine's /etc/ssh/ssh_config is read too, and may say HashKnownHosts (Debian's does): not what this test is about.
	const sshOptionsOf = (input: Parameters<typeof resolveEndpoint>[0]) => {
		const {sshOptions, ...rest} = resolveEndpoint(input).options as {sshOptions: Record<string, unknown>};
		delete sshOptions['hashKnownHosts'];
		return {...rest, sshOptions};
	};
	assert.deepEqual(sshOptionsOf({host: 'ssh://me@box:2222', env: {}, homeDir: '/h'}), {protocol: 'ssh', host: 'box', port: 2222, username: 'me', sshOptions: {readyTimeout: 10_000, knownHostsFiles}});
	// Like ssh: the agent when there is one, the login name when the URL has none.
	assert.deepEqual(sshOptionsOf({host: 'ssh://box', env: {USER: 'ann', SSH_AUTH_SOCK: '/run/agent'}, homeDir: '/h'}), {protocol: 'ssh', host: 'box', port: 22, username: 'ann', sshOptions: {readyTimeout: 10_000, agent: '/run/agent', knownHostsFiles}});
});

test('an unknown context lists the ones that exist', () => {
	const config = dockerConfig({prod: 'tcp://10.1.1.1:2375'});
	assert.throws(() => resolveEndpoint({context: 'nope', env: {DOCKER_CONFIG: config}, homeDir: '/h'}),
		(error: EngineError) => error.kind === 'unknown-context' && /"nope".*default, prod/.test(error.message));
});

test('malformed addresses and --host with --context are refused in plain words', () => {
	for (const bad of ['tcp//x', 'foo://bar', 'unix://relative', 'tcp://host:notaport']) {
		assert.throws(() => resolveEndpoint({env: {DOCKER_HOST: bad}, homeDir: '/h'}),
			(error: EngineError) => error.kind === 'bad-config' && error.message.includes(bad) && error.message.includes('DOCKER_HOST'), bad);
	}
	assert.throws(() => resolveEndpoint({host: 'unix:///a', context: 'b', env: {}, homeDir: '/h'}), /either --host or --context/);
});

test('engine failures become typed errors with plain messages', () => {
	const refused = toEngineError(Object.assign(new Error('connect ENOENT /x.sock'), {code: 'ENOENT'}), 'unix:///x.sock');
	assert.equal(refused.kind, 'unreachable');
	assert.match(refused.message, /unix:\/\/\/x\.sock: nothing is listening there/);
	const denied = toEngineError(Object.assign(new Error('EACCES'), {code: 'EACCES'}), 'unix:///var/run/docker.sock');
	assert.equal(denied.kind, 'permission');
	assert.match(denied.message, /docker group/);
	const missing = toEngineError({statusCode: 404, json: {message: 'No such container: x'}});
	assert.deepEqual([missing.kind, missing.message], ['not-found', 'No such container: x']);
	assert.equal(toEngineError({statusCode: 409, json: {message: 'is running'}}).kind, 'conflict');
	assert.equal(toEngineError({statusCode: 500, json: {message: 'boom'}}).kind, 'server');
});

test('DOCKER_TLS_VERIFY with a folder that lacks the certificates says which files are missing', () => {
	assert.throws(() => resolveEndpoint({env: {DOCKER_HOST: 'tcp://box:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nowhere'}, homeDir: '/h'}), /\/nowhere has no ca\.pem, cert\.pem, key\.pem/);
});

test('passphrase-protected keys are recognised in both PEM and OpenSSH formats', () => {
	const openssh = (cipher: string) => {
		const magic = Buffer.from('openssh-key-v1\0', 'latin1');
		const length = Buffer.alloc(4);
		length.writeUInt32BE(cipher.length);
		const body = Buffer.concat([magic, length, Buffer.from(cipher, 'latin1'), Buffer.alloc(16)]).toString('base64');
		return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----\n`;
	};
	assert.equal(isEncryptedKey(openssh('none')), false);
	assert.equal(isEncryptedKey(openssh('aes256-ctr')), true);
	assert.equal(isEncryptedKey('-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n'), true);
	assert.equal(isEncryptedKey('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n'), false);
});

test('the engine is named by what /version says: podman\'s compatible API is Podman, not a Docker release', () => {
	assert.equal(engineProduct({Components: [{Name: 'Engine'}, {Name: 'containerd'}]}), 'Docker');
	assert.equal(engineProduct({Components: [{Name: 'Podman Engine'}]}), 'Podman');
	assert.equal(engineProduct({}), 'Docker');
	assert.equal(engineProduct({Components: null}), 'Docker');
	// Text from the other end never carries an escape sequence onto the screen.
	assert.equal(engineVersionText({Version: '27.0\u001B]0;pwned\u0007.1'}).includes('\u001B'), false);
});


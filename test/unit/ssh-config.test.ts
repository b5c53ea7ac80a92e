import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {resolveEndpoint} from '../../source/engine/transport/connection.js';
import {sshHostConfig} from '../../source/engine/transport/ssh-config.js';
import {tempDir} from '../helpers/temp-dir.js';

/** A HOME with this ~/.ssh/config, and a system config of its own. */
function homeWith(userConfig: string, systemConfig = ''): {home: string; files: string[]} {
	const home = tempDir('berth-sshconfig-');
	mkdirSync(join(home, '.ssh'));
	writeFileSync(join(home, '.ssh', 'config'), userConfig);
	writeFileSync(join(home, 'system_config'), systemConfig);
	return {home, files: [join(home, '.ssh', 'config'), join(home, 'system_config')]};
}

test('a Host of ~/.ssh/config gives the address its name, port, user, keys and known_hosts; the first value wins', () => {
	const {home, files} = homeWith([
		'Host prod prod-*',
		'  HostName %h.example.com',
		'  User deploy',
		'  IdentityFile ~/.ssh/prod_key',
		'  UserKnownHostsFile ~/.ssh/known_prod',
		'Host *',
		'  Port 2222',
		'  User nobody',
		'  IdentityFile ~/.ssh/id_%r',
	].join('\n'), 'Host *\n  Port 22\n  StrictHostKeyChecking accept-new\n');
	assert.deepEqual(sshHostConfig('prod', home, files), {
		hostName: 'prod.example.com',
		port: 2222,
		user: 'deploy',
		identityFiles: [join(home, '.ssh', 'prod_key'), join(home, '.ssh', 'id_deploy')],
		knownHostsFiles: [join(home, '.ssh', 'known_prod')],
		strictHostKeyChecking: 'accept-new',
	});
	assert.deepEqual(sshHostConfig('other', home, files), {port: 2222, user: 'nobody', identityFiles: [join(home, '.ssh', 'id_nobody')], strictHostKeyChecking: 'accept-new'});
	assert.deepEqual(sshHostConfig('x', join(home, 'missing'), [join(home, 'missing', 'config')]), {identityFiles: []});
});

test('ssh:// with a Host alias connects where the config says; the URL\'s own user and port win', () => {
	const {home} = homeWith('Host engine-box\n  HostName 10.1.2.3\n  Port 2200\n  User ops\n');
	const options = resolveEndpoint({host: 'ssh://engine-box', env: {}, homeDir: home}).options as Record<string, unknown>;
	assert.deepEqual([options['host'], options['port'], options['username']], ['10.1.2.3', 2200, 'ops']);
	const explicit = resolveEndpoint({host: 'ssh://me@engine-box:2022', env: {}, homeDir: home}).options as Record<string, unknown>;
	assert.deepEqual([explicit['host'], explicit['port'], explicit['username']], ['10.1.2.3', 2022, 'me']);
});

test('ProxyJump hosts come first on the route, each read from the config with its own ProxyJump; ProxyCommand is refused in plain words', () => {
	const {home} = homeWith([
		'Host inner',
		'  HostName 10.0.0.5',
		'  ProxyJump bastion,ops@relay:2022',
		'Host bastion',
		'  HostName bastion.example.com',
		'  User jump',
		'  ProxyJump gate',
		'Host relay',
		'  ProxyJump ignored-as-not-first',
		'Host direct',
		'  ProxyJump none',
		'Host piped',
		'  ProxyCommand nc %h %p',
		'Host loop',
		'  ProxyJump loop',
		'Host *',
		'  User me',
	].join('\n'));
	const options = resolveEndpoint({host: 'ssh://inner', env: {}, homeDir: home}).options as {host: string; sshOptions: {jumps: Array<{name: string; host: string; port: number; username: string}>}};
	assert.equal(options.host, '10.0.0.5');
	assert.deepEqual(options.sshOptions.jumps.map(({name, host, port, username}) => `${username}@${host}:${port} (${name})`), [
		'me@gate:22 (gate)',
		'jump@bastion.example.com:22 (bastion)',
		'ops@relay:2022 (relay)',
	]);
	assert.ok(!('jumps' in (resolveEndpoint({host: 'ssh://direct', env: {}, homeDir: home}).options as {sshOptions: object}).sshOptions));
	assert.throws(() => resolveEndpoint({host: 'ssh://piped', env: {}, homeDir: home}), /goes through `ProxyCommand nc %h %p` in your SSH config, which berth cannot run/);
	assert.throws(() => resolveEndpoint({host: 'ssh://loop', env: {}, homeDir: home}), /more than 8 ProxyJump hosts/);
});

test('of ProxyJump and ProxyCommand, the one set first wins', () => {
	const {home, files} = homeWith('Host a\n  ProxyCommand nc %h %p\nHost b\n  ProxyJump gate\nHost *\n  ProxyJump later\n  ProxyCommand later\n');
	assert.deepEqual(sshHostConfig('a', home, files).proxyCommand, 'nc %h %p');
	assert.equal(sshHostConfig('a', home, files).proxyJump, undefined);
	assert.deepEqual(sshHostConfig('b', home, files).proxyJump, ['gate']);
	assert.equal(sshHostConfig('b', home, files).proxyCommand, undefined);
});

test('Include is followed: relative to ~/.ssh, ~ and wildcards, sorted, nested, and a loop ends', () => {
	const {home, files} = homeWith('Include conf.d/*.conf\nInclude ~/.ssh/extra "~/.ssh/missing"\nHost *\n  User fallback\n');
	mkdirSync(join(home, '.ssh', 'conf.d'));
	writeFileSync(join(home, '.ssh', 'conf.d', '20-box.conf'), 'Host box\n  HostName 10.0.0.20\n');
	writeFileSync(join(home, '.ssh', 'conf.d', '10-box.conf'), 'Host box\n  HostName 10.0.0.10\n  Include nested\n');
	writeFileSync(join(home, '.ssh', 'conf.d', 'ignored.txt'), 'Host box\n  HostName 10.9.9.9\n');
	writeFileSync(join(home, '.ssh', 'nested'), '  Port 2201\n');
	writeFileSync(join(home, '.ssh', 'extra'), 'Host other\n  User extra\n  Include extra\n');
	assert.deepEqual(sshHostConfig('box', home, files), {hostName: '10.0.0.10', port: 2201, user: 'fallback', identityFiles: []});
	assert.deepEqual(sshHostConfig('other', home, files), {user: 'extra', identityFiles: []});
});

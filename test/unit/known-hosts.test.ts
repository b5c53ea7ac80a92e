import assert from 'node:assert/strict';
import {createHmac} from 'node:crypto';
import {test} from 'node:test';
import {hostFieldMatches, hostKeyAlgorithms, hostKeyProblem, knownHostKeys, knownHostsName} from '../../source/engine/transport/known-hosts.js';

const blob = (text: string) => Buffer.from(text).toString('base64');
const hashed = (name: string, salt = Buffer.from('0123456789abcdef0123')) =>
	`|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;

test('known_hosts names a host by itself on port 22 and as [host]:port elsewhere', () => {
	assert.equal(knownHostsName('box', 22), 'box');
	assert.equal(knownHostsName('box', 2222), '[box]:2222');
});

test('host fields follow OpenSSH: comma lists, * and ?, negations that win, case-insensitive, hashed names', () => {
	assert.ok(hostFieldMatches('web,box,10.0.0.5', 'box'));
	assert.ok(hostFieldMatches('*.example.com', 'Docker.Example.com'));
	assert.ok(hostFieldMatches('node?', 'node7'));
	assert.ok(!hostFieldMatches('node?', 'node17'));
	assert.ok(!hostFieldMatches('*.example.com,!db.example.com', 'db.example.com'));
	assert.ok(hostFieldMatches('[box]:2222', '[box]:2222'));
	// A plain host entry does not vouch for another port, as in ssh.
	assert.ok(!hostFieldMatches('box', '[box]:2222'));
	assert.ok(hostFieldMatches(hashed('[box]:2222'), '[box]:2222'));
	assert.ok(!hostFieldMatches(hashed('[box]:2222'), 'box'));
	assert.ok(!hostFieldMatches('|1|garbage', 'box'));
	// Regex characters in a pattern are literal.
	assert.ok(!hostFieldMatches('b.x', 'box'));
});

test('entries for a host: its keys and their types, @revoked apart, @cert-authority and comments skipped', () => {
	const text = [
		'# a comment',
		'',
		`box ssh-ed25519 ${blob('ed-key')} me@laptop`,
		`other ssh-ed25519 ${blob('not-this')}`,
		`${hashed('box')} ssh-rsa ${blob('rsa-key')}`,
		`@revoked box ssh-ed25519 ${blob('old-key')}`,
		`@cert-authority *.lan ssh-ed25519 ${blob('ca-key')}`,
		'box truncated-line',
	].join('\n');
	const known = knownHostKeys(text, 'box');
	assert.deepEqual(known.keys.map(key => key.toString()), ['ed-key', 'rsa-key']);
	assert.deepEqual(known.types, ['ssh-ed25519', 'ssh-rsa']);
	assert.deepEqual(known.revoked.map(key => key.toString()), ['old-key']);
	assert.deepEqual(knownHostKeys(text, 'box.lan').keys, [], 'a CA key is not a host key');
});

test('the host key algorithms offered are those known_hosts can check, rsa by its SHA-2 names too', () => {
	assert.deepEqual(hostKeyAlgorithms(['ssh-rsa', 'ssh-ed25519']), ['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
	assert.deepEqual(hostKeyAlgorithms(['ecdsa-sha2-nistp256']), ['ecdsa-sha2-nistp256']);
	assert.deepEqual(hostKeyAlgorithms(['sk-ssh-ed25519@openssh.com']), []);
});

test('a presented key is accepted when recorded, and refused in words when unknown, changed or revoked', () => {
	const login = 'ssh -p 2222 me@box';
	const known = knownHostKeys(`[box]:2222 ssh-ed25519 ${blob('good')}\n@revoked [box]:2222 ssh-ed25519 ${blob('bad')}`, '[box]:2222');
	assert.equal(hostKeyProblem(known, Buffer.from('good'), '[box]:2222', login), undefined);
	assert.match(hostKeyProblem(known, Buffer.from('evil'), '[box]:2222', login) ?? '', /does not match the one in known_hosts.*ssh-keygen -R '\[box\]:2222'/);
	assert.match(hostKeyProblem(known, Buffer.from('bad'), '[box]:2222', login) ?? '', /@revoked/);
	const none = knownHostKeys('', '[box]:2222');
	assert.match(hostKeyProblem(none, Buffer.from('good'), '[box]:2222', login) ?? '', /is not in known_hosts.*run `ssh -p 2222 me@box` once/);
});

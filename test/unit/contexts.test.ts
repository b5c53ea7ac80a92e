// `:ctx`'s pure parts: the command line's argument and its completion, and the
// docker CLI's context store read as `docker context ls` reads it.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import {completeCommand, runCommandLine, suggestions} from '../../source/shell/command-line.js';
import {readContextStore} from '../../source/engine/transport/context-store.js';
import {contextEndpoint} from '../../source/engine/transport/connection.js';

test('`:ctx NAME` and `:ctx a,b` switch; `:ctx` alone opens the list; `cont` still completes to containers', () => {
	assert.deepEqual(runCommandLine('ctx prod'), {kind: 'switch', names: ['prod']});
	assert.deepEqual(runCommandLine(':context a,b'), {kind: 'switch', names: ['a', 'b']});
	assert.deepEqual(runCommandLine('ctx a b'), {kind: 'switch', names: ['a', 'b']});
	assert.deepEqual(runCommandLine('ctx -'), {kind: 'switch', names: ['-']});
	assert.deepEqual(runCommandLine('ctx'), {kind: 'pane', pane: 'contexts'});
	assert.deepEqual(runCommandLine('context'), {kind: 'pane', pane: 'contexts'});
	assert.equal(completeCommand('cont'), 'containers');
	assert.equal(completeCommand('ct'), 'ctx');
	const names = () => ['prod-eu', 'prod-us', 'staging'];
	assert.equal(completeCommand('ctx st', names), 'ctx staging');
	assert.equal(completeCommand('ctx pr', names), 'ctx prod-');
	assert.equal(completeCommand('ctx staging,pr', names), 'ctx staging,prod-');
	assert.deepEqual(suggestions('ctx prod', names), ['ctx prod-eu', 'ctx prod-us']);
});

test('the context store: default first, the rest by name, the current one, unreadable entries said and skipped', t => {
	const dir = mkdtempSync(join(tmpdir(), 'berth-store-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	const write = (name: string, content: string) => {
		const digest = createHash('sha256').update(name).digest('hex');
		mkdirSync(join(dir, 'contexts', 'meta', digest), {recursive: true});
		writeFileSync(join(dir, 'contexts', 'meta', digest, 'meta.json'), content);
		return digest;
	};
	write('zeta', JSON.stringify({Name: 'zeta', Metadata: {Description: 'z'}, Endpoints: {docker: {Host: 'ssh://me@zeta'}}}));
	write('alpha', JSON.stringify({Name: 'alpha', Endpoints: {docker: {Host: 'tcp://10.0.0.1:2376'}}}));
	write('broken', '{not json');
	const digest = write('half-tls', JSON.stringify({Name: 'half-tls', Endpoints: {docker: {Host: 'tcp://10.0.0.2:2376'}}}));
	mkdirSync(join(dir, 'contexts', 'tls', digest, 'docker'), {recursive: true});
	writeFileSync(join(dir, 'contexts', 'tls', digest, 'docker', 'cert.pem'), 'x');
	writeFileSync(join(dir, 'config.json'), JSON.stringify({currentContext: 'zeta'}));
	const store = readContextStore({env: {DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///run/x.sock'}, homeDir: '/nonexistent'});
	assert.deepEqual(store.contexts.map(context => [context.name, context.host]), [['default', 'unix:///run/x.sock'], ['alpha', 'tcp://10.0.0.1:2376'], ['half-tls', 'tcp://10.0.0.2:2376'], ['zeta', 'ssh://me@zeta']]);
	assert.equal(store.current, 'zeta');
	assert.equal(store.problems.length, 1);
	assert.match(store.problems[0] ?? '', /meta\.json/);
	assert.equal(readContextStore({env: {DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'alpha'}, homeDir: '/nonexistent'}).current, 'alpha');
	assert.throws(() => contextEndpoint('half-tls', {env: {DOCKER_CONFIG: dir}, homeDir: '/nonexistent'}, 'context'), /missing its TLS files ca\.pem, key\.pem/);
	assert.throws(() => contextEndpoint('nope', {env: {DOCKER_CONFIG: dir}, homeDir: '/nonexistent'}, 'context'), /no docker context named "nope"\. Known contexts: default, alpha, half-tls, zeta/);
});

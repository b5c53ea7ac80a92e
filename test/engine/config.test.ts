// The configuration file end to end, against the real engine in a pty:
// read-only mode lets nothing but reads reach the engine (every request is
// recorded by a proxy between berth and the engine), a remapped key does its
// action, `theme: none` sends no colour, a custom command runs with the
// selected container's name, and a malformed file stops berth with status 2.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import type Docker from 'dockerode';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startFaultProxy} from '../helpers/fault-proxy.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, testImage, testLabel, waitFor} from '../helpers/test-engine.js';
import {keyActions} from '../../source/shell/key-actions.js';

const {host, docker, run, cleanup} = engineFixture({defaults: {Cmd: ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 1; done']}});
const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
let term: Term | undefined;

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});
after(() => rmSync(dir, {recursive: true, force: true}));

function configFile(name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
}

async function engineSays(container: Docker.Container, check: (state: Docker.ContainerInspectInfo['State']) => boolean): Promise<void> {
	await waitFor(async () => check((await container.inspect()).State), {timeoutMs: 20_000, what: async () => `the engine state; it is ${JSON.stringify((await container.inspect()).State)}`});
}

async function openView(t: Term, name: string, title: RegExp): Promise<void> {
	t.press(':');
	t.press(`${name}\r`);
	await t.waitForText(title, {timeoutMs: 15_000});
}

async function filterTo(t: Term, text: string, shown: RegExp): Promise<void> {
	t.press('/');
	await t.waitForText('Enter keep');
	t.press(`${text}\r`);
	await t.waitForNoText('Enter keep');
	await t.waitForText(shown, {timeoutMs: 15_000});
}

const sequences: Readonly<Record<string, string>> = {'<delete>': '\u001B[3~', '<enter>': '\r', '<space>': ' '};

test('read-only: every key that changes something is refused in containers, images, volumes, networks, system and compose; only reads reach the engine', async () => {
	const name = `ro-${process.pid}`;
	const container = await run(name);
	// A container Compose would have made, so the compose view has a project to act on.
	const project = `roproj${process.pid}`;
	const composed = await run(`${project}-web-1`, ['sleep', '3600'], {Labels: {'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1'}});
	const volume = `ro-vol-${process.pid}`;
	await docker.createVolume({Name: volume, Labels: {[testLabel]: '1'}});
	const network = `ro-net-${process.pid}`;
	await docker.createNetwork({Name: network, Labels: {[testLabel]: '1'}});
	const imagesBefore = (await docker.listImages()).map(image => `${image.Id} ${(image.RepoTags ?? []).join(',')}`).sort();
	const requests: string[] = [];
	const proxy = await startFaultProxy({target: host.replace(/^unix:\/\//, ''), onRequest: request => requests.push(`${request.method} ${request.path}`)});
	try {
		term = startTerm({args: ['--host', proxy.host, '--readonly'], cols: 160, rows: 30});
		const t = term;
		await t.waitForText(`● ${name}`, {timeoutMs: 15_000});
		assert.match(t.screen().split('\n')[0] ?? '', /berth read-only/);
		const views: ReadonlyArray<readonly [string, RegExp, string]> = [
			['containers', /Containers \d/, name], ['images', /Images \d/, 'berth-test'], ['volumes', /Volumes \d/, volume],
			['networks', /Networks \d/, network], ['system', /System/, ''], ['compose', /Compose \d/, project],
		];
		let pressed = 0;
		for (const [view, title, select] of views) {
			if (view !== 'containers') await openView(t, view, title);
			if (select) await filterTo(t, select, new RegExp(`${title.source.replace(/ \\d$/, '')} 1/`));
			// Every action of the view marked as changing something, from the one table (new actions are covered too).
			for (const {id, binding} of keyActions().filter(action => action.id.startsWith(`${view}.`) && action.binding.mutates)) {
				const key = binding.keys[0] ?? '';
				t.press(sequences[key] ?? key);
				await t.waitForText(`read-only: ${binding.description.replace(/ \(.*$/, '')}`, {timeoutMs: 5000}).catch(error => {
					throw new Error(`${id} (${key}) was not refused: ${(error as Error).message}`);
				});
				pressed++;
			}
		}
		assert.ok(pressed >= 20, `only ${pressed} mutating keys pressed`);
		// `?` help says which keys are unavailable.
		await openView(t, 'containers', /Containers \d/);
		t.press('?');
		await t.waitForText(/K +\[read-only\] Kill \(asks which signal/);
		t.press('?');
		// Nothing but reads went through the proxy (the ping, lists, inspects, events, stats).
		const writes = requests.filter(request => !/^(GET|HEAD) /.test(request));
		assert.deepEqual(writes, [], `requests that could change the engine: ${writes.join(', ')}`);
		assert.ok(requests.some(request => request === 'GET /containers/json'), 'the proxy saw the lists');
	} finally {
		await proxy.close();
	}
	const state = (await container.inspect()).State;
	assert.ok(state.Running && !state.Paused, `the container was left as it was: ${JSON.stringify(state)}`);
	const composedState = (await composed.inspect()).State;
	assert.ok(composedState.Running && !composedState.Paused, `the compose project's container was left as it was: ${JSON.stringify(composedState)}`);
	await docker.getVolume(volume).inspect();
	await docker.getNetwork(network).inspect();
	assert.deepEqual((await docker.listImages()).map(image => `${image.Id} ${(image.RepoTags ?? []).join(',')}`).sort(), imagesBefore);
});

test('a remapped key does its action, help shows it, the old key no longer does, and an alias opens a filtered view', async () => {
	const name = `remap-${process.pid}`;
	const container = await run(name);
	const config = configFile('remap.yaml', `keys:\n  containers.pause: z\naliases:\n  mine: containers /${name}\n`);
	term = startTerm({args: ['--host', host, '--config', config], cols: 160, rows: 30});
	const t = term;
	await t.waitForText(`● ${name}`, {timeoutMs: 15_000});
	await openView(t, 'mine', new RegExp(`filter: ${name}`));
	await t.waitForText(/Containers 1\//);
	t.press('?');
	await t.waitForText(/ z +Pause \/ unpause/);
	t.press('?');
	t.press('p');
	t.press('z');
	await engineSays(container, current => current.Paused);
	await t.waitForText(new RegExp(`‖ ${name}`));
	t.press('z');
	await engineSays(container, current => current.Running && !current.Paused);
});

// Colour escapes: SGR parameters 30-38 and 90-97 (foreground), 40-48 and 100-107 (background).
function colourCodes(raw: string): string[] {
	return [...raw.matchAll(/\u001B\[([\d;:]*)m/g)]
		.filter(match => (match[1] ?? '').split(/[;:]/).some(part => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(part)))
		.map(match => JSON.stringify(match[0]));
}

test('theme: none sends no colour escape codes (the default theme does)', async () => {
	const name = `theme-${process.pid}`;
	await run(name);
	const env = {FORCE_COLOR: '3'};
	term = startTerm({args: ['--host', host], cols: 160, rows: 30, env});
	await term.waitForText(`● ${name}`, {timeoutMs: 15_000});
	assert.ok(colourCodes(term.raw()).length > 0, 'the default theme colours the frame');
	term.kill();
	term = startTerm({args: ['--host', host, '--config', configFile('none.yaml', 'theme: none\n')], cols: 160, rows: 30, env});
	const t = term;
	await t.waitForText(`● ${name}`, {timeoutMs: 15_000});
	t.press('?');
	await t.waitForText('Keys: Containers');
	t.press('?');
	await openView(t, 'images', /Images \d/);
	assert.deepEqual(colourCodes(t.raw()), []);
});

test('custom commands run with the selected container\'s name: in the background (output in a view) and with the terminal handed over; exit codes said', async () => {
	const name = `custom-${process.pid}`;
	await run(name);
	const out = join(dir, 'terminal-out');
	const config = configFile('custom.yaml', [
		'customCommands:',
		'  containers:',
		'    - key: b',
		'      label: greet',
		'      command: [echo, "hello {{.Name}}", "{{.Image}}"]',
		'      mode: background',
		'    - key: W',
		'      label: write',
		`      command: [sh, -c, 'printf %s "$1" > ${out}; exit 3', sh, '{{.Name}}']`,
		'',
	].join('\n'));
	term = startTerm({args: ['--host', host, '--config', config], cols: 160, rows: 30});
	const t = term;
	await t.waitForText(`● ${name}`, {timeoutMs: 15_000});
	await filterTo(t, name, /Containers 1\//);
	t.press('b');
	await t.waitForText(`hello ${name} ${testImage.replace(/:latest$/, '')}`, {timeoutMs: 10_000});
	await t.waitForText('greet on');
	await t.waitForText('exited with code 0');
	t.press('escape');
	await t.waitForText(/Containers 1\//);
	t.press('W');
	await t.waitForText('berth: the command exited with code 3; press any key to go back to berth.', {timeoutMs: 10_000});
	t.press('enter');
	await t.waitForText(`write on ${name} exited with code 3.`, {timeoutMs: 10_000});
	assert.equal(readFileSync(out, 'utf8'), name);
	// berth has its keys back after the hand-over.
	t.press('?');
	await t.waitForText(/W +write: sh -c/);
});

test('a malformed file stops berth before its screen with file, line and key, status 2 and no stack trace; so do two actions on one key', () => {
	const bad = configFile('bad.yaml', 'tail: 500\ncolour: red\ntheme: purple\ncolors:\n  header: notacolour\n');
	const result = spawnSync('dist/berth', ['--host', host, '--config', bad], {encoding: 'utf8', timeout: 20_000});
	assert.equal(result.status, 2);
	assert.match(result.stderr, new RegExp(`${bad}:3: theme: needs one of dark, light, high-contrast, none, got "purple"`));
	assert.match(result.stderr, new RegExp(`${bad}:5: colors.header: "notacolour" is not a colour`));
	assert.doesNotMatch(result.stderr, /\n\s+at /);
	assert.equal(result.stdout, '');

	const clash = configFile('clash.yaml', 'keys:\n  containers.pause: s\n');
	const clashed = spawnSync('dist/berth', ['--host', host, '--config', clash], {encoding: 'utf8', timeout: 20_000});
	assert.equal(clashed.status, 2);
	assert.match(clashed.stderr, new RegExp(`${clash}:2: keys.containers.pause: s would be both containers.pause and containers.startStop in the containers view`));

	const syntax = configFile('syntax.yaml', 'keys:\n  containers.pause: [z\n');
	const broken = spawnSync('dist/berth', ['--host', host, '--config', syntax], {encoding: 'utf8', timeout: 20_000});
	assert.equal(broken.status, 2);
	assert.match(broken.stderr, new RegExp(`${syntax}:\\d: containers.pause: not valid YAML`));
});

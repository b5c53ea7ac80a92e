// The Compose view against the in-memory engine: projects from labels, unfolding
// to services (with the scale the file asks) and containers, the API actions on
// a project or service row (checked on the engine), and Compose's own verbs run
// by a stand-in CLI put first on PATH (its arguments and DOCKER_HOST recorded),
// its failure, a missing CLI and missing files.
import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import type {InMemoryEngine} from '../support/in-memory-engine.js';
import {keys, openApp} from '../support/render-app.js';

const root = mkdtempSync(join(tmpdir(), 'berth-compose-view-'));
after(() => rmSync(root, {recursive: true, force: true}));
const shopDir = join(root, 'shop');
const cliDir = join(root, 'bin');
const emptyDir = join(root, 'empty');
const cliLog = join(root, 'cli.log');
for (const dir of [shopDir, cliDir, emptyDir]) mkdirSync(dir, {recursive: true});
writeFileSync(join(shopDir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 3\n  db:\n    image: postgres\n');
// A stand-in for docker-compose: records how it was called and with which engine, and answers like it.
writeFileSync(join(cliDir, 'docker-compose'), `#!/bin/sh
echo "$DOCKER_HOST|$PWD|$*" >> "${cliLog}"
case "$*" in
  version) echo "docker-compose version 1.29.2"; exit 0 ;;
  *pull*) echo "Pulling web ..." ; echo "ERROR: pull access denied for nginx" >&2; exit 3 ;;
  *build*) echo "$$" > "${root}/build.pid"; echo "Building web"; exec /bin/sleep 60 ;;
  *) echo "Creating $2_web_1 ... done"; echo "progress on stderr" >&2; exit 0 ;;
esac
`);
chmodSync(join(cliDir, 'docker-compose'), 0o755);
// Only the stand-in: no real docker or docker-compose is found.
process.env['PATH'] = cliDir;

const compose = (project: string, service: string, number: number, dir = shopDir) => ({
	'com.docker.compose.project': project,
	'com.docker.compose.service': service,
	'com.docker.compose.container-number': String(number),
	'com.docker.compose.project.working_dir': dir,
	'com.docker.compose.project.config_files': join(dir, 'docker-compose.yml'),
});

function fleet(engine: InMemoryEngine): void {
	engine.addContainer({name: 'shop-web-1', image: 'nginx', labels: compose('shop', 'web', 1), ports: [{private: 80, public: 8080}], stats: {cpuPercent: 10, memoryUsed: 100 * 1024 ** 2}});
	engine.addContainer({name: 'shop-web-2', image: 'nginx', labels: compose('shop', 'web', 2), stats: {cpuPercent: 5, memoryUsed: 50 * 1024 ** 2}});
	engine.addContainer({name: 'shop-db-1', image: 'postgres', labels: compose('shop', 'db', 1), health: 'healthy', stats: {cpuPercent: 1, memoryUsed: 200 * 1024 ** 2}});
	engine.addContainer({name: 'blog_app_1', image: 'busybox', state: 'exited', labels: compose('blog', 'app', 1, join(root, 'gone'))});
	engine.addContainer({name: 'loner', image: 'busybox'});
}

async function openCompose(t: Parameters<typeof openApp>[0]) {
	const fixture = await openApp(t, fleet, {columns: 140, rows: 30});
	await fixture.app.waitFor(/loner/);
	await fixture.app.type(':compose\r');
	await fixture.app.waitFor(/▸ shop/);
	return fixture;
}

/** Moves the selection to the row whose name is `name` (j until it is selected). */
async function selectRow(app: Awaited<ReturnType<typeof openCompose>>['app'], name: string) {
	await app.press('g');
	for (let i = 0; i < 12 && !new RegExp(`[▸▾ ] ${name} `).test(app.selected() ?? ''); i++) await app.press('j');
	assert.match(app.selected() ?? '', new RegExp(`[▸▾ ] ${name} `), `never selected ${name}`);
}

test('one row per project with its services, containers up, summed CPU and memory, health and folder; → and ← unfold and fold', async t => {
	const {app} = await openCompose(t);
	let frame = await app.waitFor(/● ▸ shop +2 +3\/3 +1 healthy +16\.0% +350MiB \/tmp/);
	assert.match(frame, /○ ▸ blog +1 +0\/1 /);
	assert.match(frame, /Compose 2\/2/);
	assert.doesNotMatch(frame, /loner/, 'a container without Compose labels is in no project');
	await selectRow(app, 'shop');
	await app.press(keys.right);
	frame = await app.waitFor(/▾ shop/);
	// The file asks three replicas of web: two run.
	assert.match(frame, / {2}▸ web +2\/2 +3 nginx +0\.0\.0\.0:8080->8\S* +- +15\.0% +150MiB/);
	assert.match(frame, / {2}▸ db +1\/1 +1 postgres +1 healthy +1\.0% +200MiB/);
	assert.match(frame, /Compose 2\/2/, 'the count is of projects');
	await selectRow(app, 'web');
	await app.press(keys.enter);
	frame = await app.waitFor(/▾ web/);
	assert.match(frame, / {4} {2}shop-web-1 +Up .* nginx +0\.0\.0\.0:8080->8\S* .*10\.0%/);
	await selectRow(app, 'shop-web-2');
	await app.press(keys.left);
	await app.until(() => /▾ web /.test(app.selected() ?? ''), '← on a container goes up to its service');
	await app.press(keys.left);
	await app.waitFor(/▸ web/);
	await app.press(keys.left);
	await app.until(() => /▾ shop /.test(app.selected() ?? ''), '← on a folded service goes up to its project');
	await app.press(keys.left);
	frame = await app.waitFor(/▸ shop/);
	assert.doesNotMatch(frame, /▸ web/);
	// A project whose files are gone: its service's scale is unknown.
	await selectRow(app, 'blog');
	await app.press(keys.right);
	await app.waitFor(/ {2}▸ app +0\/1 +\? busybox/);
});

test('the filter matches services and containers and keeps their project in sight', async t => {
	const {app} = await openCompose(t);
	await app.press('/');
	await app.type('postgres\r');
	const frame = await app.waitFor(/Compose 1\/2/);
	assert.match(frame, /▸ shop/);
	assert.doesNotMatch(frame, /blog/);
});

test('s on a project stops all its running containers, s again starts them; d on a service removes its containers after naming them', async t => {
	const {app, engine} = await openCompose(t);
	await selectRow(app, 'shop');
	await app.press('s');
	await app.until(() => ['shop-web-1', 'shop-web-2', 'shop-db-1'].every(name => engine.container(name)?.state === 'exited'), 'every shop container stopped');
	await app.waitFor(/Stopped project shop: 3 containers/);
	await app.waitFor(/○ ▸ shop +2 +0\/3/);
	await app.press('s');
	await app.until(() => ['shop-web-1', 'shop-web-2', 'shop-db-1'].every(name => engine.container(name)?.state === 'running'), 'every shop container started');
	await app.waitFor(/Started project shop: 3 containers/);
	await app.waitFor(/● ▸ shop +2 +3\/3/);
	await app.press(keys.right);
	await selectRow(app, 'web');
	await app.press('p');
	await app.until(() => engine.container('shop-web-1')?.state === 'paused' && engine.container('shop-web-2')?.state === 'paused', 'web paused');
	await app.waitFor(/‖   ▸ web +2\/2 ‖2/);
	assert.equal(engine.container('shop-db-1')?.state, 'running', 'a service action leaves the other services alone');
	await app.press('p');
	await app.until(() => engine.container('shop-web-1')?.state === 'running', 'web unpaused');
	await app.waitFor(/●   ▸ web +2\/2 /);
	await app.press('d');
	let frame = await app.waitFor(/Remove service shop\/web: 2 containers\?/);
	assert.match(frame, /shop-web-1, shop-web-2/);
	await app.press('n');
	await app.waitFor(frame => !frame.includes('Remove service'));
	assert.ok(engine.container('shop-web-1'), 'n leaves them');
	await app.press('d');
	await app.waitFor(/Remove service shop\/web/);
	await app.press('y');
	await app.until(() => !engine.container('shop-web-1') && !engine.container('shop-web-2'), 'web\'s containers removed');
	frame = await app.waitFor(/Removed service shop\/web: 2 containers/);
	assert.ok(engine.container('shop-db-1'), 'db stays');
});

test('l opens the merged logs of a project, E its events, Enter a container\'s detail', async t => {
	const {app} = await openCompose(t);
	await selectRow(app, 'shop');
	await app.press('l');
	await app.waitFor(/Logs shop-db-1, shop-web-1, shop-web-2 /);
	await app.press(keys.escape);
	await app.waitFor(/▸ shop/);
	await app.press('E');
	await app.waitFor(/name=shop/);
	await app.press(keys.escape);
	await app.waitFor(/▸ shop/);
	await app.press(keys.right);
	await app.waitFor(/▾ shop/);
	await selectRow(app, 'db');
	await app.press(keys.right);
	await selectRow(app, 'shop-db-1');
	await app.press(keys.enter);
	await app.waitFor(/● shop-db-1 {2}Up/);
});

test('u runs compose up against berth\'s engine and shows its output; P\'s failure names the exit code and stderr; D asks, v adds -v', async t => {
	rmSync(cliLog, {force: true});
	const {app, engine} = await openCompose(t);
	await selectRow(app, 'shop');
	await app.press('u');
	let frame = await app.waitFor(/docker-compose -p shop up -d — done/);
	assert.match(frame, /Creating shop_web_1 \.\.\. done/);
	assert.match(frame, /progress on stderr/);
	const calls = () => readFileSync(cliLog, 'utf8').trim().split('\n').filter(line => !line.endsWith('|version'));
	assert.deepEqual(calls(), [`${engine.host}|${shopDir}|-p shop -f ${join(shopDir, 'docker-compose.yml')} up -d`]);
	await app.press(keys.escape);
	await app.waitFor(/▸ shop/);
	await app.press(keys.right);
	await selectRow(app, 'web');
	await app.press('P');
	frame = await app.waitFor(/pull web — FAILED \(exit code 3: ERROR: pull access denied for nginx\)/);
	await app.waitFor(/docker-compose -p shop pull web failed: exit code 3: ERROR: pull access denied for nginx/);
	await app.press(keys.escape);
	await app.press('D');
	await app.waitFor(/down takes a whole project: press D on project shop's row\./);
	await app.press(keys.left, keys.left);
	await app.until(() => /▸ shop /.test(app.selected() ?? ''), 'back on the project row');
	await app.press('D');
	await app.waitFor(/\[ \] v {2}its volumes too \(down -v\)/);
	await app.press('v');
	await app.waitFor(/\[x\] v {2}its volumes too \(down -v\)/);
	await app.press('y');
	await app.waitFor(/docker-compose -p shop down -v — done/);
	assert.match(calls().at(-1) ?? '', /\|-p shop -f \S+ down -v$/);
});

test('Esc while a verb runs stops the CLI, and says it was cancelled', async t => {
	const {app} = await openCompose(t);
	await selectRow(app, 'shop');
	await app.press('b');
	await app.waitFor(/docker-compose -p shop build — running… Esc cancels/);
	await app.waitFor(/Building web/);
	const pid = Number(readFileSync(join(root, 'build.pid'), 'utf8'));
	const isAlive = () => {
		try {
			process.kill(pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	assert.ok(isAlive());
	await app.press(keys.escape);
	await app.waitFor(/build — cancelled · Esc back/);
	await app.until(() => !isAlive(), 'the CLI process ended');
	await app.waitFor(/build: cancelled \(the CLI was stopped\)/);
	await app.press(keys.escape);
	await app.waitFor(/▸ shop/);
});

test('missing files or a missing CLI: the key says why and nothing runs', async t => {
	rmSync(cliLog, {force: true});
	const {app} = await openCompose(t);
	await selectRow(app, 'blog');
	await app.press('u');
	await app.waitFor(/up needs project blog's compose files: \S+gone\/docker-compose\.yml is not there \(moved or deleted\?\)/);
	await selectRow(app, 'shop');
	await app.press('u');
	await app.waitFor(/up -d — done/);
	await app.press(keys.escape);
	process.env['PATH'] = emptyDir;
	try {
		await app.type(':containers\r');
		await app.waitFor(/loner/);
		await app.type(':compose\r');
		await app.waitFor(/▸ shop/);
		const before = readFileSync(cliLog, 'utf8');
		await selectRow(app, 'shop');
		await app.press('b');
		await app.waitFor(/build needs the Compose CLI \(docker compose or docker-compose\), and neither runs here/);
		assert.equal(readFileSync(cliLog, 'utf8'), before, 'nothing ran');
		assert.ok(existsSync(cliLog));
	} finally {
		process.env['PATH'] = cliDir;
	}
});

test('the containers list: a PROJECT column, the filter matches a service, P groups by project under header rows', async t => {
	const {app} = await openApp(t, engine => {
		engine.addContainer({name: 'alpha', image: 'redis', labels: compose('shop', 'cache', 1)});
		engine.addContainer({name: 'beta', image: 'busybox', labels: compose('blog', 'app', 1)});
		engine.addContainer({name: 'loner', image: 'busybox', state: 'exited'});
	}, {columns: 140, rows: 20});
	let frame = await app.waitFor(/NAME +PROJECT +IMAGE/);
	assert.match(frame, /alpha +shop +redis/);
	assert.match(frame, /beta +blog +busybox/);
	await app.press('/');
	await app.type('cache\r');
	frame = await app.waitFor(/Containers 1\/3 {2}filter: cache/);
	assert.match(frame, /alpha/);
	await app.press(keys.escape);
	await app.waitFor(/Containers 3\/3/);
	await app.press('P');
	frame = await app.waitFor(/by project/);
	const lines = frame.split('\n').filter(line => /▾ |alpha|beta|loner/.test(line)).map(line => line.trim().split(/\s+/).slice(0, 2).join(' '));
	assert.deepEqual(lines, ['▾ blog', '● beta', '▾ shop', '● alpha', '▾ no', '○ loner']);
	assert.match(frame, /▾ blog {2}1\/1 running/);
	// The selection moves over containers only: down from beta is alpha, past the header.
	await app.press('g', 'j');
	assert.match(app.selected() ?? '', /alpha/);
	await app.press('P');
	frame = await app.waitFor(frame => !frame.includes('by project'));
	assert.doesNotMatch(frame, /▾ /);
});

test('without compose containers the list has no PROJECT column', async t => {
	const {app} = await openApp(t, engine => {
		engine.addContainer({name: 'loner', image: 'busybox'});
	}, {columns: 140, rows: 20});
	const frame = await app.waitFor(/loner/);
	assert.doesNotMatch(frame, /PROJECT/);
});

test('K on a container asks before it kills with SIGKILL; n leaves it running', async t => {
	const {app, engine} = await openCompose(t);
	await selectRow(app, 'shop');
	await app.press(keys.right);
	await selectRow(app, 'db');
	await app.press(keys.right);
	await selectRow(app, 'shop-db-1');
	await app.press('K');
	await app.waitFor(/Kill shop-db-1 with SIGKILL\?/);
	await app.press('n');
	await app.waitFor(frame => !frame.includes('Kill shop-db-1'));
	assert.equal(engine.container('shop-db-1')?.state, 'running');
	await app.press('K');
	await app.waitFor(/Kill shop-db-1 with SIGKILL\?/);
	await app.press('y');
	await app.waitFor(/Killed shop-db-1\./);
	assert.equal(engine.container('shop-db-1')?.exitCode, 137);
});

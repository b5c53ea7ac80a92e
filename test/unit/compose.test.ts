import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile, chmod} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {toSummary, type ContainerSummary} from '../../source/engine/resources/containers.js';
import {composeLabels, numberFromName} from '../../source/engine/resources/compose-labels.js';
import {groupProjects, healthSummary, healthText} from '../../source/engine/resources/compose-projects.js';
import {interpolate, readComposeFiles, wantedScale} from '../../source/engine/resources/compose-files.js';
import {planGroup} from '../../source/engine/resources/compose-actions.js';
import {cliEnvironment, composeArguments} from '../../source/engine/resources/compose-cli.js';

const labels = (project: string, service: string, extra: Record<string, string> = {}) => ({
	'com.docker.compose.project': project,
	'com.docker.compose.service': service,
	'com.docker.compose.project.working_dir': `/srv/${project}`,
	'com.docker.compose.project.config_files': `/srv/${project}/docker-compose.yml`,
	...extra,
});

let serial = 0;
const info = (name: string, labelSet: Record<string, string> | undefined, state = 'running', status = 'Up 1 minute'): Docker.ContainerInfo => ({
	Id: `id${serial++}-${name}`, Names: [`/${name}`], Image: 'busybox', ImageID: 'sha', Command: 'sh', Created: 0, Ports: [],
	Labels: labelSet as Record<string, string>, State: state, Status: status, HostConfig: {NetworkMode: 'none'},
	NetworkSettings: {Networks: {}}, Mounts: [],
});
const summary = (...args: Parameters<typeof info>): ContainerSummary => toSummary(info(...args));

test('the labels give project, service, files and number; a container without them has none', () => {
	const v2 = summary('shop-web-2', labels('shop', 'web', {'com.docker.compose.container-number': '2'}));
	assert.equal(v2.compose?.project, 'shop');
	assert.equal(v2.compose?.service, 'web');
	assert.equal(v2.compose?.workingDir, '/srv/shop');
	assert.deepEqual(v2.compose?.configFiles, ['/srv/shop/docker-compose.yml']);
	assert.equal(v2.compose?.number, 2);
	assert.equal(v2.compose?.isOneoff, false);
	assert.equal(summary('plain', undefined).compose, undefined);
	assert.equal(summary('plain', {'com.docker.compose.project': 'shop'}).compose, undefined, 'a project without a service is not Compose\'s');
	// A name that looks like Compose's is not a project without the labels.
	assert.equal(summary('shop_web_1', {}).compose, undefined);
});

test('v1 (project_service_1) and v2 (project-service-1) names give the number when the label is missing', () => {
	assert.equal(numberFromName('shop_web_3', 'shop', 'web'), 3);
	assert.equal(numberFromName('shop-web-12', 'shop', 'web'), 12);
	assert.equal(numberFromName('my.app_api_1', 'my.app', 'api'), 1, 'dots in a project are literal');
	assert.equal(numberFromName('myxapp_api_1', 'my.app', 'api'), undefined);
	assert.equal(numberFromName('shop_web_run_5f2', 'shop', 'web'), undefined);
	const v1 = composeLabels(labels('shop', 'web'), 'shop_web_7');
	assert.equal(v1?.number, 7);
	const oneoff = composeLabels(labels('shop', 'web', {'com.docker.compose.oneoff': 'True'}), 'shop_web_run_1');
	assert.equal(oneoff?.isOneoff, true);
	assert.deepEqual(composeLabels(labels('shop', 'web', {'com.docker.compose.project.config_files': 'a.yml, b.yml'}), 'x')?.configFiles, ['a.yml', 'b.yml']);
});

test('containers group into projects and services, in name and number order; others are left out', () => {
	const projects = groupProjects([
		summary('shop-web-2', labels('shop', 'web')),
		summary('shop_web_1', labels('shop', 'web')),
		summary('shop-db-1', labels('shop', 'db'), 'exited', 'Exited (0) 1 minute ago'),
		summary('blog-app-1', labels('blog', 'app')),
		summary('loner', undefined),
		summary('shop_web_run_ab12', labels('shop', 'web', {'com.docker.compose.oneoff': 'True'})),
	]);
	assert.deepEqual(projects.map(p => p.name), ['blog', 'shop']);
	const shop = projects[1]!;
	assert.deepEqual(shop.services.map(s => s.name), ['db', 'web']);
	assert.deepEqual(shop.services[1]!.containers.map(c => c.name), ['shop_web_1', 'shop-web-2', 'shop_web_run_ab12'], 'number order, one-off last');
	assert.deepEqual(shop.workingDirs, ['/srv/shop']);
	assert.deepEqual(shop.configFiles, ['/srv/shop/docker-compose.yml']);
});

test('a project spread over two working directories is one project naming both', () => {
	const projects = groupProjects([
		summary('app-web-1', labels('app', 'web', {'com.docker.compose.project.working_dir': '/home/a/app', 'com.docker.compose.project.config_files': 'docker-compose.yml'})),
		summary('app-db-1', labels('app', 'db', {'com.docker.compose.project.working_dir': '/home/b/app', 'com.docker.compose.project.config_files': 'docker-compose.yml'})),
	]);
	assert.equal(projects.length, 1);
	assert.deepEqual(projects[0]!.workingDirs, ['/home/a/app', '/home/b/app']);
	assert.deepEqual(projects[0]!.configFiles, ['/home/a/app/docker-compose.yml', '/home/b/app/docker-compose.yml'], 'relative files resolve against their own folder');
});

test('health summary counts each state', () => {
	const containers = [
		summary('a', labels('p', 's'), 'running', 'Up 1 minute (healthy)'),
		summary('b', labels('p', 's'), 'running', 'Up 1 minute (unhealthy)'),
		summary('c', labels('p', 's'), 'running', 'Up 1 minute (healthy)'),
		summary('d', labels('p', 's')),
	];
	assert.deepEqual(healthSummary(containers), {healthy: 2, unhealthy: 1, starting: 0});
	assert.equal(healthText(healthSummary(containers)), '1 unhealthy, 2 healthy');
	assert.equal(healthText(healthSummary([containers[3]!])), '-');
});

test('wanted scale: scale, else deploy.replicas, else 1; later files override; variables read', () => {
	const scale = wantedScale([
		{services: {web: {image: 'x', deploy: {replicas: 3}}, db: {image: 'y'}, worker: {scale: 2}, odd: {scale: 'many'}}},
		{services: {worker: {scale: '${WORKERS:-4}'}, db: null}},
	], {});
	assert.equal(scale.get('web'), 3);
	assert.equal(scale.get('db'), 1);
	assert.equal(scale.get('worker'), 4);
	assert.equal(scale.has('odd'), false, 'a scale that is not a whole number is not guessed');
	assert.equal(interpolate('${N:-2}', {N: '5'}), '5');
	assert.equal(interpolate('${N-2}', {N: ''}), '');
	assert.equal(interpolate('$N', {N: '7'}), '7');
});

test('compose files: read and scaled; moved, unreadable, not YAML and two folders each say why', async () => {
	const dir = await mkdtemp(join(tmpdir(), 'berth-compose-'));
	try {
		const file = join(dir, 'docker-compose.yml');
		await writeFile(file, 'services:\n  web:\n    image: busybox\n    scale: 2\n  db:\n    image: busybox\n');
		const read = await readComposeFiles({name: 'p', workingDirs: [dir], configFiles: [file]});
		assert.equal(read.kind, 'readable');
		if (read.kind === 'readable') assert.deepEqual([...read.scale], [['web', 2], ['db', 1]]);
		// No config_files label: the default names in the folder.
		const found = await readComposeFiles({name: 'p', workingDirs: [dir], configFiles: []});
		assert.equal(found.kind === 'readable' && found.files[0], file);

		const moved = await readComposeFiles({name: 'p', workingDirs: [dir], configFiles: [join(dir, 'gone.yml')]});
		assert.match(moved.kind === 'unreadable' ? moved.reason : '', /gone\.yml is not there \(moved or deleted\?\)/);
		const bad = join(dir, 'bad.yml');
		await writeFile(bad, 'services: [unclosed\n');
		const notYaml = await readComposeFiles({name: 'p', workingDirs: [dir], configFiles: [bad]});
		assert.match(notYaml.kind === 'unreadable' ? notYaml.reason : '', /bad\.yml is not valid YAML/);
		const two = await readComposeFiles({name: 'p', workingDirs: [dir, '/elsewhere'], configFiles: [file]});
		assert.match(two.kind === 'unreadable' ? two.reason : '', /brought up from 2 folders/);
		const none = await readComposeFiles({name: 'p', workingDirs: [], configFiles: []});
		assert.match(none.kind === 'unreadable' ? none.reason : '', /no working_dir label/);
		if (process.getuid?.() !== 0) {
			await chmod(file, 0o000);
			const locked = await readComposeFiles({name: 'p', workingDirs: [dir], configFiles: [file]});
			assert.match(locked.kind === 'unreadable' ? locked.reason : '', /permission denied/);
		}
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
});

test('group plans: s stops the running ones, or starts all when none runs; p pauses or unpauses', () => {
	const up = summary('a', labels('p', 's'));
	const down = summary('b', labels('p', 's'), 'exited', 'Exited (0) 1 minute ago');
	const paused = summary('c', labels('p', 's'), 'paused', 'Up 1 minute (Paused)');
	const stop = planGroup('startStop', [up, down], 'project p');
	assert.deepEqual('action' in stop && [stop.action, stop.containers.map(c => c.name)], ['stop', ['a']]);
	const start = planGroup('startStop', [down], 'project p');
	assert.deepEqual('action' in start && [start.action, start.containers.map(c => c.name)], ['start', ['b']]);
	const pause = planGroup('pause', [up, paused], 'project p');
	assert.deepEqual('action' in pause && pause.action, 'pause');
	const unpause = planGroup('pause', [paused, down], 'project p');
	assert.deepEqual('action' in unpause && [unpause.action, unpause.containers.map(c => c.name)], ['unpause', ['c']]);
	const refused = planGroup('pause', [down], 'service p/s');
	assert.deepEqual(refused, {refusal: 'Nothing in service p/s is running or paused.'});
	const remove = planGroup('remove', [up, down], 'project p');
	assert.equal('action' in remove && remove.containers.length, 2);
});

test('the CLI gets the engine berth talks to, and its arguments name project and files', () => {
	const unix = cliEnvironment({modem: {socketPath: '/run/x.sock'}} as unknown as Docker, {DOCKER_CONTEXT: 'other', PATH: '/bin'});
	assert.deepEqual('env' in unix && [unix.env['DOCKER_HOST'], unix.env['DOCKER_CONTEXT'], unix.env['PATH']], ['unix:///run/x.sock', undefined, '/bin']);
	const tcp = cliEnvironment({modem: {host: '10.0.0.2', port: 2376, protocol: 'https'}} as unknown as Docker, {DOCKER_CERT_PATH: '/certs'});
	assert.deepEqual('env' in tcp && [tcp.env['DOCKER_HOST'], tcp.env['DOCKER_TLS_VERIFY'], tcp.env['DOCKER_CERT_PATH']], ['tcp://10.0.0.2:2376', '1', '/certs']);
	const ssh = cliEnvironment({modem: {host: 'remote', port: 22, protocol: 'http', agent: {}}} as unknown as Docker, {});
	assert.match('refusal' in ssh ? ssh.refusal : '', /over SSH/);
	assert.deepEqual(composeArguments({command: 'docker', prefix: ['compose'], label: 'docker compose'}, {project: 'shop', workingDir: '/srv', files: ['/srv/a.yml', '/srv/b.yml'], verb: 'down', options: {removeVolumes: true}}),
		['compose', '-p', 'shop', '-f', '/srv/a.yml', '-f', '/srv/b.yml', 'down', '-v']);
});

test('a tree arranges unfolded rows under their parent, sorts siblings, and a filter keeps a match\'s family', async () => {
	const {arrangeTree, parentOf, treeColumns} = await import('../../source/components/resource-tree-model.js');
	interface Node {readonly key: string; readonly depth: number; readonly children: readonly Node[]}
	const node = (key: string, depth: number, children: readonly Node[] = []): Node => ({key, depth, children});
	const roots = [node('shop', 0, [node('web', 1, [node('shop-web-1', 2)]), node('db', 1, [node('shop-db-1', 2)])]), node('blog', 0, [node('app', 1)])];
	const shape = {children: (row: Node) => row.children, depth: (row: Node) => row.depth, rowKey: (row: Node) => row.key};
	const columns = [{id: 'name', title: 'NAME', width: 10, sortKey: 'N', text: (row: Node) => row.key}];
	const keysOf = (rows: readonly Node[]) => rows.map(row => row.key);
	const view = {filter: '', descending: false};
	assert.deepEqual(keysOf(arrangeTree(roots, shape, new Set(), columns, view)), ['shop', 'blog']);
	const open = new Set(['shop', 'web']);
	assert.deepEqual(keysOf(arrangeTree(roots, shape, open, columns, view)), ['shop', 'web', 'shop-web-1', 'db', 'blog']);
	assert.deepEqual(keysOf(arrangeTree(roots, shape, open, columns, {...view, sortColumn: 'name'})), ['blog', 'shop', 'db', 'web', 'shop-web-1'], 'siblings sort among themselves');
	assert.deepEqual(keysOf(arrangeTree(roots, shape, open, columns, {...view, filter: 'db-1'})), ['shop', 'db'], 'a match inside folded db keeps db and its project');
	assert.deepEqual(keysOf(arrangeTree(roots, shape, new Set(), columns, {...view, filter: 'db-1'})), ['shop'], 'and a folded project');
	assert.deepEqual(keysOf(arrangeTree(roots, shape, new Set(['shop', 'db']), columns, {...view, filter: 'db-1'})), ['shop', 'db', 'shop-db-1']);
	assert.deepEqual(keysOf(arrangeTree(roots, shape, open, columns, {...view, filter: 'shop'})), ['shop', 'web', 'shop-web-1', 'db'], 'an unfolded match keeps its rows');
	const shown = arrangeTree(roots, shape, open, columns, view);
	assert.equal(parentOf(shown, 2, shape.depth)?.key, 'web');
	assert.equal(parentOf(shown, 3, shape.depth)?.key, 'shop');
	assert.equal(parentOf(shown, 0, shape.depth), undefined);
	const [first] = treeColumns(columns, shape, open);
	assert.deepEqual(shown.map(row => first!.text(row)), ['▾ shop', '  ▾ web', '      shop-web-1', '  ▸ db', '▸ blog']);
});

test('a group action: a container that left meanwhile does not fail a stop, and a real failure is named with the count', async () => {
	const {runGroup} = await import('../../source/engine/resources/compose-actions.js');
	const gone = Object.assign(new Error('No such container'), {statusCode: 404, json: {message: 'No such container: b'}});
	const refused = Object.assign(new Error('conflict'), {statusCode: 409, json: {message: 'cannot stop: it is being removed'}});
	const behaviour: Record<string, () => Promise<void>> = {a: async () => undefined, b: async () => Promise.reject(gone), c: async () => Promise.reject(refused)};
	const docker = {getContainer: (id: string) => ({stop: behaviour[id.replace(/^id\d+-/, '')], start: behaviour[id.replace(/^id\d+-/, '')]})} as unknown as Docker;
	const [a, b, c] = ['a', 'b', 'c'].map(name => summary(name, labels('p', 's')));
	assert.equal(await runGroup(docker, {action: 'stop', containers: [a!, b!]}, 'project p'), 'Stopped project p: 2 containers (a, b).');
	await assert.rejects(runGroup(docker, {action: 'stop', containers: [a!, c!]}, 'project p'), /Stopped 1 of 2 in project p; could not stop c: cannot stop: it is being removed/);
	await assert.rejects(runGroup(docker, {action: 'start', containers: [b!]}, 'project p'), /could not start b: b left meanwhile/);
});

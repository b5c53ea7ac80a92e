import assert from 'node:assert/strict';
import {test} from 'node:test';
import type Docker from 'dockerode';
import stringWidth from 'string-width';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';
import {formatPorts, parseHealth, toSummary} from '../../source/engine/resources/containers.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';
import {columnContent, columnLayout, containerCells, statusText, visibleContainers, type ListView} from '../../source/features/containers/columns.js';

const container = (name: string, state: ContainerSummary['state'], image = 'busybox'): ContainerSummary => ({
	id: `id-${name}`, name, image, state, status: state === 'running' ? 'Up 2 minutes' : 'Exited (0) 1 minute ago', health: 'none', ports: '', createdAt: 0,
});
const sample = (id: string, cpuPercent: number, memoryUsed: number): StatsSample => ({
	id, time: 0, cpuPercent, memoryUsed, memoryLimit: 1024 ** 3, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 1,
});
const view = (over: Partial<ListView> = {}): ListView => ({showStopped: true, filter: '', sort: 'default', descending: false, ...over});
const names = (list: readonly ContainerSummary[]) => list.map(c => c.name);

const fleet = [container('zeta', 'exited'), container('alpha', 'running'), container('mid', 'paused', 'nginx:alpine'), container('beta', 'running', 'redis')];
const stats = new Map([['id-alpha', sample('id-alpha', 5, 300)], ['id-beta', sample('id-beta', 50, 100)]]);

test('running containers come first, then stopped ones; a toggle hides stopped', () => {
	assert.deepEqual(names(visibleContainers(fleet, view(), stats)), ['alpha', 'beta', 'mid', 'zeta']);
	assert.deepEqual(names(visibleContainers(fleet, view({showStopped: false}), stats)), ['alpha', 'beta', 'mid']);
});

test('the filter narrows by name, image or compose project, case-insensitively', () => {
	assert.deepEqual(names(visibleContainers(fleet, view({filter: 'NGINX'}), stats)), ['mid']);
	const project = [{...container('shop-web-1', 'running'), composeProject: 'Storefront'}, container('other', 'running')];
	assert.deepEqual(names(visibleContainers(project, view({filter: 'storef'}), stats)), ['shop-web-1']);
	assert.deepEqual(names(visibleContainers(fleet, view({filter: 'ta'}), stats)), ['beta', 'zeta']);
});

test('sorting by name, CPU and memory; again reverses', () => {
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'name'}), stats)), ['alpha', 'beta', 'mid', 'zeta']);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'name', descending: true}), stats)), ['zeta', 'mid', 'beta', 'alpha']);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'cpu'}), stats)).slice(0, 2), ['beta', 'alpha']);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'memory'}), stats)).slice(0, 2), ['alpha', 'beta']);
});

test('names sort A-Z whatever their case, numbers by value, a prefix before the longer name, digits before letters', () => {
	const mixed = ['web-10', 'Web-2', 'api', 'web-1', 'API_v2', 'web', '9lives', 'api.internal', 'shop-web-11', 'shop-web-9', 'web-002', 'v2', 'v10a', 'v10'].map(name => container(name, 'running'));
	assert.deepEqual(names(visibleContainers(mixed, view({sort: 'name'}), stats)), ['9lives', 'api', 'api.internal', 'API_v2', 'shop-web-9', 'shop-web-11', 'v2', 'v10', 'v10a', 'web', 'web-1', 'Web-2', 'web-002', 'web-10']);
	assert.deepEqual(names(visibleContainers(mixed, view({sort: 'name', descending: true}), stats)).slice(0, 3), ['web-10', 'web-002', 'Web-2']);
	// Names that differ only in case keep one order, so rows never swap between frames.
	const twins = [container('db', 'running'), container('DB', 'running')];
	assert.deepEqual(names(visibleContainers(twins, view({sort: 'name'}), stats)), ['DB', 'db']);
	assert.deepEqual(names(visibleContainers([...twins].reverse(), view({sort: 'name'}), stats)), ['DB', 'db']);
});

test('a number sort breaks ties by name A-Z, largest first or not', () => {
	const same = new Map(['c', 'a', 'b'].map(name => [`id-${name}`, sample(`id-${name}`, 1, 100)]));
	const trio = ['c', 'a', 'b'].map(name => container(name, 'running'));
	assert.deepEqual(names(visibleContainers(trio, view({sort: 'memory'}), same)), ['a', 'b', 'c']);
	assert.deepEqual(names(visibleContainers(trio, view({sort: 'memory', descending: true}), same)), ['a', 'b', 'c']);
});

test('every row is exactly as wide as the layout at any terminal width', () => {
	const wide = {...container('数据库-🚀-a-rather-long-name-for-a-container', 'running', '镜像/образ:latest'), ports: '0.0.0.0:8080->80/tcp'};
	for (const width of [20, 40, 60, 80, 120, 200]) {
		const layout = columnLayout(width);
		const total = layout.reduce((sum, spec) => sum + spec.width, 0) + layout.length - 1;
		assert.ok(total <= width - 2, `layout for ${width} is ${total}`);
		const line = containerCells(wide, stats.get('id-alpha'), layout).map(cell => cell.text).join(' ');
		assert.equal(stringWidth(line), total);
	}
	assert.deepEqual(columnLayout(200).map(spec => spec.column), ['name', 'image', 'status', 'health', 'ports', 'cpu', 'memory', 'trend']);
	assert.deepEqual(columnLayout(120).map(spec => spec.column), ['name', 'image', 'status', 'health', 'ports', 'cpu', 'memory']);
	assert.deepEqual(columnLayout(50).map(spec => spec.column), ['name', 'cpu', 'memory']);
	// At 80 columns the status stays and the image goes.
	assert.deepEqual(columnLayout(78).map(spec => spec.column), ['name', 'status', 'cpu', 'memory']);
});

test('health and ports columns appear only when some container has one, and their room goes to the rest', () => {
	const plain = [container('web', 'running'), container('db', 'exited')];
	assert.deepEqual(columnContent(plain), {health: false, ports: false, project: false});
	assert.deepEqual(columnContent([...plain, {...container('api', 'running'), ports: '0.0.0.0:8080->80/tcp'}]), {health: false, ports: true, project: false});
	assert.deepEqual(columnContent([{...container('api', 'running'), health: 'healthy'}]), {health: true, ports: false, project: false});
	const inProject = columnContent([{...container('api', 'running'), composeProject: 'shop'}]);
	assert.equal(inProject.project, true);
	assert.deepEqual(columnLayout(108, inProject).map(spec => spec.column), ['name', 'project', 'image', 'status', 'cpu', 'memory']);
	const bare = columnLayout(108, columnContent(plain));
	assert.deepEqual(bare.map(spec => spec.column), ['name', 'image', 'status', 'cpu', 'memory']);
	const full = columnLayout(108);
	const width = (layout: typeof bare, column: string) => layout.find(spec => spec.column === column)?.width ?? 0;
	assert.ok(width(bare, 'name') > width(full, 'name') + 10, `name ${width(bare, 'name')} vs ${width(full, 'name')}`);
	assert.ok(width(bare, 'image') > width(full, 'image'));
	// With room to spare the status fits "Exited (137) 45 seconds ago" whole.
	assert.equal(width(bare, 'status'), 27);
	assert.equal(width(columnLayout(78), 'status'), 24);
	// Containers of several engines: HOST first, kept after the image has gone.
	const fleet = columnContent([{...container('api', 'running'), host: 'prod'}]);
	assert.equal(fleet.host, true);
	assert.deepEqual(columnLayout(108, fleet).map(spec => spec.column), ['host', 'name', 'image', 'status', 'cpu', 'memory']);
	assert.deepEqual(columnLayout(78, fleet).map(spec => spec.column), ['host', 'name', 'status', 'cpu', 'memory']);
});

test('cells show CPU and memory used / limit for running containers only', () => {
	const layout = columnLayout(200);
	const cells = Object.fromEntries(containerCells(fleet[1]!, sample('id-alpha', 12.345, 300 * 1024 * 1024), layout).map(c => [c.column, c.text.trim()]));
	assert.equal(cells['cpu'], '12.3%');
	assert.equal(cells['memory'], '300MiB / 1.00GiB');
	const stopped = Object.fromEntries(containerCells(fleet[0]!, undefined, layout).map(c => [c.column, c.text.trim()]));
	assert.equal(stopped['cpu'], '');
	assert.equal(stopped['status'], 'Exited (0) 1 minute ago');
});

test('health comes from the status text; ports fold IPv4/IPv6 duplicates', () => {
	assert.equal(parseHealth('Up 5 seconds (health: starting)'), 'starting');
	assert.equal(parseHealth('Up 5 minutes (healthy)'), 'healthy');
	assert.equal(parseHealth('Up 5 minutes (unhealthy)'), 'unhealthy');
	assert.equal(parseHealth('Up 5 minutes'), 'none');
	assert.equal(formatPorts([
		{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
		{IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'},
		{IP: '', PrivatePort: 53, Type: 'udp'} as Docker.Port,
	]), '53/udp, 0.0.0.0:8080->80/tcp');
});

test('names, images and status from the engine are sanitised', () => {
	const summary = toSummary({
		Id: 'abc', Names: ['/evil\u001B]0;title\u0007name'], Image: 'img\u001B[2J', ImageID: '', Command: '', Created: 0,
		Ports: [], Labels: {}, State: 'running', Status: 'Up\u001B[H 1 second', HostConfig: {NetworkMode: 'none'},
		NetworkSettings: {Networks: {}}, Mounts: [],
	});
	assert.equal(summary.name, 'evilname');
	assert.equal(summary.image, 'img');
	assert.equal(summary.status, 'Up 1 second');
});

test('a paused container says Paused first, and health stays in its own column', () => {
	const base = {id: 'x', name: 'x', image: 'i', ports: '', createdAt: 0, health: 'none'} as const;
	assert.equal(statusText({...base, state: 'paused', status: 'Up 5 seconds (Paused)'}), 'Paused · up 5 seconds');
	assert.equal(statusText({...base, state: 'running', status: 'Up 2 minutes (healthy)', health: 'healthy'}), 'Up 2 minutes');
	assert.equal(statusText({...base, state: 'exited', status: 'Exited (3) 2 hours ago'}), 'Exited (3) 2 hours ago');
	// Words written now rather than the list's: the same shortening.
	assert.equal(statusText({...base, state: 'paused', status: 'Up 5 seconds (Paused)'}, 'Up 2 minutes (Paused)'), 'Paused · up 2 minutes');
	assert.equal(statusText({...base, state: 'running', status: 'Up 2 minutes (healthy)', health: 'healthy'}, 'Up 3 minutes (healthy)'), 'Up 3 minutes');
});

test('network and block I/O sorts put the busiest first; a wide terminal gets I/O totals and a CPU sparkline', async () => {
	const {sparkline} = await import('../../source/components/sparkline.js');
	const io = new Map([
		['id-alpha', {...sample('id-alpha', 5, 300), netRx: 10, netTx: 10, blockRead: 9000}],
		['id-beta', {...sample('id-beta', 50, 100), netRx: 5000, netTx: 1}],
	]);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'network'}), io)).slice(0, 2), ['beta', 'alpha']);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'block'}), io)).slice(0, 2), ['alpha', 'beta']);
	assert.deepEqual(names(visibleContainers(fleet, view({sort: 'block', descending: true}), io)).slice(-2), ['beta', 'alpha']);
	assert.equal(sparkline([0, 50, 100, Number.NaN, 12.5], 6), ' ▁▅█ ▂');
	assert.equal(sparkline([200, 100], 2), '█▅');
	const wide = columnLayout(240).map(spec => spec.column);
	assert.deepEqual(wide.slice(-3), ['net', 'block', 'trend']);
	assert.equal(columnLayout(120).some(spec => spec.column === 'trend'), false);
	assert.deepEqual(columnLayout(198).map(spec => spec.column).slice(-3), ['cpu', 'memory', 'trend']);
	const cells = containerCells(container('beta', 'running'), io.get('id-beta'), columnLayout(240), sparkline([50, 100], 10));
	assert.equal(cells.find(cell => cell.column === 'net')?.text.trim(), '4.88KiB / 1B');
	assert.equal(cells.find(cell => cell.column === 'trend')?.text, `${' '.repeat(8)}▅█`);
});

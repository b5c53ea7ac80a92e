import assert from 'node:assert/strict';
import {test} from 'node:test';
import {splitReference} from '../../source/engine/resources/images.js';
import {applyProgressEvents, emptyProgress, progressTotals} from '../../source/engine/streams/layer-progress.js';
import {createOptions, parsePorts, splitWords} from '../../source/engine/resources/run-image.js';
import {usageRows} from '../../source/engine/resources/system.js';

test('layer progress folds pull events into one row per layer with a total', () => {
	const state = applyProgressEvents(emptyProgress, [
		{status: 'Pulling from berth/x', id: '1'},
		{status: 'Pulling fs layer', id: 'aaaaaaaaaaaa'},
		{status: 'Already exists', id: 'bbbbbbbbbbbb'},
		{status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: {current: 500, total: 2000}},
		{status: 'Waiting', id: 'cccccccccccc'},
		{status: 'Downloading', id: 'cccccccccccc', progressDetail: {current: 100, total: 1000}},
	]);
	assert.deepEqual(state.layers.map(layer => [layer.id, layer.current, layer.total, layer.isDone]), [
		['aaaaaaaaaaaa', 500, 2000, false],
		['bbbbbbbbbbbb', 0, 0, true],
		['cccccccccccc', 100, 1000, false],
	]);
	assert.deepEqual(state.messages, ['1: Pulling from berth/x']);
	assert.deepEqual(progressTotals(state), {current: 600, total: 3000, doneLayers: 1, layers: 3});
	const later = applyProgressEvents(state, [
		{status: 'Download complete', id: 'aaaaaaaaaaaa'},
		{status: 'Extracting', id: 'aaaaaaaaaaaa', progressDetail: {current: 10, total: 9999}},
		{status: 'Pull complete', id: 'aaaaaaaaaaaa'},
		{status: 'Status: Downloaded newer image for berth/x:1'},
	]);
	assert.deepEqual(later.layers[0], {id: 'aaaaaaaaaaaa', status: 'Pull complete', current: 2000, total: 2000, isDone: true});
	assert.equal(later.messages.at(-1), 'Status: Downloaded newer image for berth/x:1');
	const hostile = applyProgressEvents(emptyProgress, [{status: 'evil\u001B]0;title\u0007 text'}]);
	assert.deepEqual(hostile.messages, ['evil text']);
});

test('references split like the docker CLI, registry ports included', () => {
	assert.deepEqual(splitReference('busybox'), {repository: 'busybox', tag: 'latest'});
	assert.deepEqual(splitReference('127.0.0.1:5000/a/b:1'), {repository: '127.0.0.1:5000/a/b', tag: '1'});
	assert.deepEqual(splitReference('127.0.0.1:5000/a/b'), {repository: '127.0.0.1:5000/a/b', tag: 'latest'});
});

test('run form parsing: words with quotes, ports, env, mounts and plain errors', () => {
	assert.deepEqual(splitWords(`sh -c "echo 'a b'" x\\ y`), ['sh', '-c', "echo 'a b'", 'x y']);
	assert.throws(() => splitWords('echo "open'), /unclosed " quote/);
	assert.deepEqual(parsePorts('8080:80, 127.0.0.1::53/udp 9000'), [
		{hostIp: '', hostPort: '8080', containerPort: '80/tcp'},
		{hostIp: '127.0.0.1', hostPort: '', containerPort: '53/udp'},
		{hostIp: '', hostPort: '', containerPort: '9000/tcp'},
	]);
	const body = createOptions({image: 'i', name: 'web', command: '', env: 'A=1', ports: '8080:80', volumes: 'data:/data:ro', restart: 'always', detached: true});
	assert.equal(body.Cmd, undefined);
	assert.deepEqual(body.HostConfig?.PortBindings, {'80/tcp': [{HostIp: '', HostPort: '8080'}]});
	assert.deepEqual(body.HostConfig?.Binds, ['data:/data:ro']);
	assert.deepEqual(body.HostConfig?.RestartPolicy, {Name: 'always'});
	assert.throws(() => createOptions({image: 'i', name: '', command: '', env: 'nope', ports: '', volumes: '', restart: 'no', detached: true}), /"nope" is not KEY=value/);
	assert.throws(() => createOptions({image: 'i', name: '', command: '', env: '', ports: '', volumes: 'data', restart: 'no', detached: true}), /not a mount/);
});

test('disk usage rows follow docker system df: active images keep their unique size, stopped containers and unused volumes are reclaimable', () => {
	const rows = usageRows({
		LayersSize: 1000,
		Images: [{Id: 'a', Size: 600, SharedSize: 100, Containers: 1}, {Id: 'b', Size: 400, SharedSize: 100, Containers: 0}],
		Containers: [{Id: 'c1', SizeRw: 10, State: 'running'}, {Id: 'c2', SizeRw: 30, State: 'exited'}],
		Volumes: [{Name: 'v1', UsageData: {Size: 50, RefCount: 1}}, {Name: 'v2', UsageData: {Size: 70, RefCount: 0}}, {Name: 'v3', UsageData: {Size: -1, RefCount: -1}}],
		BuildCache: [{Size: 5, InUse: false, Shared: false}, {Size: 7, InUse: true, Shared: false}],
	});
	assert.deepEqual(rows, [
		{kind: 'images', total: 2, active: 1, size: 1000, reclaimable: 500},
		{kind: 'containers', total: 2, active: 1, size: 40, reclaimable: 30},
		{kind: 'volumes', total: 3, active: 1, size: 120, reclaimable: 70},
		{kind: 'buildCache', total: 2, active: 1, size: 12, reclaimable: 5},
	]);
});

test('inspect lines are YAML-like and env values with secret-looking names are masked', async () => {
	const {inspectLines} = await import('../../source/features/inspect/inspect-model.js');
	const doc = {Id: 'abc', Config: {Env: ['API_TOKEN=t0k', 'aws_secret_access_key=s3', 'HOME=/root'], Labels: {}}, Mounts: [{Type: 'volume', Name: 'data'}], Evil: 'x\u001B[2Jy'};
	assert.deepEqual(inspectLines(doc, true), [
		'Id: abc',
		'Config:',
		'  Env:',
		'    - API_TOKEN=••••••',
		'    - aws_secret_access_key=••••••',
		'    - HOME=/root',
		'  Labels: {}',
		'Mounts:',
		'  - Type: volume',
		'    Name: data',
		'Evil: xy',
	]);
	assert.ok(inspectLines(doc, false).includes('    - API_TOKEN=t0k'));
});

test('progress lines torn across chunks are joined, and a garbled line is dropped instead of throwing', async () => {
	const {wholeJsonLines} = await import('../../source/engine/streams/progress.js');
	const lines = wholeJsonLines();
	const out: string[] = [];
	lines.on('data', (chunk: Buffer) => out.push(chunk.toString()));
	const ended = new Promise(resolve => lines.on('end', resolve));
	lines.write('{"status":"Pull');
	lines.write('ing"}\n{not json}\n\n{"id":"a"');
	lines.end('}');
	await ended;
	assert.deepEqual(out.join('').split('\n').filter(Boolean), ['{"status":"Pulling"}', '{"id":"a"}']);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {changeLines, healthLines, processLines} from '../../source/features/inspect/inspect-model.js';
import {historyLines, imageColumns} from '../../source/features/images/columns.js';
import {networkColumns} from '../../source/features/networks/columns.js';
import {layoutColumns, rowLine, scrollOffset, visibleRows} from '../../source/components/resource-table-model.js';
import {isSecretName, maskEnvEntry} from '../../source/features/inspect/secrets.js';
import {pruneItems, systemLines} from '../../source/features/system/columns.js';
import {matchingLines, nextMatch} from '../../source/components/text-view-model.js';
import type {ImageSummary} from '../../source/engine/resources/images.js';

const now = Date.UTC(2026, 0, 10);
const image: ImageSummary = {
	id: 'sha256:abc', shortId: 'abcdef012345', reference: 'web:1', repoTags: ['web:1'], size: 5 * 1024 * 1024, createdAt: now / 1000 - 7200, containers: 2, isDangling: false, labels: {},
};

test('image rows: repo:tag, short id, size, age and users, fitted to the width', () => {
	const columns = imageColumns(now);
	const layout = layoutColumns(columns, 80);
	assert.match(rowLine(image, layout), /^web:1\s+abcdef012345\s+5\.00MiB 2h ago\s+2$/);
	assert.equal(2 + rowLine(image, layout).length, 80);
	const narrow = layoutColumns(columns, 36).map(spec => spec.column.id);
	assert.deepEqual(narrow, ['reference', 'size'], 'containers, id and age give way first');
	const older = {...image, reference: 'old:1', createdAt: now / 1000 - 86_400 * 3, size: 1};
	assert.deepEqual(visibleRows([older, image], columns, {filter: '', sortColumn: 'created', descending: false}).map(row => row.reference), ['web:1', 'old:1'], 'newest first');
	assert.deepEqual(visibleRows([image, older], columns, {filter: 'OLD', descending: false}).map(row => row.reference), ['old:1'], 'filter is case-insensitive over any column');
});

test('history lines show age, size and the command, legacy #(nop) prefix already gone', () => {
	assert.deepEqual(historyLines([{id: 'x', createdAt: now / 1000 - 60, createdBy: 'CMD ["/bin/sh"]', size: 0, comment: ''}], now), [
		'CREATED         SIZE  CREATED BY',
		'1m ago            0B  CMD ["/bin/sh"]',
	]);
});

test('network rows list members with addresses', () => {
	const layout = layoutColumns(networkColumns, 140);
	const line = rowLine({
		id: 'n1', shortId: '0123456789ab', name: 'backend', driver: 'bridge', scope: 'local', subnets: ['10.1.0.0/24'], gateways: ['10.1.0.1'], isInternal: false, isBuiltin: false,
		containers: [{id: 'c1', name: 'api', ipv4: '10.1.0.2/24', ipv6: ''}, {id: 'c2', name: 'db', ipv4: '', ipv6: ''}], labels: {}, createdAt: '',
	}, layout);
	assert.match(line, /^backend\s+0123456789ab bridge\s+local\s+10\.1\.0\.0\/24\s+10\.1\.0\.1\s+api 10\.1\.0\.2\/24, db\s*$/);
});

test('scrolling keeps the selection on screen and never scrolls past the end', () => {
	assert.equal(scrollOffset(0, 9, 5, 20), 5);
	assert.equal(scrollOffset(5, 7, 5, 20), 5, 'no jump while the selection is visible');
	assert.equal(scrollOffset(5, 2, 5, 20), 2);
	assert.equal(scrollOffset(18, 19, 5, 6), 1, 'a shrunk list pulls the window back');
});

test('search finds lines and n/N wrap around', () => {
	const lines = ['alpha', 'beta', 'Alphabet', 'gamma'];
	assert.deepEqual(matchingLines(lines, 'alpha'), [0, 2]);
	assert.equal(nextMatch([0, 2], 0, 1), 2);
	assert.equal(nextMatch([0, 2], 2, 1), 0);
	assert.equal(nextMatch([0, 2], 0, -1), 2);
	assert.equal(nextMatch([], 0, 1), undefined);
});

test('secret-looking names are masked, others kept', () => {
	for (const name of ['DB_PASSWORD', 'passwd', 'CLIENT_SECRET', 'GITHUB_TOKEN', 'API_KEY', 'ssh_key_file']) assert.equal(isSecretName(name), true, name);
	for (const name of ['HOME', 'PATH', 'USER']) assert.equal(isSecretName(name), false, name);
	assert.equal(maskEnvEntry('API_KEY=abc=def', true), 'API_KEY=••••••');
	assert.equal(maskEnvEntry('API_KEY=abc', false), 'API_KEY=abc');
	assert.equal(maskEnvEntry('NOEQUALS', true), 'NOEQUALS');
});

test('container detail lines: processes, changes, restart policy and health probes', () => {
	assert.deepEqual(processLines({titles: ['PID', 'CMD'], processes: [['1', 'sleep 300'], ['12', 'sh']]}), ['PID  CMD', '1    sleep 300', '12   sh']);
	assert.deepEqual(processLines({titles: ['PID'], processes: []}), ['No processes (the container is not running).']);
	assert.deepEqual(changeLines([{kind: 'added', path: '/a'}, {kind: 'deleted', path: '/b'}]), ['2 changes (A added, C changed, D deleted):', 'A /a', 'D /b']);
	const lines = healthLines({restartPolicy: 'on-failure', maximumRetryCount: 3, restartCount: 1, healthStatus: 'unhealthy', failingStreak: 2, healthCheck: 'CMD-SHELL curl -f localhost', probes: [{start: 't1', exitCode: 1, output: 'refused'}]});
	assert.deepEqual(lines, [
		'Restart policy:  on-failure (at most 3 retries)',
		'Restarts so far: 1',
		'',
		'Health check:    CMD-SHELL curl -f localhost',
		'Health:          unhealthy (failing streak 2)',
		'',
		'Recent probes (newest last):',
		'  t1  exit 1',
		'    refused',
	]);
});

test('system lines and the prune-everything list', () => {
	const lines = systemLines({
		name: 'host', engineVersion: '27.1.0', engineProduct: 'Docker', apiVersion: '1.46', minApiVersion: '1.24', os: 'Debian', osType: 'linux', architecture: 'x86_64', kernel: '6.1.0', storageDriver: 'overlay2',
		cgroupVersion: '2', cgroupDriver: 'systemd', cpus: 8, memory: 16 * 1024 ** 3, containers: {total: 3, running: 1, paused: 0, stopped: 2}, images: 4, dockerRootDir: '/var/lib/docker', warnings: [],
	}, [{kind: 'images', total: 4, active: 1, size: 1000, reclaimable: 250}]);
	assert.ok(lines.includes('  Version:         Docker 27.1.0, API 1.46 (min 1.24)'));
	assert.ok(lines.includes('  Cgroups:         v2 (systemd driver)'));
	assert.ok(lines.includes('  Memory:          16.0GiB'));
	assert.ok(lines.includes('  Images              4      1      1000B  250B (25%)'));
	assert.deepEqual(pruneItems({containers: [{id: 'c', name: 'old', size: 2048}], networks: [{id: 'n', name: 'net'}], images: [], buildCacheEntries: 1, buildCacheSize: 10, reclaimable: 2058}), [
		'container  old  2.00KiB', 'network    net', 'build cache  1 entry  10B',
	]);
});

import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {cgroupDirs, isContainerCgroup, neededMountPoints, parseCgroupMounts, parseProcCgroup} from '../../source/engine/streams/cgroup-paths.js';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/cgroup/${path}`, import.meta.url), 'utf8');

test('cgroup v2, systemd driver: the one unified folder, named as a docker-<id>.scope', () => {
	const id = fixture('v2-systemd/container-id').trim();
	const mounts = parseCgroupMounts(fixture('v2-systemd/mountinfo'));
	assert.deepEqual(mounts, [{fsType: 'cgroup2', root: '/', mountPoint: '/sys/fs/cgroup', controllers: []}]);
	const dirs = cgroupDirs(2, parseProcCgroup(fixture('v2-systemd/proc-pid-cgroup')), mounts);
	assert.deepEqual(dirs, {version: 2, path: `/system.slice/docker-${id}.scope`, dir: `/sys/fs/cgroup/system.slice/docker-${id}.scope`});
	assert.equal(typeof dirs === 'object' && isContainerCgroup(dirs.path, id, 'systemd'), true);
	assert.equal(isContainerCgroup(`/system.slice/docker-${id}.scope`, id, 'cgroupfs'), false, 'the cgroupfs driver never names a scope');
	assert.equal(isContainerCgroup('/user.slice/session-1.scope', id, 'systemd'), false, 'another process');
	assert.deepEqual(neededMountPoints(2, mounts), ['/sys/fs/cgroup']);
	// The same host read as v1 (an engine that said so) finds no controllers: not guessed.
	assert.equal(neededMountPoints(1, mounts), 'no cgroup v1 cpuacct hierarchy is mounted');
});

test('cgroup v1, systemd driver on a hybrid host: cpu,cpuacct joined in one hierarchy, the unified line left alone', () => {
	const id = fixture('v1-systemd/container-id').trim();
	const mounts = parseCgroupMounts(fixture('v1-systemd/mountinfo'));
	assert.deepEqual(mounts.find(mount => mount.mountPoint === '/sys/fs/cgroup/cpu,cpuacct')?.controllers, ['cpu', 'cpuacct']);
	assert.deepEqual(mounts.find(mount => mount.mountPoint === '/sys/fs/cgroup/systemd')?.controllers, [], 'name=systemd is no controller');
	const dirs = cgroupDirs(1, parseProcCgroup(fixture('v1-systemd/proc-pid-cgroup')), mounts);
	const scope = `/system.slice/docker-${id}.scope`;
	assert.deepEqual(dirs, {version: 1, path: scope, dirs: {
		cpuacct: `/sys/fs/cgroup/cpu,cpuacct${scope}`, memory: `/sys/fs/cgroup/memory${scope}`, blkio: `/sys/fs/cgroup/blkio${scope}`, pids: `/sys/fs/cgroup/pids${scope}`,
	}});
	assert.ok(isContainerCgroup(scope, id, 'systemd'));
	assert.deepEqual(neededMountPoints(1, mounts), ['/sys/fs/cgroup/cpu,cpuacct', '/sys/fs/cgroup/memory', '/sys/fs/cgroup/blkio', '/sys/fs/cgroup/pids']);
	// As v2 it would read the unified hierarchy, which holds no controllers on this host: the engine's /info decides.
	assert.equal(typeof cgroupDirs(2, parseProcCgroup(fixture('v1-systemd/proc-pid-cgroup')), mounts), 'object');
});

test('cgroup v1, cgroupfs driver (recorded on the test machine): one mount per controller, /docker/<id>', () => {
	const id = fixture('v1-cgroupfs/container-id').trim();
	const mounts = parseCgroupMounts(fixture('v1-cgroupfs/mountinfo'));
	const dirs = cgroupDirs(1, parseProcCgroup(fixture('v1-cgroupfs/proc-pid-cgroup')), mounts);
	assert.ok(typeof dirs === 'object' && dirs.version === 1);
	assert.equal(dirs.dirs.memory, `/sys/fs/cgroup/memory/docker/${id}`);
	assert.equal(dirs.dirs.cpuacct, `/sys/fs/cgroup/cpuacct/docker/${id}`);
	assert.ok(isContainerCgroup(dirs.path, id, 'cgroupfs'));
	assert.equal(isContainerCgroup(dirs.path, id.replace(/^./, '0'), 'cgroupfs'), false);
});

test('a mount that shows only part of the hierarchy (a cgroup namespace or bind mount) is used only for paths under its root', () => {
	const mounts = parseCgroupMounts([
		'50 40 0:32 /docker/abc /sys/fs/cgroup/memory ro,nosuid - cgroup cgroup rw,memory',
		'51 40 0:33 /with\\040space /mnt/odd rw - cgroup2 cgroup2 rw',
	].join('\n'));
	assert.equal(mounts[1]?.root, '/with space');
	const lines = parseProcCgroup('4:memory:/docker/abc/sub\n3:cpuacct:/docker/abc\n2:blkio:/\n1:pids:/docker/abc\n');
	assert.equal(cgroupDirs(1, lines, mounts), 'no cgroup cpuacct mount shows /docker/abc');
	const memoryOnly = parseCgroupMounts('50 40 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n60 40 0:33 / /c rw - cgroup cgroup rw,cpuacct\n61 40 0:34 / /b rw - cgroup cgroup rw,blkio\n62 40 0:35 / /p rw - cgroup cgroup rw,pids');
	const dirs = cgroupDirs(1, lines, memoryOnly);
	assert.ok(typeof dirs === 'object' && dirs.version === 1);
	assert.equal(dirs.dirs.memory, '/sys/fs/cgroup/memory/sub');
	assert.equal(dirs.dirs.blkio, '/b');
	assert.equal(cgroupDirs(1, parseProcCgroup('4:memory:/docker/other\n3:cpuacct:/\n2:blkio:/\n1:pids:/'), memoryOnly), 'no cgroup memory mount shows /docker/other');
	assert.equal(cgroupDirs(2, lines, memoryOnly), 'its /proc/<pid>/cgroup has no cgroup v2 line');
});

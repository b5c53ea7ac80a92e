// The pure parts of changing containers and managing plugins: the update
// form's values read back into a change, sizes as `docker update` reads them,
// the copy progress line, settings from an inspect, and plugins from the
// engine's own JSON (whose interface types are strings, not the documented objects).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {toSettings, updateBody, type ContainerSettings} from '../../source/engine/resources/container-settings.js';
import {parseSettings, splitPluginName, toPlugin} from '../../source/engine/resources/plugins.js';
import {changeWords, parseBytes, progressText, settingsChange, updateFields} from '../../source/features/containers/change-forms.js';
import {formValues} from '../../source/hooks/use-form.js';

const none: ContainerSettings = {name: 'api', cpus: 0, memory: 0, memorySwap: 0, pidsLimit: 0, restartPolicy: 'no', maximumRetryCount: 0, stopSeconds: 10, hasOwnStopTimeout: false, stopSignal: 'SIGTERM'};

test('sizes read as docker update reads them: binary units, with or without iB', () => {
	assert.equal(parseBytes('256m', 'Memory'), 256 * 1024 ** 2);
	assert.equal(parseBytes('1.5g', 'Memory'), 1.5 * 1024 ** 3);
	assert.equal(parseBytes('64MiB', 'Memory'), 64 * 1024 ** 2);
	assert.equal(parseBytes('2GB', 'Memory'), 2 * 1024 ** 3);
	assert.equal(parseBytes('1048576', 'Memory'), 1024 ** 2);
	assert.match(String(parseBytes('lots', 'Memory')), /^Memory: "lots" is not a size/);
});

test('the update form shows the current values, and unchanged values send nothing', () => {
	const current = {...none, cpus: 1.5, memory: 2 * 1024 ** 3, memorySwap: -1, pidsLimit: 200, restartPolicy: 'on-failure', maximumRetryCount: 3} satisfies ContainerSettings;
	const values = formValues(updateFields(current));
	assert.deepEqual(values, {cpus: '1.5', memory: '2GiB', memorySwap: '-1', pids: '200', restart: 'on-failure', retries: '3'});
	assert.deepEqual(settingsChange(current, values), {});
	assert.equal(changeWords({}), '');
});

test('a change: only what differs, PIDs "no limit" as -1 in the body, retries only with on-failure', () => {
	const change = settingsChange(none, {cpus: '0.5', memory: '128m', memorySwap: '-1', pids: '', restart: 'always', retries: '5'});
	assert.deepEqual(change, {cpus: 0.5, memory: 128 * 1024 ** 2, memorySwap: -1, restart: {policy: 'always', maximumRetryCount: 0}});
	assert.deepEqual(updateBody(change as object), {NanoCpus: 500_000_000, Memory: 128 * 1024 ** 2, MemorySwap: -1, RestartPolicy: {Name: 'always', MaximumRetryCount: 0}});
	assert.equal(changeWords(change as object), 'CPUs 0.5, memory 128MiB, memory+swap unlimited, restart always');
	assert.deepEqual(updateBody({pidsLimit: 0}), {PidsLimit: -1});
	assert.deepEqual(settingsChange(none, {cpus: '', memory: '', memorySwap: '', pids: '', restart: 'on-failure', retries: '4'}), {restart: {policy: 'on-failure', maximumRetryCount: 4}});
});

test('what the engine cannot do, or what is not a value, is said in words', () => {
	assert.match(String(settingsChange({...none, memory: 1024 ** 3}, {cpus: '', memory: '', memorySwap: '', pids: '', restart: 'no', retries: '0'})), /cannot lift a memory limit/);
	assert.match(String(settingsChange({...none, cpus: 2}, {cpus: '', memory: '', memorySwap: '', pids: '', restart: 'no', retries: '0'})), /cannot lift a CPU limit/);
	assert.match(String(settingsChange(none, {cpus: 'two', memory: '', memorySwap: '', pids: '', restart: 'no', retries: '0'})), /CPUs: "two" is not a number/);
	assert.match(String(settingsChange(none, {cpus: '', memory: '1m', memorySwap: '', pids: '', restart: 'no', retries: '0'})), /no less than 6MiB/);
	assert.match(String(settingsChange(none, {cpus: '', memory: '', memorySwap: '', pids: '1.5', restart: 'no', retries: '0'})), /PIDs limit: "1.5" is not a whole number/);
});

test('settings from an inspect: the container\'s own stop timeout, else the engine\'s 10 s', () => {
	assert.deepEqual(toSettings({Name: '/web', Config: {StopTimeout: 45}, HostConfig: {NanoCpus: 2e9, Memory: 1024, MemorySwap: -1, PidsLimit: null, RestartPolicy: {Name: 'unless-stopped', MaximumRetryCount: 0}}}), {
		name: 'web', cpus: 2, memory: 1024, memorySwap: -1, pidsLimit: 0, restartPolicy: 'unless-stopped', maximumRetryCount: 0, stopSeconds: 45, hasOwnStopTimeout: true, stopSignal: 'SIGTERM',
	});
	const plain = toSettings({Name: '/db', Config: {}, HostConfig: {CpuQuota: 50_000, CpuPeriod: 100_000, RestartPolicy: {Name: ''}}});
	assert.equal(plain.cpus, 0.5);
	assert.equal(plain.stopSeconds, 10);
	assert.equal(plain.hasOwnStopTimeout, false);
	assert.equal(plain.restartPolicy, 'no');
});

test('the copy progress line: a bar for a large copy of known size, bytes so far otherwise', () => {
	assert.equal(progressText('Copying a', {bytes: 10, total: 100}, 120), 'Copying a…');
	assert.equal(progressText('Copying a', {bytes: 3 * 1024 ** 2, total: undefined}, 120), 'Copying a  3.00MiB…');
	const line = progressText('Copying a', {bytes: 5 * 1024 ** 2, total: 10 * 1024 ** 2}, 80);
	assert.match(line, /^Copying a {2}█+░+ 5\.00MiB \/ 10\.0MiB$/);
	assert.equal((line.match(/█/g) ?? []).length, (line.match(/░/g) ?? []).length);
});

test('a plugin from the engine\'s JSON: name and tag, types from "docker.volumedriver/1.0", settable settings, privileges', () => {
	const plugin = toPlugin({
		Id: 'abc', Name: 'registry:5000/team/sshfs:1.2', Enabled: true,
		Settings: {Env: ['DEBUG=0', 'FIXED=1'], Mounts: [], Devices: [{Path: '/dev/fuse'}]},
		Config: {
			Description: 'sshFS', Interface: {Types: ['docker.volumedriver/1.0', {Capability: 'logdriver'}]},
			Env: [{Name: 'DEBUG', Settable: ['value'], Value: '0', Description: 'debug'}, {Name: 'FIXED', Settable: null, Value: '1'}],
			Mounts: [{Source: '/var/lib/docker/plugins', Destination: '/mnt/state', Type: 'bind', Options: ['rbind']}],
			Network: {Type: 'host'}, Linux: {Capabilities: ['CAP_SYS_ADMIN'], AllowAllDevices: false, Devices: [{Path: '/dev/fuse'}]},
		},
	});
	assert.equal(plugin.name, 'registry:5000/team/sshfs');
	assert.equal(plugin.tag, '1.2');
	assert.deepEqual(plugin.types, ['volume', 'log']);
	assert.deepEqual(plugin.settings.map(setting => [setting.name, setting.value, setting.isSettable]), [['DEBUG', '0', true], ['FIXED', '1', false]]);
	assert.deepEqual(plugin.mounts.map(mount => `${mount.source}->${mount.destination}`), ['/var/lib/docker/plugins->/mnt/state']);
	assert.deepEqual(plugin.devices, ['/dev/fuse']);
	assert.deepEqual(plugin.privileges.map(privilege => `${privilege.name}=${privilege.values.join(',')}`), ['network=host', 'mount=/var/lib/docker/plugins', 'device=/dev/fuse', 'capabilities=CAP_SYS_ADMIN']);
	assert.deepEqual(splitPluginName('localhost:5000/x'), {name: 'localhost:5000/x', tag: ''});
});

test('plugin settings are key=value pairs, one or several', () => {
	assert.deepEqual(parseSettings('DEBUG=1  LEVEL=debug'), ['DEBUG=1', 'LEVEL=debug']);
	assert.deepEqual(parseSettings('mnt.source=/tmp/x'), ['mnt.source=/tmp/x']);
	assert.match(String(parseSettings('')), /Type a setting as key=value/);
	assert.match(String(parseSettings('DEBUG')), /"DEBUG" is not key=value/);
});

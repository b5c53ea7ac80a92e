import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {AlertList} from '../../source/features/alerts/alert-list.js';
import {AlertToast} from '../../source/features/alerts/alert-toast.js';
import {Header} from '../../source/shell/header.js';
import {checkSummary, HealthPanel} from '../../source/features/detail/health-panel.js';
import type {Alert} from '../../source/engine/alerts/alerts.js';
import {toContainerHealth} from '../../source/engine/resources/health.js';

const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
const at = (h: number, m: number, s: number) => new Date(2026, 0, 2, h, m, s).getTime();
const alert = (seq: number, kind: Alert['kind'], message: string, time: number, count = 1): Alert => ({seq, kind, containerId: `c${seq}`, name: `n${seq}`, message, time, lastTime: time, count});

test('the alert list shows time, kind and message with a repeat count, newest first as given', () => {
	const alerts = [alert(2, 'restart-loop', 'web is restarting in a loop: 3 restarts in 1 min', at(9, 0, 5)), alert(1, 'exit', 'web exited with code 1 (general error)', at(9, 0, 1), 4)];
	const {lastFrame} = render(<AlertList alerts={alerts} selectedIndex={0} offset={0} height={4} width={100} emptyText="none" />);
	const lines = plain(lastFrame()).split('\n');
	assert.equal(lines[0], '09:00:05 restarts  web is restarting in a loop: 3 restarts in 1 min');
	assert.equal(lines[1], '09:00:01 exit      web exited with code 1 (general error) (×4)');
});

test('a toast says what happened and where to look', () => {
	const {lastFrame} = render(<AlertToast alert={alert(1, 'oom', 'hog was killed: out of memory (hit its memory limit)', at(9, 1, 2))} />);
	assert.equal(plain(lastFrame()), ' ! OOM  09:01:02 hog was killed: out of memory (hit its memory limit)  (! alerts)');
});

test('the header shows unseen alerts as a badge and still fits', () => {
	const props = {endpointLabel: 'unix:///var/run/docker.sock', engineVersion: '27.0.1', apiVersion: '1.46', connection: {status: 'live'} as const, counts: {running: 2, paused: 0, stopped: 1}};
	assert.match(plain(render(<Header {...props} unseenAlerts={3} width={120} />).lastFrame()), / ! 3 +● 2 running {2}○ 1 stopped$/);
	assert.doesNotMatch(plain(render(<Header {...props} unseenAlerts={0} width={120} />).lastFrame()), /!/);
	const narrow = plain(render(<Header {...props} unseenAlerts={12} width={40} />).lastFrame());
	assert.ok(narrow.split('\n').length === 1 && narrow.includes('! 12'), narrow);
});

const raw = {
	Id: 'abc', Name: '/sick',
	Config: {Healthcheck: {Test: ['CMD-SHELL', 'curl -f localhost || exit 1'], Interval: 5e9, Timeout: 2e9, Retries: 2}},
	State: {OOMKilled: false, ExitCode: 0, Health: {Status: 'unhealthy', FailingStreak: 4, Log: [
		{Start: '2026-01-02T09:00:00.000Z', End: '2026-01-02T09:00:00.250Z', ExitCode: 0, Output: 'ok\n'},
		{Start: '2026-01-02T09:00:05.000Z', End: '2026-01-02T09:00:07.000Z', ExitCode: 1, Output: 'curl: (7) Failed to connect\u001B[2J\n'},
	]}},
};

test('the health panel shows the check, its settings and the last results, newest first, output sanitised', () => {
	const health = toContainerHealth(raw);
	assert.equal(health.config?.command, '/bin/sh -c curl -f localhost || exit 1');
	assert.equal(checkSummary(health), '/bin/sh -c curl -f localhost || exit 1 · every 5s · timeout 2s · 2 retries · start period 0s');
	const {lastFrame} = render(<HealthPanel health={health} width={100} height={8} />);
	const lines = plain(lastFrame()).split('\n');
	assert.equal(lines[0], 'Health sick  unhealthy  failing 4×');
	assert.match(lines[1] ?? '', /^Check {2}\/bin\/sh -c curl/);
	assert.equal(lines[2], 'Last results (newest first)');
	assert.match(lines[3] ?? '', /^\d\d:00:05 {2}exit 1 {3}2s {6}curl: \(7\) Failed to connect$/);
	assert.match(lines[4] ?? '', /^\d\d:00:00 {2}exit 0 {3}0\.3s {4}ok$/);
	assert.match(plain(render(<HealthPanel health={toContainerHealth({Id: 'x', Name: '/plain'})} width={80} height={5} />).lastFrame()), /plain has no health check/);
	assert.match(plain(render(<HealthPanel health={undefined} error="No such container: x" width={80} height={5} />).lastFrame()), /Health: No such container: x/);
});

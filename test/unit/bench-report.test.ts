import assert from 'node:assert/strict';
import {test} from 'node:test';
import {median, resultsMarkdown, type BenchResult, type Measurement} from '../../bench/report.js';

const monitor = (name: string, cpuSeconds: number, daemonCpuSeconds: number, firstFramesMs: number[]): Measurement => ({
	monitor: name, startupCpuSeconds: 0.5, cpuSeconds, peakRssMb: 50, sockets: 21, startupDaemonSeconds: 0.6, daemonCpuSeconds, firstFrameMs: 999, firstFramesMs,
});

const result: BenchResult = {
	count: 20, idleDaemonSeconds: 1, windowSeconds: 60, warmUpSeconds: 10, load: [2, 3],
	monitors: [
		monitor('berth (cgroup)', 0.8, 1.2, [250, 230, 410, 240, 260]),
		monitor('docker stats', 0.4, 5, [1600, 1500, 1700, 1550, 1650]),
		monitor('Node floor', 0.3, 5.2, [180, 170, 190, 175, 185]),
	],
};

test('median of an odd and an even count, none for no values', () => {
	assert.equal(median([300, 100, 200]), 200);
	assert.equal(median([4, 1, 3, 2]), 2.5);
	assert.equal(median([]), undefined);
});

test('each monitor against docker stats: the first frame as the median launch and range, the steady total with the daemon\'s extra over idle', () => {
	const markdown = resultsMarkdown([result]);
	assert.match(markdown, /\| N \| measure \| berth \(cgroup\) \| docker stats \| Node floor \| berth \(cgroup\) \/ docker stats \| Node floor \/ docker stats \|/);
	assert.match(markdown, /\| 20 \| first frame with the list, median of 5 launches \(range\), ms \| 250 \(230-410\) \| 1600 \(1500-1700\) \| 180 \(170-190\) \| 0\.16x \| 0\.11x \|/);
	assert.match(markdown, /\| 20 \| steady: own CPU s \| 0\.80 \| 0\.40 \| 0\.30 \| 2\.00x \| 0\.75x \|/);
	// (0.8 + 0.2) against (0.4 + 4), (0.3 + 4.2) against the same.
	assert.match(markdown, /\| 20 \| \*\*steady: total CPU s\*\* \(own \+ daemon extra, 60 s\) \| 1\.00 \| 4\.40 \| 4\.50 \| 0\.23x \| 1\.02x \|/);
	// Idle over the 10 s warm-up is a sixth of the 60 s window's: 0.6 - 0.17.
	assert.match(markdown, /\| 20 \| start-up: daemon extra CPU s \| 0\.43 \| 0\.43 \| 0\.43 \| 1\.00x \| 1\.00x \|/);
	assert.match(markdown, /N = 20: 2\.0 -> 3\.0/);
});

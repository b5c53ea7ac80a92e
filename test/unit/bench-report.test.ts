import assert from 'node:assert/strict';
import {test} from 'node:test';
import {median, resultsMarkdown, type Measurement} from '../../bench/report.js';

const monitor = (name: string, cpuSeconds: number, firstFramesMs: number[]): Measurement => ({monitor: name, cpuSeconds, peakRssMb: 50, sockets: 21, daemonCpuSeconds: 1, firstFrameMs: 999, firstFramesMs});

test('median of an odd and an even count, none for no values', () => {
	assert.equal(median([300, 100, 200]), 200);
	assert.equal(median([4, 1, 3, 2]), 2.5);
	assert.equal(median([]), undefined);
});

test('the first-frame row shows each monitor\'s median launch and range, not the single in-window launch', () => {
	const markdown = resultsMarkdown([{
		count: 20,
		idleDaemonSeconds: 0.1,
		berth: monitor('berth', 0.8, [250, 230, 410, 240, 260]),
		docker: monitor('docker stats', 0.4, [1600, 1500, 1700, 1550, 1650]),
		nodeFloor: monitor('Node floor', 0.3, [180, 170, 190, 175, 185]),
	}], 30);
	assert.match(markdown, /\| 20 \| first frame with the list, median of 5 launches \(range\), ms \| 250 \(230-410\) \| 1600 \(1500-1700\) \| 180 \(170-190\) \| 0\.16x \| 0\.11x \|/);
	assert.match(markdown, /\| 20 \| CPU seconds \(utime\+stime\) \| 0\.80 \| 0\.40 \| 0\.30 \| 2\.00x \| 0\.75x \|/);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {chartLines, fillGaps, resample} from '../../source/components/chart-model.js';

test('resample keeps each bucket\'s peak so a short spike survives a long window', () => {
	assert.deepEqual(resample([1, 2, 3], 5), [1, 2, 3]);
	assert.deepEqual(resample([0, 0, 90, 0, 0, 0], 3), [0, 90, 0]);
	assert.deepEqual(resample([Number.NaN, Number.NaN, 5, Number.NaN], 2), [Number.NaN, 5]);
	assert.deepEqual(resample([1, 2], 0), []);
});

test('unknown points: leading ones dropped, inner ones carry the last value; all unknown gives nothing', () => {
	assert.deepEqual(fillGaps([Number.NaN, Number.NaN, 3, Number.NaN, 5]), [3, 3, 5]);
	assert.deepEqual(fillGaps([Number.NaN]), []);
});

test('a chart fits its width and height, labels on the left, the top at least minTop', () => {
	const lines = chartLines([[0, 50, 100, 25]], {width: 30, height: 5, labelWidth: 5, format: v => `${v.toFixed(0)}%`, minTop: 100});
	assert.equal(lines.length, 5);
	for (const line of lines) assert.ok(stringWidth(line) <= 30, line);
	assert.match(lines[0] ?? '', /^100% ┤/);
	assert.match(lines.at(-1) ?? '', /^\s+0% ┤/);
});

test('values above maxTop or NaN do not break the chart; no room or no data means no chart', () => {
	const lines = chartLines([[1, 5000, Number.NaN, 2], [Number.NaN, Number.NaN]], {width: 20, height: 4, labelWidth: 4, format: v => v.toFixed(0), maxTop: 10});
	assert.equal(lines.length, 4);
	assert.match(lines[0] ?? '', /^ 10 ┤/);
	assert.deepEqual(chartLines([[1, 2]], {width: 6, height: 4, labelWidth: 4, format: String}), []);
	assert.deepEqual(chartLines([[1, 2]], {width: 40, height: 1, labelWidth: 4, format: String}), []);
	assert.deepEqual(chartLines([[Number.NaN]], {width: 40, height: 4, labelWidth: 4, format: String}), []);
});

test('a long series is squeezed into the columns there are', () => {
	const values = Array.from({length: 600}, (_, i) => i % 60);
	const lines = chartLines([values], {width: 50, height: 6, labelWidth: 6, format: v => v.toFixed(0)});
	for (const line of lines) assert.ok(stringWidth(line) <= 50, `${stringWidth(line)}: ${line}`);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {LogRows, styleRow, type LogRow} from '../../source/features/logs/log-rows.js';
import {stripSgr} from '../../source/text/sanitize.js';

const row = (overrides: Partial<LogRow>): LogRow => ({key: '0:0', mark: ' ', isStderr: false, parts: [{text: 'hello', isMatch: false}], isCursor: false, ...overrides});

test('a log row is one styled string: cursor, stderr gutter, name, timestamp, highlighted match', () => {
	const level = chalk.level;
	chalk.level = 1;
	try {
		const styled = styleRow(row({
			mark: '›', isStderr: true, isCursor: true, name: {text: 'web', color: 'magenta'}, timestamp: '2026-11-22 22:11:54.904',
			parts: [{text: 'a ', isMatch: false}, {text: 'match', isMatch: true}, {text: ' b', isMatch: false}],
		}));
		assert.equal(stripSgr(styled), '›▌web 2026-11-22 22:11:54.904 a match b');
		assert.ok(styled.includes('\u001B[31m▌'), 'stderr gutter in red');
		assert.ok(styled.includes('\u001B[35mweb'), 'name in its colour');
		assert.ok(styled.includes('\u001B[43m\u001B[30mmatch') || styled.includes('\u001B[30m\u001B[43mmatch'), 'match black on yellow');
		assert.ok(styled.includes('\u001B[1ma '), 'the cursor line is bold');
	} finally {
		chalk.level = level;
	}
});

test('rows render one per line, cut to the width', () => {
	const {lastFrame} = render(<LogRows rows={[row({parts: [{text: 'x'.repeat(150), isMatch: false}]}), row({key: '1:0', isStderr: true})]} height={3} emptyText="none" />);
	const lines = (lastFrame() ?? '').split('\n');
	assert.equal(lines[1], ' ▌hello');
	assert.equal(lines[0], `  ${'x'.repeat(97)}…`);
});

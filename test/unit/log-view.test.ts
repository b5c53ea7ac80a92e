import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {LogLine} from '../../source/engine/streams/log-lines.js';
import {buildMatcher, filterIndexes, findMatch, matchRanges, windowTop, wrapRows} from '../../source/features/logs/log-view.js';
import {buildRows} from '../../source/features/logs/log-rows-model.js';

const lines: LogLine[] = ['alpha', 'beta', 'Gamma ray', 'delta', 'epsilon', 'zeta gamma', 'eta'].map((text, i) => ({
	containerId: 'c', stream: i === 3 ? 'stderr' : 'stdout', ns: BigInt(i), timestamp: '', text, isTruncated: false,
}));

test('search is case-insensitive unless the query has capitals; plain text is literal, regex is opt-in', () => {
	assert.deepEqual(filterIndexes(lines, buildMatcher({query: 'gamma', isRegex: false}).regex!, 0), [2, 5]);
	assert.deepEqual(filterIndexes(lines, buildMatcher({query: 'Gamma', isRegex: false}).regex!, 0), [2]);
	assert.deepEqual(filterIndexes(lines, buildMatcher({query: 'a.', isRegex: false}).regex!, 0), []);
	assert.deepEqual(filterIndexes(lines, buildMatcher({query: '^(beta|eta)$', isRegex: true}).regex!, 0), [1, 6]);
	assert.match(buildMatcher({query: '(', isRegex: true}).error ?? '', /Bad regex/);
	assert.deepEqual(matchRanges('a gamma GAMMA', buildMatcher({query: 'gamma', isRegex: false}).regex!), [[2, 7], [8, 13]]);
});

test('filter context takes neighbours once, in order', () => {
	const regex = buildMatcher({query: 'gamma', isRegex: false}).regex!;
	assert.deepEqual(filterIndexes(lines, regex, 1), [1, 2, 3, 4, 5, 6]);
	assert.deepEqual(filterIndexes(lines, buildMatcher({query: 'alpha', isRegex: false}).regex!, 2), [0, 1, 2]);
});

test('n goes to older matches, N to newer ones, in the shown (filtered) order too', () => {
	const regex = buildMatcher({query: 'gamma', isRegex: false}).regex!;
	assert.equal(findMatch(lines, undefined, regex, 6, -1), 5);
	assert.equal(findMatch(lines, undefined, regex, 4, -1), 2);
	assert.equal(findMatch(lines, undefined, regex, 1, -1), undefined);
	assert.equal(findMatch(lines, undefined, regex, 3, 1), 5);
	assert.equal(findMatch(lines, [2, 4, 5], regex, 1, -1), 0);
});

test('the window keeps the cursor visible and moves as little as it can', () => {
	const one = () => 1;
	assert.equal(windowTop(100, 10, 99, 0, one), 90);
	assert.equal(windowTop(100, 10, 50, 45, one), 45);
	assert.equal(windowTop(100, 10, 40, 45, one), 40);
	assert.equal(windowTop(100, 10, 60, 45, one), 51);
	// Wrapped: lines of 3 rows each.
	assert.equal(windowTop(100, 10, 99, 0, () => 3), 97);
	assert.deepEqual(wrapRows('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
});

test('rows carry the cursor, the stderr gutter, names in a merged view and highlights', () => {
	const {rows} = buildRows({
		lines, shown: undefined, cursor: 3, mark: 1, isFollowing: false, previousTop: 0, height: 5, width: 40,
		showTimestamps: false, isWrapped: false, keepColours: true, regex: buildMatcher({query: 'eta', isRegex: false}).regex,
		names: new Map([['c', {text: 'web', color: 'cyan'}]]),
	});
	assert.deepEqual(rows.map(row => `${row.mark}${row.isStderr ? '▌' : ' '}${row.name?.text ?? ''} ${row.parts.map(p => (p.isMatch ? `[${p.text}]` : p.text)).join('')}`), [
		'  web alpha', '┃ web b[eta]', '┃ web Gamma ray', '›▌web delta', '  web epsilon',
	]);
});

test('an unwrapped row is cut to its width even when a wide character meets the edge', () => {
	const wide = ['abcdefgh数据库', '\u001B[31mabcdefgh数据库\u001B[0m', 'abcdefgh'].map((text, i): LogLine => ({
		containerId: 'c', stream: 'stdout', ns: BigInt(i), timestamp: '', text, isTruncated: false,
	}));
	// 12 columns: the cursor and gutter take 2, the text 10; Ink's own cut would give "abcdefgh数…", 11 columns.
	const {rows} = buildRows({
		lines: wide, shown: undefined, cursor: 0, mark: undefined, isFollowing: false, previousTop: 0, height: 3, width: 12,
		showTimestamps: false, isWrapped: false, keepColours: true, regex: undefined, names: undefined,
	});
	assert.deepEqual(rows.map(row => row.parts.map(part => part.text).join('')), ['abcdefgh…', '\u001B[31mabcdefgh\u001B[0m…', 'abcdefgh']);
});

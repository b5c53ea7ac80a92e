import assert from 'node:assert/strict';
import {test} from 'node:test';
import {wrapRows} from '../../source/features/logs/log-view.js';
import {sanitizeLogText, stripSgr} from '../../source/text/sanitize.js';
import {compareLines, LineSplitter, splitTimestamp, toEngineTime, toLogLine, type LogLine, type LogStream} from '../../source/engine/streams/log-lines.js';
import {LogBuffer} from '../../source/engine/streams/log-buffer.js';

const esc = '\u001B';

test('log text keeps SGR colours when asked and strips every other escape and control', () => {
	const hostile = [
		`${esc}[31mred${esc}[0m`, // SGR: kept
		`${esc}[2J${esc}[H`, // clear screen, cursor home
		`${esc}[10;10H${esc}[5A`, // cursor moves
		`${esc}]0;pwned title\u0007`, // OSC title
		`${esc}]52;c;aGVsbG8=\u0007`, // OSC 52 clipboard write
		`${esc}]8;;http://evil/${esc}\\link${esc}]8;;${esc}\\`, // OSC 8 hyperlink
		`${esc}P1$qm${esc}\\`, // DCS
		`${esc}_apc${esc}\\${esc}^pm${esc}\\`, // APC, PM
		'\u009B2J\u009D0;c1 title\u009C', // C1 CSI and OSC
		`${esc}7${esc}8${esc}c`, // save/restore cursor, full reset
		`${esc}[?1049l${esc}[?25l`, // leave alternate screen, hide cursor
		'bell\u0007 nul\u0000 del\u007F',
		`lone${esc}`,
	].join('');
	const kept = sanitizeLogText(hostile, true);
	assert.equal(kept, `${esc}[31mred${esc}[0mlinkbell nul dellone${esc}[0m`);
	assert.equal(sanitizeLogText(hostile, false), 'redlinkbell nul dellone');
	assert.equal(stripSgr(kept), 'redlinkbell nul dellone');
});

test('carriage returns and backspaces cannot hide text; tabs expand to tab stops', () => {
	assert.equal(sanitizeLogText('rm -rf /\rls      ', false), 'rm -rf / ls      ');
	assert.equal(sanitizeLogText('secret\b\b\b\b\b\bpublic', false), 'secretpublic');
	assert.equal(sanitizeLogText('crlf line\r', false), 'crlf line');
	assert.equal(sanitizeLogText('a\tb\tc', false), 'a       b       c');
	assert.equal(sanitizeLogText(`${esc}[1mab${esc}[0m\tc`, true), `${esc}[1mab${esc}[0m      c${esc}[0m`);
	assert.equal(sanitizeLogText('bidi \u202Eevil', false), 'bidi evil');
	// Only the returns that end the line go, colours among them or not: the same text either way.
	assert.equal(sanitizeLogText(`50%\r${esc}[32mdone\r${esc}[0m\r`, true), `50% ${esc}[32mdone${esc}[0m`);
	assert.equal(sanitizeLogText(`50%\r${esc}[32mdone\r${esc}[0m\r`, false), '50% done');
});

test('a combining mark after a colour code cannot join its final m when the line is wrapped', () => {
	// wrap-ansi normalises to NFC, where m + U+0301 is one character and the CSI would lose its end.
	const line = sanitizeLogText(`e${esc}[31m\u0301x${esc}[0m`, true);
	assert.equal(line, `e\u0301${esc}[31mx${esc}[0m`);
	assert.deepEqual(wrapRows(line, 10), [`\u00E9${esc}[31mx${esc}[0m`]);
});

interface Split {
	readonly text: string;
	readonly stream: LogStream;
	readonly isTruncated: boolean;
}

const collect = (into: Split[]) => (text: string, stream: LogStream, isTruncated: boolean) => into.push({text, stream, isTruncated});

test('the splitter joins lines torn across chunks and keeps stdout and stderr apart', () => {
	const lines: Split[] = [];
	const out = new LineSplitter('stdout', collect(lines));
	const err = new LineSplitter('stderr', collect(lines));
	out.write(Buffer.from('hel'));
	err.write(Buffer.from('oops\n'));
	out.write(Buffer.from('lo\nwor'));
	out.write(Buffer.from('ld\n\nlast'));
	out.end();
	assert.deepEqual(lines.map(line => [line.stream, line.text]), [
		['stderr', 'oops'], ['stdout', 'hello'], ['stdout', 'world'], ['stdout', ''], ['stdout', 'last'],
	]);
});

test('the splitter reads only the given range of a chunk, and a character torn across chunks stays whole', () => {
	const lines: Split[] = [];
	const splitter = new LineSplitter('stdout', collect(lines));
	const bytes = Buffer.from('xxone\ntwo é\nthreexx');
	splitter.write(bytes, 2, 11);
	splitter.write(bytes, 11, bytes.length - 2);
	splitter.write(Buffer.from('\n'));
	assert.deepEqual(lines.map(line => line.text), ['one', 'two é', 'three']);
});

test('a 10 MB line is capped, not held whole, and the next line is intact', () => {
	const lines: Split[] = [];
	const splitter = new LineSplitter('stdout', collect(lines), 1024);
	const chunk = Buffer.alloc(64 * 1024, 0x78);
	for (let i = 0; i < 160; i++) splitter.write(chunk);
	splitter.write(Buffer.from('\nnext\n'));
	// A long line whole inside one chunk is capped the same way.
	splitter.write(Buffer.concat([Buffer.alloc(5000, 0x79), Buffer.from('\nlast\n')]));
	assert.deepEqual(lines.map(line => [line.text.length, line.isTruncated]), [[1024, true], [4, false], [1024, true], [4, false]]);
	assert.equal(lines[1]!.text, 'next');
	assert.equal(lines[2]!.text, 'y'.repeat(1024));
});

test('invalid UTF-8 and binary bytes become harmless text', () => {
	const lines: Split[] = [];
	new LineSplitter('stdout', collect(lines)).write(Buffer.from([0x32, 0x30, 0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xc3, 0x28, 0x41, 0x0a]));
	const line = toLogLine('c1', 'stdout', lines[0]!.text);
	assert.equal(line.text, '20\uFFFD\uFFFD\uFFFD(A');
});

test('an engine line is read lazily but reads the same as splitTimestamp and the sanitiser', () => {
	const esc = '\u001B';
	const raw = `2026-11-22T22:11:54.004807943Z ${esc}]0;title\u0007${esc}[31mred${esc}[0m\tx`;
	const line = toLogLine('c1', 'stderr', raw, true);
	assert.equal(line.ns, 1_795_385_514_004_807_943n);
	assert.equal(line.timestamp, '2026-11-22T22:11:54.004807943Z');
	assert.equal(line.text, `${esc}[31mred${esc}[0m     x${esc}[0m`);
	assert.deepEqual([line.containerId, line.stream, line.isTruncated], ['c1', 'stderr', true]);
	// Not the engine's fixed width: parsed the slow way, same result.
	const short = toLogLine('c1', 'stdout', '2026-11-22T22:11:54.5Z x');
	assert.deepEqual([short.ns, short.timestamp, short.text], [1_795_385_514_500_000_000n, '2026-11-22T22:11:54.5Z', 'x']);
	const offset = toLogLine('c1', 'stdout', '2026-11-22T23:11:54.000000001+01:00 y');
	assert.equal(offset.ns, 1_795_385_514_000_000_001n);
	const lookalike = toLogLine('c1', 'stdout', '2026-11-22T22:11:54.90480794\u001BZ x');
	assert.deepEqual([lookalike.ns, lookalike.timestamp, lookalike.text], [0n, '', '2026-11-22T22:11:54.90480794 x']);
	const bare = toLogLine('c1', 'stdout', 'no timestamp at all');
	assert.deepEqual([bare.ns, bare.timestamp, bare.text], [0n, '', 'no timestamp at all']);
});

test('lines order by time, whether compared as fixed-width text or as nanoseconds', () => {
	const at = (stamp: string) => toLogLine('c', 'stdout', `${stamp} x`);
	const a = at('2026-11-22T22:11:54.999999999Z');
	const b = at('2026-11-22T22:11:55.000000000Z');
	const c = at('2026-11-22T23:11:55.000000001+01:00');
	assert.ok(compareLines(a, b) < 0 && compareLines(b, a) > 0);
	assert.equal(compareLines(a, at('2026-11-22T22:11:54.999999999Z')), 0);
	assert.ok(compareLines(c, b) > 0 && compareLines(a, c) < 0);
	// A second boundary crossed between two lines (the per-second cache must not leak).
	assert.equal(b.ns - a.ns, 1n);
});

test('timestamps: parsed to nanoseconds, split off the text, and written back for the engine', () => {
	const parsed = splitTimestamp('2026-11-22T22:11:54.904807943Z hello world');
	assert.equal(parsed.ns, 1_795_385_514_904_807_943n);
	assert.equal(parsed.timestamp, '2026-11-22T22:11:54.904807943Z');
	assert.equal(parsed.rest, 'hello world');
	assert.equal(splitTimestamp('2026-11-22T22:11:54.5Z x').ns, 1_795_385_514_500_000_000n);
	assert.equal(splitTimestamp('no timestamp').ns, 0n);
	assert.equal(toEngineTime(1_795_385_514_004_807_943n), '1795385514.004807943');
});

function line(containerId: string, ns: number, text = `${containerId}${ns}`): LogLine {
	return {containerId, stream: 'stdout', ns: BigInt(ns), timestamp: '', text, isTruncated: false};
}

test('the buffer is bounded, interleaves containers by time and detaches when older pages overflow it', () => {
	const buffer = new LogBuffer(5);
	buffer.append([line('a', 1), line('a', 3), line('a', 5)]);
	buffer.append([line('b', 2), line('b', 4), line('b', 6)]);
	assert.deepEqual(buffer.lines.map(l => l.text), ['b2', 'a3', 'b4', 'a5', 'b6']);
	buffer.prepend([line('a', 0)]);
	assert.equal(buffer.isDetached, true);
	assert.deepEqual(buffer.lines.map(l => l.text), ['a0', 'b2', 'a3', 'b4', 'a5']);
	buffer.append([line('a', 7)]);
	assert.equal(buffer.missed, 1);
	buffer.reset([line('a', 9)]);
	assert.equal(buffer.isDetached, false);
	assert.equal(buffer.append([line('a', 10), line('a', 11), line('a', 12), line('a', 13), line('a', 14)]), 1);
	assert.deepEqual(buffer.lines.map(l => l.text), ['a10', 'a11', 'a12', 'a13', 'a14']);
});

test('a late batch merges into a large buffer without overflowing the call stack', () => {
	const buffer = new LogBuffer(300_000);
	buffer.append(Array.from({length: 250_000}, (_, i) => line('a', 2 * i + 2, '')));
	// Older than everything held: the whole buffer is the merged tail.
	buffer.append([line('b', 1, 'first'), line('b', 3, 'third')]);
	assert.equal(buffer.size, 250_002);
	assert.deepEqual(buffer.lines.slice(0, 4).map(l => Number(l.ns)), [1, 2, 3, 4]);
});

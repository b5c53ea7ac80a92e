// The log engine layer against the real daemon: follow, paging back, TTY vs multiplexed streams.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {readHistory} from '../../source/engine/streams/log-history.js';
import {splitTimestamp, type LogLine} from '../../source/engine/streams/log-lines.js';
import {hasTty, streamLogs} from '../../source/engine/streams/logs.js';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {engineFixture} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture({labels: {'berth.test': 'logs'}, defaults: {Tty: false}});
async function collect(id: string, tail: number | 'all', until?: (lines: LogLine[]) => boolean): Promise<LogLine[]> {
	const controller = new AbortController();
	const lines: LogLine[] = [];
	const timeout = setTimeout(() => controller.abort(), 20_000);
	await streamLogs(docker, id, {tail, follow: Boolean(until)}, {
		signal: controller.signal,
		onLines(batch) {
			lines.push(...batch);
			if (until?.(lines)) controller.abort();
		},
	});
	clearTimeout(timeout);
	return lines;
}

engineTestHooks({host, cleanup});

test('follow: starts on the last N lines and delivers new ones as they are written, stderr marked', async () => {
	const container = await run(`follow-${process.pid}`, ['sh', '-c', 'i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.05; done']);
	// Let some history build up, then start following with a short tail.
	await collect(container.id, 'all', lines => lines.some(line => line.text === 'out 30'));
	const lines = await collect(container.id, 4, seen => seen.some(line => line.text === 'out 60'));
	assert.equal(lines.length > 4, true);
	const first = lines[0]!.text;
	assert.match(first, /^(out|err) (2\d|3\d|4\d)$/, 'starts at the tail, not the beginning');
	assert.ok(lines.some(line => line.stream === 'stderr' && line.text.startsWith('err ')));
	assert.ok(lines.every(line => (line.stream === 'stderr') === line.text.startsWith('err ')));
	// Each stream's lines come in time order. Across the two streams the engine
	// stamps a line before it takes the log file's lock, so an 'out' and an 'err'
	// written at the same moment can land a few microseconds out of order.
	for (const stream of ['stdout', 'stderr'] as const) {
		const own = lines.filter(line => line.stream === stream);
		for (let i = 1; i < own.length; i++) assert.ok(own[i]!.ns >= own[i - 1]!.ns, `${stream} timestamps ascend`);
	}
});

test('paging back: the pages before the tail join up exactly, down to the first line', async () => {
	const container = await run(`paging-${process.pid}`, ['sh', '-c', 'seq 1 2500; sleep 3600']);
	await collect(container.id, 'all', lines => lines.some(line => line.text === '2500'));
	const tail = await collect(container.id, 1000);
	assert.deepEqual([tail[0]?.text, tail.at(-1)?.text], ['1501', '2500']);
	const created = splitTimestamp(`${(await container.inspect()).Created} `).ns;
	const seen = tail.map(line => line.text);
	let first = tail[0]!;
	let atBoundary = tail.filter(line => line.ns === first.ns).length;
	for (let round = 0; round < 5; round++) {
		const page = await readHistory(docker, [{containerId: container.id, isTty: false, beforeNs: first.ns, loadedAtBoundary: atBoundary, floorNs: created, windowNs: 1_000_000_000n}], 1000, new AbortController().signal);
		seen.unshift(...page.lines.map(line => line.text));
		if (page.exhausted.has(container.id)) break;
		first = page.lines[0]!;
		atBoundary = page.lines.filter(line => line.ns === first.ns).length;
	}
	assert.deepEqual(seen, Array.from({length: 2500}, (_, i) => String(i + 1)));
});

test('a TTY container is read raw (no demux): colours kept, all lines on stdout, CRLF gone', async () => {
	const container = await run(`tty-${process.pid}`, ['sh', '-c', 'printf "\\033[32mgreen\\033[0m\\n"; echo to-stderr >&2; echo done; sleep 3600'], {Tty: true});
	assert.equal(await hasTty(docker, container.id), true);
	const lines = await collect(container.id, 'all', seen => seen.some(line => line.text === 'done'));
	assert.deepEqual(lines.map(line => [line.stream, line.text]), [
		['stdout', '\u001B[32mgreen\u001B[0m'], ['stdout', 'to-stderr'], ['stdout', 'done'],
	]);
	assert.ok(lines.every(line => line.ns > 0n));
});

test('a 10 MB line and binary output neither hang nor break the lines after them', async () => {
	const container = await run(`huge-${process.pid}`, ['sh', '-c', 'head -c 10485760 /dev/zero | tr "\\0" x; echo; head -c 4096 /dev/urandom; echo; echo after-the-flood; sleep 3600']);
	const started = Date.now();
	const lines = await collect(container.id, 'all', seen => seen.some(line => line.text === 'after-the-flood'));
	assert.ok(Date.now() - started < 20_000);
	const huge = lines[0]!;
	assert.equal(huge.isTruncated, true);
	assert.ok(huge.text.length <= 16 * 1024 && huge.text.startsWith('xxxx'));
	assert.equal(lines.at(-1)!.text, 'after-the-flood');
	assert.ok(lines.every(line => !/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(line.text.replace(/\u001B\[[0-9;:]*m/g, ''))));
});

test('lines that come faster than a flush can hold are skipped oldest first, and each batch says how many', async () => {
	const container = await run(`outrun-${process.pid}`, ['seq', '1', '5000']);
	await container.wait();
	const delivered: LogLine[] = [];
	let skipped = 0;
	// A flush far longer than the read: every line waits for the one flush at the end, which holds 100.
	const result = await streamLogs(docker, container.id, {tail: 'all', follow: false}, {
		signal: new AbortController().signal,
		maxPending: 100,
		flushMs: 60_000,
		onLines(batch, skippedNow) {
			delivered.push(...batch);
			skipped += skippedNow;
		},
	});
	assert.deepEqual(delivered.map(line => line.text), Array.from({length: 100}, (_, i) => String(4901 + i)));
	assert.equal(skipped, 4900);
	assert.equal(result.dropped, 4900);
});

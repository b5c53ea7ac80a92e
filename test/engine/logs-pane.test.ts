// The logs pane end to end: the real binary in a pseudo-terminal against the test engine.
import assert from 'node:assert/strict';
import {readFile, rm} from 'node:fs/promises';
import {test} from 'node:test';
import type Docker from 'dockerode';
import {engineTestHooks} from '../helpers/engine-hooks.js';
import {startTerm, type Term} from '../helpers/term.js';
import {engineFixture, waitFor} from '../helpers/test-engine.js';

const {host, docker, run, cleanup} = engineFixture({labels: {'berth.test': 'logs-pane'}, defaults: {Tty: false}});
let term: Term | undefined;

async function logLines(container: Docker.Container): Promise<number> {
	const raw = await container.logs({stdout: true, stderr: true});
	return raw.toString('latin1').split('\n').length - 1;
}
function typeText(t: Term, text: string): void {
	for (const char of text) t.press(char);
}
/** Starts berth, narrows the containers list to `filter` and opens logs with `key` (after marking with space if asked). */
async function openLogs(filter: string, options: {rows?: number; cols?: number; expect?: number; mark?: boolean} = {}): Promise<Term> {
	term = startTerm({args: ['--host', host], cols: options.cols ?? 120, rows: options.rows ?? 24});
	const t = term;
	await t.waitForText(filter);
	t.press('/');
	await t.waitForText('Enter keep');
	typeText(t, filter);
	await t.waitForText(new RegExp(`Containers ${options.expect ?? 1}/`));
	t.press('enter');
	await t.waitForNoText('Enter keep');
	if (options.mark) {
		for (let i = 1; i <= (options.expect ?? 1); i++) {
			t.press(' ');
			await t.waitForText(new RegExp(`(●\\*${filter}.*\\n[^]*){${i}}`));
		}
	}
	t.press('l');
	await t.waitForText(/Logs /);
	return t;
}

engineTestHooks({host, cleanup, afterEach() {
	term?.kill();
	term = undefined;
}});

test('l opens the log on its tail and follows; stderr has a gutter mark; t shows timestamps; scrolling pauses, End resumes', async () => {
	const name = `follow-${process.pid}`;
	await run(name, 'i=0; while true; do echo "tick $i"; echo "oops $i" >&2; i=$((i+1)); sleep 0.3; done');
	const t = await openLogs(name);
	await t.waitForText(/following/);
	await t.waitForText(/ {2}tick [3-9]\n/);
	await t.waitForText(/ ▌oops \d+/);
	t.press('t');
	await t.waitForText(/ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} tick \d+/);
	t.press('k');
	await t.waitForText(/paused at/);
	const frozen = /›.(?:\S+ \S+ )?(tick|oops) \d+/.exec(t.screen())?.[0];
	assert.ok(frozen, 'a cursor marks the line where the view paused');
	// The help overlay covers the view but does not reset it.
	t.press('?');
	await t.waitForText('Keys: Logs');
	t.press('?');
	await t.waitForNoText('Keys: Logs');
	await t.waitForText(/paused at/);
	assert.ok(t.screen().includes(frozen), 'the paused view comes back where it was');
	t.press('G');
	await t.waitForText(/following/);
	await t.waitForNoText('›');
});

test('a container removed while its log is open keeps its name in the title, and its lines stay', async () => {
	const name = `vanish-${process.pid}`;
	const container = await run(name, 'echo "last words"; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText('last words');
	await container.remove({force: true});
	await t.waitForText(/stream ended/);
	assert.match(t.screen(), new RegExp(`Logs ${name}`));
	assert.match(t.screen(), /last words/);
});

test('scrolling above the first loaded line loads the earlier pages, down to the first line', async () => {
	const name = `paging-${process.pid}`;
	const container = await run(name, 'seq 1 3000; sleep 3600');
	await waitFor(async () => (await logLines(container)) >= 3000, {what: '3000 lines logged'});
	const t = await openLogs(name);
	await t.waitForText(/ {2}3000\n/);
	await t.waitForText('1,000 lines');
	t.press('g');
	await t.waitForText(/› 2001\n/);
	t.press('k');
	await t.waitForText('Loaded 1000 older lines.');
	await t.waitForText('2,000 lines');
	t.press('g');
	await t.waitForText(/› 1001\n/);
	t.press('k');
	await t.waitForText('3,000 lines');
	t.press('g');
	await t.waitForText(/› 1\n {2}2\n {2}3\n/);
	t.press('k');
	await t.waitForText('This is the start of the log.');
});

test('a search finds a match 10 000 lines above the tail by reading older pages; n and N move between matches', async () => {
	const name = `search-${process.pid}`;
	const container = await run(name, 'echo "needle one"; echo "needle two"; seq 1 11000; echo "needle three"; seq 1 20; sleep 3600');
	await waitFor(async () => (await logLines(container)) >= 11023, {what: '11023 lines logged'});
	const t = await openLogs(name);
	await t.waitForText(/ {2}20\n/);
	t.press('/');
	typeText(t, 'NEEDLE'.toLowerCase());
	await t.waitForText(/› needle three/);
	t.press('enter');
	t.press('n');
	await t.waitForText(/Searching older logs|Found after reading/);
	await t.waitForText(/› needle two/, {timeoutMs: 20_000});
	await t.waitForText(/Found after reading [\d,]+ older lines/);
	t.press('n');
	await t.waitForText(/› needle one/);
	t.press('N');
	await t.waitForText(/› needle two/);
	t.press('t');
	await t.waitForText(/› \d{4}-\d\d-\d\d \S+ needle two/);
});

test('a search that finds its match replaces the "no match" of a search in another container\'s log', async () => {
	const stamp = `verdict-${process.pid}`;
	await run(`${stamp}-a`, 'echo "alpha line"; sleep 3600');
	await run(`${stamp}-b`, 'echo "bravo line"; sleep 3600');
	const t = await openLogs(`${stamp}-a`);
	await t.waitForText('alpha line');
	t.press('/');
	typeText(t, 'bravo');
	t.press('enter');
	await t.waitForText('No match in the whole log.');
	// Back to the list, narrowed to the other container, and into its log.
	t.press('escape');
	await t.waitForNoText(/Logs /);
	t.press('/');
	await t.waitForText('Enter keep');
	t.press('backspace');
	typeText(t, 'b');
	await t.waitForText(/Containers 1\//);
	t.press('enter');
	await t.waitForNoText('Enter keep');
	t.press('l');
	await t.waitForText(`Logs ${stamp}-b`);
	await t.waitForText('bravo line');
	t.press('/');
	typeText(t, 'bravo');
	t.press('enter');
	await t.waitForText(/search "bravo"/);
	await t.waitForText(/› bravo line/);
	await t.waitForNoText('No match in the whole log.');
});

test('filter shows only matching lines, with context on c; Esc shows everything again', async () => {
	const name = `filter-${process.pid}`;
	await run(name, 'for i in 1 2 3 4 5 6 7 8 9; do echo "line $i"; done; echo "match here"; for i in 1 2 3 4 5 6 7 8 9; do echo "after $i"; done; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText('after 9');
	t.press('f');
	typeText(t, 'match');
	t.press('enter');
	await t.waitForNoText('after 9');
	assert.match(t.screen(), /match here/);
	assert.doesNotMatch(t.screen(), /line 9/);
	t.press('c');
	await t.waitForText(/ {2}line 8\n {2}line 9\n {2}match here\n {2}after 1\n {2}after 2\n/);
	t.press('escape');
	await t.waitForText('after 9');
	await t.waitForText('line 1');
});

test('merged logs: containers marked with space interleave by time, each line named', async () => {
	const stamp = `merge-${process.pid}`;
	const first = await run(`${stamp}-a`, 'for i in 1 2 3 4; do echo "a$i"; sleep 0.6; done; sleep 3600');
	// Started apart, so the two containers' lines interleave rather than tie.
	await new Promise(resolve => setTimeout(resolve, 300));
	const second = await run(`${stamp}-b`, 'for i in 1 2 3 4; do echo "b$i"; sleep 0.6; done; sleep 3600');
	await waitFor(async () => (await logLines(first)) >= 4 && (await logLines(second)) >= 4, {what: 'both containers to log their four lines'});
	const t = await openLogs(stamp, {expect: 2, mark: true});
	// The expected order is the engine's own timestamps, merged.
	const stamped: Array<[string, string]> = [];
	for (const suffix of ['a', 'b']) {
		const raw = await docker.getContainer(`${stamp}-${suffix}`).logs({stdout: true, timestamps: true});
		for (const match of raw.toString('latin1').matchAll(/(\S+Z) ([ab]\d)/g)) stamped.push([match[1]!, `${stamp}-${suffix} ${match[2]}`]);
	}
	stamped.sort((x, y) => (x[0] < y[0] ? -1 : 1));
	assert.equal(stamped.length, 8);
	await t.waitForText(new RegExp(stamped.map(([, text]) => text).join('\\n {2}')));
	const a = `${stamp}-a`;
	const b = `${stamp}-b`;
	t.press('f');
	typeText(t, '3');
	t.press('enter');
	await t.waitForText(new RegExp(`${a} a3\\n {2}${b} b3\\n\\s*\\n`));
});

test('y copies the line and Y the container ID through OSC 52; S saves the loaded lines to a file', async () => {
	const name = `copy-${process.pid}`;
	const container = await run(name, 'echo "first line"; echo "copy-me-123"; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText('copy-me-123');
	t.press('y');
	await t.waitForText('Copied the line to the clipboard.');
	const payload = (text: string) => `\u001B]52;c;${Buffer.from(text).toString('base64')}\u0007`;
	assert.ok(t.raw().includes(payload('copy-me-123')), 'OSC 52 with the line, base64');
	t.press('Y');
	await t.waitForText('Copied the container ID');
	assert.ok(t.raw().includes(payload(container.id)));
	t.press('k');
	t.press('v');
	t.press('j');
	t.press('y');
	await t.waitForText('Copied 2 lines');
	assert.ok(t.raw().includes(payload('first line\ncopy-me-123')));

	const path = `/tmp/berth-save-${process.pid}.log`;
	await rm(path, {force: true});
	t.press('S');
	await t.waitForText('save to:');
	t.press('\u0015');
	typeText(t, path);
	t.press('enter');
	await t.waitForText(`Wrote 2 lines to ${path}`);
	assert.equal(await readFile(path, 'utf8'), 'first line\ncopy-me-123\n');
	await rm(path, {force: true});
});

test('a log full of escape sequences cannot move the cursor, clear the screen, retitle the terminal or leave the alternate screen', async () => {
	const name = `hostile-${process.pid}`;
	const hostile = [
		'before',
		'\u001B[2J\u001B[Hcleared\u001B[10;5Hmoved',
		'\u001B]0;pwned-title\u0007title',
		'\u001B]52;c;cHduZWQ=\u0007clip',
		'\u001B]8;;http://evil.example/\u001B\\link\u001B]8;;\u001B\\',
		'\u001B[?1049l\u001B[?25h\u001B[?1000h\u001B[4hmodes',
		'\u001BP1$qm\u001B\\\u001B_apc\u001B\\\u001B^pm\u001B\\dcs\u009B2J\u009D0;c1\u009C',
		'safe\rEVIL',
		'\u001B[31mred\u001B[0m after',
		'',
	].join('\n');
	// Through base64 so the shell cannot reinterpret a single byte.
	const script = `echo ${Buffer.from(hostile).toString('base64')} | base64 -d; echo after-all; sleep 3600`;
	await run(name, script);
	const t = await openLogs(name);
	await t.waitForText('after-all');
	const screen = t.screen();
	assert.match(screen, / {2}before\n {2}clearedmoved\n {2}title\n {2}clip\n {2}link\n {2}modes\n {2}dcs\n {2}safe EVIL\n {2}red after\n {2}after-all/);
	assert.match(screen, /^berth /, 'the header is still on the first row');
	assert.equal(t.isAlternateScreen(), true);
	assert.equal(t.isCursorHidden(), true);
	assert.doesNotMatch(t.title(), /pwned/);
	assert.equal(t.modes().mouseTrackingMode, 'none');
	assert.equal(t.modes().insertMode, false);
	assert.ok(!t.raw().includes('cHduZWQ='), 'the clipboard sequence never reaches the terminal');
	assert.ok(!t.raw().includes('evil.example'));
});

test('w wraps a long line onto several rows and back; a 10 MB line opens without hanging', async () => {
	const name = `wrap-${process.pid}`;
	await run(name, 'printf "%s" "start-"; i=0; while [ $i -lt 30 ]; do printf "0123456789"; i=$((i+1)); done; echo "-end"; head -c 10485760 /dev/zero | tr "\\0" y; echo; echo after-huge; sleep 3600');
	const t = await openLogs(name, {cols: 100});
	await t.waitForText('after-huge');
	assert.doesNotMatch(t.screen(), /-end/, 'cut at the edge when not wrapping');
	t.press('w');
	// Following: the end of the capped 10 MB line fills the rows above the last line.
	await t.waitForText(/yyyy …\[cut\]\n {2}after-huge/);
	t.press('g');
	await t.waitForText(/› start-0123456789.*\n( {2}\d+\n)* {2}\d*-end\n/);
	t.press('w');
	await t.waitForNoText('-end');
	await t.waitForText(/› start-0123456789/);
});

test('L opens the merged logs of the selected container\'s compose project', async () => {
	const project = `proj${process.pid}`;
	for (const service of ['web', 'db']) {
		const container = await docker.createContainer({
			name: `${project}-${service}-1`, Image: 'berth-test/busybox:latest', Cmd: ['sh', '-c', `echo hello from ${service}; sleep 3600`],
			Labels: {'berth.test': 'logs-pane', 'com.docker.compose.project': project, 'com.docker.compose.service': service},
		});
		await container.start();
	}
	term = startTerm({args: ['--host', host], cols: 120, rows: 24});
	const t = term;
	await t.waitForText(`${project}-web-1`);
	t.press('/');
	await t.waitForText('Enter keep');
	typeText(t, `${project}-web`);
	await t.waitForText(/Containers 1\//);
	t.press('enter');
	await t.waitForNoText('Enter keep');
	t.press('L');
	await t.waitForText(new RegExp(`${project}-web-1 hello from web`));
	await t.waitForText(new RegExp(`${project}-db-1 +hello from db`));
});

test('T cycles the lines a log opens on: 1000, 5000, 20000, all, 200', async () => {
	const name = `tail-${process.pid}`;
	await run(name, 'seq 1 3000; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText(/ {2}3000\n/);
	await t.waitForText(/1,000 lines · since all · tail 1000/);
	for (const next of ['5000', '20000', 'all']) {
		t.press('T');
		await t.waitForText(new RegExp(`3,000 lines.* · tail ${next}`));
	}
	t.press('T');
	await t.waitForText(/200 lines · since all · tail 200/);
	assert.match(t.screen(), / {2}3000\n/, 'still on the newest line');
});

test('s narrows the log to the last 5m, 1h, 24h and back to all', async () => {
	const name = `since-${process.pid}`;
	await run(name, 'seq 1 3000; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText(/1,000 lines · since all/);
	// Every line is minutes old at most, so each window still holds the tail; a since the engine refused would show an error.
	for (const label of ['5m', '1h', '24h', 'all']) {
		t.press('s');
		await t.waitForText(new RegExp(`1,000 lines · since ${label} · tail 1000`));
		await t.waitForText(/ {2}3000\n/);
		assert.doesNotMatch(t.screen(), /Could not read/);
	}
});

test('C drops the log\'s own colours and brings them back', async () => {
	const name = `colour-${process.pid}`;
	await run(name, 'printf "\\033[31mred words\\033[0m plain\\n"; sleep 3600');
	const t = await openLogs(name);
	await t.waitForText('red words plain');
	assert.equal(t.colourOf('red words'), 1, 'kept: red (palette 1)');
	t.press('C');
	await t.waitForText('no colours');
	assert.equal(t.colourOf('red words'), 'default');
	t.press('C');
	await t.waitForNoText('no colours');
	assert.equal(t.colourOf('red words'), 1);
});

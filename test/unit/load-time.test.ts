// berth's start-up snapshot (scripts/snapshot.mjs) keeps whatever its modules did
// as they loaded, at install, on the machine that built it: a time read then, an
// environment variable, a terminal's colours, an open file or socket, a timer, an
// Intl object (which V8 cannot even put into a snapshot). This test builds the
// bundle as the build does (unminified, so each line says its module), loads it as
// a snapshot's entry with every such call recorded (test/unit/load-time-probe.cjs),
// and fails on any made while the modules load.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, test} from 'node:test';
import {bundle} from '../../scripts/bundle.mjs';

// What may be read as a module loads: measured again in each run that starts from
// the snapshot, or kept from the build and harmless to berth. Each names the module and what.
const allowed: ReadonlyArray<readonly [module: RegExp, what: RegExp, why: string]> = [
	[/^node_modules\/chalk\//, /^(process\.env\.|tty\.isatty)/, 'measured again as each run starts (patches/chalk+*.patch; dependency-patches.test.ts)'],
	[/^node_modules\/is-in-ci\//, /^process\.env\./, 'measured again as each run starts (patches/is-in-ci+*.patch; dependency-patches.test.ts)'],
	[/^node_modules\/ansi-escapes\//, /^process\.env\.(TERM_PROGRAM|TERM|TMUX)$/, 'only choose Apple Terminal\'s cursor save and tmux\'s OSC wrapping, which neither Ink nor berth sends'],
	[/^node_modules\/(stack-utils\/|ink\/build\/components\/ErrorOverview)/, /^process\.cwd\(\)$/, 'only shortens file paths in the overview Ink shows when a component throws'],
	[/^node_modules\/meow\//, /^process\.env\.YARGS_MIN_NODE_VERSION$/, 'yargs-parser\'s own Node version check, kept at its default (20, as berth needs)'],
	[/^node_modules\/readable-stream\//, /^process\.env\.READABLE_STREAM$/, 'a switch to Node\'s own streams that berth never sets'],
];

const scratch = mkdtempSync(join(tmpdir(), 'berth-load-time-'));
after(() => rmSync(scratch, {recursive: true, force: true}));

/** The module each line of an unminified esbuild bundle belongs to, from the comments and keys esbuild puts before each. */
function modulesByLine(source: string): string[] {
	let current = '(bundle)';
	return source.split('\n').map(line => {
		const name = /^\s*\/\/ ((?:node_modules|source)\/\S+)$/.exec(line)?.[1] ?? /^\s*"((?:node_modules|source)\/[^"]+)"\(/.exec(line)?.[1];
		if (name) current = name;
		return current;
	});
}

test('no module measures or opens anything as it loads that the start-up snapshot would keep', {timeout: 120_000}, async () => {
	const bundlePath = join(scratch, 'berth.cjs');
	const reportPath = join(scratch, 'report.json');
	await bundle({outfile: bundlePath, minify: false});
	const probe = spawnSync(process.execPath, ['--no-warnings', '--snapshot-blob', join(scratch, 'probe.blob'), '--build-snapshot', resolve('test/unit/load-time-probe.cjs')], {
		env: {PATH: process.env['PATH'] ?? '', PROBE_BUNDLE: bundlePath, PROBE_REPORT: reportPath},
		encoding: 'utf8',
		timeout: 100_000,
	});
	assert.equal(probe.status, 0, probe.stderr);
	const modules = modulesByLine(readFileSync(bundlePath, 'utf8'));
	const records = JSON.parse(readFileSync(reportPath, 'utf8')) as Array<{what: string; line: number}>;
	const found = records.map(({what, line}) => ({what, module: modules[line - 1] ?? '(outside the bundle)'}));
	const frozen = [...new Set(found.filter(({what, module}) => !allowed.some(([modulePattern, whatPattern]) => modulePattern.test(module) && whatPattern.test(what))).map(({what, module}) => `${what} in ${module}`))];
	assert.deepEqual(frozen, [], `made while the modules load, and kept by the snapshot:\n${frozen.join('\n')}`);
	assert.ok(found.some(({module}) => module.startsWith('node_modules/chalk/')), 'the probe records what it should (chalk reads the environment as it loads)');
});

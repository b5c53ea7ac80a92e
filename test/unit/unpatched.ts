// The dependencies' own text, before berth's patches (patches/*.patch, applied on
// install): a dependency file with its patch taken back out by `git apply -R`,
// written beside the patched one so that its relative and package imports resolve
// as they do for the patched file. For tests that compare patched with upstream.
import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {basename, dirname, join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

const written: string[] = [];

/** Imports the upstream version of `file` (a path under node_modules, e.g. 'node_modules/ink/build/output.js'). */
export async function importUnpatched<T>(file: string): Promise<T> {
	const [name] = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.slice(1) ?? [];
	if (!name) throw new Error(`${file} is not under node_modules/`);
	const prefix = `${name.replace('/', '+')}+`;
	const patch = readdirSync('patches').find(entry => entry.startsWith(prefix) && entry.endsWith('.patch'));
	if (!patch) throw new Error(`no patch for ${name} in patches/`);
	const scratch = mkdtempSync(join(tmpdir(), 'berth-unpatched-'));
	try {
		// patch-package diffs with --ignore-space-at-eol, so a file whose upstream
		// version has no final newline is written without one, though its diff
		// does not say so; git apply is strict about it.
		const text = readFileSync(file, 'utf8');
		mkdirSync(dirname(join(scratch, file)), {recursive: true});
		writeFileSync(join(scratch, file), text.endsWith('\n') ? text : `${text}\n`);
		execFileSync('git', ['apply', '-R', `--include=${file}`, resolve('patches', patch)], {cwd: scratch, stdio: 'pipe'});
		const beside = join(dirname(file), `berth-unpatched-${process.pid}-${basename(file)}`);
		writeFileSync(beside, readFileSync(join(scratch, file)));
		written.push(beside);
		return (await import(pathToFileURL(resolve(beside)).href)) as T;
	} finally {
		rmSync(scratch, {recursive: true, force: true});
	}
}

/** Removes the files importUnpatched wrote (call from after()). */
export function removeUnpatched(): void {
	for (const file of written.splice(0)) rmSync(file, {force: true});
}

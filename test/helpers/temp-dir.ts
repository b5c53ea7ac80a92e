// Folders a test makes under the system's temp folder, removed when the test
// process exits, so a run leaves nothing behind however its tests end.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const made: string[] = [];

export function tempDir(prefix: string): string {
	const directory = mkdtempSync(join(tmpdir(), prefix));
	if (made.length === 0) process.once('exit', () => {
		for (const each of made) rmSync(each, {recursive: true, force: true});
	});
	made.push(directory);
	return directory;
}

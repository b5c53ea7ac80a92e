import {readFileSync} from 'node:fs';

/** A text file's content, or '' when it is missing or unreadable: for config files ssh reads only if they exist. */
export function readIfThere(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return '';
	}
}

// Rewrites the key table in README.md from the keymap (npm run docs:keys).
import {readFileSync, writeFileSync} from 'node:fs';
import {keyTableMarkdown} from '../source/keymap.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const updated = readme.replace(/<!-- keys:start -->[\s\S]*?<!-- keys:end -->/, `<!-- keys:start -->\n${keyTableMarkdown()}\n<!-- keys:end -->`);
if (updated === readme) console.log('README.md key table already current');
else {
	writeFileSync(path, updated);
	console.log('README.md key table updated');
}

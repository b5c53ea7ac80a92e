// Rewrites the key tables in README.md from the keymap (npm run docs:keys).
import {readFileSync, writeFileSync} from 'node:fs';
import {readmeKeyTables} from '../source/keys/key-docs.js';

const path = new URL('../README.md', import.meta.url);
const readme = readFileSync(path, 'utf8');
const updated = readme.replace(/<!-- keys:start -->[\s\S]*?<!-- keys:end -->/, `<!-- keys:start -->\n${readmeKeyTables()}\n<!-- keys:end -->`);
if (updated === readme) console.log('README.md key tables already current');
else {
	writeFileSync(path, updated);
	console.log('README.md key tables updated');
}

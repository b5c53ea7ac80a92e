// dist/THIRD-PARTY-NOTICES.txt: the licence of every package whose code the
// bundle holds (the tarball and the image ship it beside the bundle), as their
// licences ask of copies. Read from the esbuild metafile's inputs.
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

/** The node_modules folder of each package the bundle's inputs come from. */
function packageFolders(metafile) {
	const folders = new Set();
	for (const input of Object.keys(metafile.inputs)) {
		const match = /^(?:.*\/)?(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
		if (match) folders.add(match[1]);
	}
	return [...folders].sort();
}

/** Writes the notices for the bundle esbuild described in `metafile`. */
export function writeNotices(metafile, outfile) {
	const sections = packageFolders(metafile).map(folder => {
		const {name, version, license} = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
		const file = readdirSync(folder).find(entry => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
		const text = file && existsSync(join(folder, file)) ? readFileSync(join(folder, file), 'utf8').trim() : `License: ${license ?? 'not stated'}`;
		return `${name}@${version}\n${'-'.repeat(`${name}@${version}`.length)}\n${text}\n`;
	});
	writeFileSync(outfile, `berth's bundle holds code from these packages, under these licences.\n\n${sections.join('\n')}`);
}

// `npm pack` (prepack/postpack): the package.json in the tarball is the one a user
// installs, so it asks for nothing at install. The bundle (dist/berth.cjs) holds
// every dependency, patches applied, so the tarball lists none; and npm counts a
// tarball's `prepare` and `postinstall` (this repository's build and patch-package)
// as install scripts to allow, though they are for working in the repository.
// `strip` writes that package.json, keeping the repository's to one side;
// `restore` puts it back.
import {existsSync, mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs';

const kept = 'node_modules/.berth-pack/package.json';
// Read only in this repository: for development, the build, or npm's policy here.
const repositoryOnly = ['scripts', 'dependencies', 'devDependencies', 'allowScripts', 'overrides'];

const step = process.argv[2];
if (step === 'strip') {
	if (existsSync(kept)) throw new Error(`${kept} is there: an earlier npm pack stopped half-way; put it back as package.json first (node scripts/pack-manifest.mjs restore)`);
	const text = readFileSync('package.json', 'utf8');
	const manifest = JSON.parse(text);
	for (const key of repositoryOnly) delete manifest[key];
	mkdirSync('node_modules/.berth-pack', {recursive: true});
	writeFileSync(kept, text);
	writeFileSync('package.json', `${JSON.stringify(manifest, undefined, 2)}\n`);
} else if (step === 'restore') {
	if (existsSync(kept)) renameSync(kept, 'package.json');
} else {
	throw new Error('usage: node scripts/pack-manifest.mjs strip|restore');
}

// `npm run image`: a container image berth:<version> holding only the executable
// (dist/berth-linux-<arch>, from `npm run package`), the shared libraries it
// loads (as ldd lists them), and the few files a process expects (/tmp, a root
// user). It is assembled as a tar and given to `docker import`, as the tests
// build their busybox: no base image is pulled. The docker CLI picks the engine
// (DOCKER_HOST, the current context).
import {spawnSync} from 'node:child_process';
import {copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';

const exe = process.env.BERTH_EXECUTABLE ?? `dist/berth-linux-${process.arch}`;
const {version} = JSON.parse(readFileSync('package.json', 'utf8'));
const tag = `berth:${version}`;

function run(command, args, options = {}) {
	const result = spawnSync(command, args, {stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], encoding: 'utf8', ...options});
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr.trim()}`);
	return result.stdout;
}

/** The files ldd says `file` loads (the loader too), by the paths it finds them at. */
function sharedLibraries(file) {
	return [...run('ldd', [file]).matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)].map(match => match[1]);
}

const root = mkdtempSync(join(tmpdir(), 'berth-image-'));
try {
	const place = (from, to = from) => {
		mkdirSync(join(root, dirname(to)), {recursive: true});
		copyFileSync(from, join(root, to));
	};
	place(exe, '/usr/local/bin/berth');
	for (const library of sharedLibraries(exe)) place(library);
	place('dist/THIRD-PARTY-NOTICES.txt', '/usr/share/doc/berth/THIRD-PARTY-NOTICES.txt');
	mkdirSync(join(root, 'tmp'));
	mkdirSync(join(root, 'root'));
	mkdirSync(join(root, 'etc'));
	// Node asks for the user's name and home when $HOME is not set (os.homedir).
	writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/usr/local/bin/berth\n');
	writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
	const tar = spawnSync('tar', ['-C', root, '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', '.'], {maxBuffer: 1 << 30});
	if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
	// One malloc arena, as dist/berth runs (scripts/launcher.sh says why); the
	// executable cannot set it for itself (source/startup/sea-flags.ts).
	const changes = ['ENV HOME=/root', 'ENV MALLOC_ARENA_MAX=1', 'WORKDIR /root', 'ENTRYPOINT ["/usr/local/bin/berth"]'];
	run('docker', ['import', ...changes.flatMap(change => ['--change', change]), '-', tag], {input: tar.stdout});
	process.stdout.write(`${tag}: ${run('docker', ['image', 'inspect', '--format', '{{.Size}}', tag]).trim()} bytes\n`);
} finally {
	rmSync(root, {recursive: true, force: true});
}

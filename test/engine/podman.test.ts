// podman's Docker-compatible API, for real: a private podman (its own storage,
// vfs, so nothing is mounted) serving the API on a socket of its own, as
// `podman system service` does for people who point DOCKER_HOST at podman.
// Containers are created, not started: podman's runtime cannot set its rlimits
// in every sandbox, and what this checks is how berth reads that API.
import assert from 'node:assert/strict';
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, before, test} from 'node:test';
import {startTerm, type Term} from '../helpers/term.js';
import {waitFor} from '../helpers/test-engine.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-podman-'));
const socket = join(dir, 'podman.sock');
const podman = (...args: string[]) => execFileSync('podman', ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs', ...args], {encoding: 'utf8'});
const name = `podman-made-${process.pid}`;
let service: ChildProcess | undefined;
let term: Term | undefined;

before(async () => {
	// The same busybox base image the docker tests use, imported into podman.
	const rootfs = join(dir, 'rootfs');
	mkdirSync(join(rootfs, 'bin'), {recursive: true});
	copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
	symlinkSync('busybox', join(rootfs, 'bin', 'sh'));
	execFileSync('bash', ['-c', `tar -C '${rootfs}' -c . | podman --root '${dir}/root' --runroot '${dir}/run' --storage-driver vfs import -c 'CMD ["/bin/sh"]' - localhost/berth-podman:latest`], {stdio: 'ignore'});
	podman('create', '--name', name, 'localhost/berth-podman:latest', 'sh');
	service = spawn('podman', ['--root', join(dir, 'root'), '--runroot', join(dir, 'run'), '--storage-driver', 'vfs', 'system', 'service', '--time=0', `unix://${socket}`], {stdio: 'ignore'});
	await waitFor(() => existsSync(socket), {timeoutMs: 15_000, what: 'podman system service to open its socket'});
});

afterEach(() => {
	term?.kill();
	term = undefined;
});

after(() => {
	service?.kill();
	rmSync(dir, {recursive: true, force: true});
});

test('berth on podman\'s Docker API: the header names Podman, the list and the images pane show what podman holds', async () => {
	const version = podman('version', '--format', '{{.Server.Version}}').trim() || podman('version', '--format', '{{.Client.Version}}').trim();
	term = startTerm({args: ['--host', `unix://${socket}`], cols: 150, rows: 20});
	const t = term;
	await t.waitForText(`· Podman ${version} · API`, {timeoutMs: 20_000});
	assert.ok(!t.screen().includes('· Docker '), t.screen());
	await t.waitForText(new RegExp(`◌ ${name} +localhost/berth-p.* Created`));
	t.press(':images\r');
	await t.waitForText(/localhost\/berth-podman:latest .* 1\s*$/m);
	t.press(':system\r');
	await t.waitForText(`Version:         Podman ${version}`);
	t.press('q');
	assert.equal((await t.exited).exitCode, 0);
});

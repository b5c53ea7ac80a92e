// In berth's single executable (scripts/package.mjs) Node reads no flags from the
// command line, and flags in NODE_OPTIONS would make it refuse the start-up
// snapshot inside (V8 checks that the snapshot was made under the same flags).
// So the V8 flags dist/berth starts node with are set as the run begins, and
// MALLOC_ARENA_MAX, which glibc reads before any JavaScript runs, by starting
// the executable once more with it in the environment. The first process only
// waits and passes signals and the exit status on.
import type * as ChildProcess from 'node:child_process';
import {createRequire} from 'node:module';
import type * as Sea from 'node:sea';
import type * as V8 from 'node:v8';

const requireBuiltin = createRequire(import.meta.url);
const relaunched = 'BERTH_SEA_RELAUNCHED';
const forwarded = ['SIGTERM', 'SIGHUP'] as const;
// Sent by the terminal to its whole foreground process group, so the relaunched
// run has them already.
const fromTerminal = ['SIGINT', 'SIGQUIT'] as const;

/**
 * Berth's flags (scripts/node-flags.mjs, put in by the bundler; none when run
 * from source) as they can be set on a running V8. The young generation's
 * largest size is fixed as V8 starts; V8 starts it at 1 MB a semi-space, so
 * keeping it from growing is the same as a largest size of 1 MB.
 */
function runtimeFlags(): string[] {
	return (process.env['BERTH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean).map(flag => (flag === '--max-semi-space-size=1' ? '--semi-space-growth-factor=1' : flag));
}

/**
 * Returns true when this process is the executable's first run and has started
 * the real one (it then only waits for it); false when berth should start here.
 */
export function relaunchWithFlags(): boolean {
	const {isSea} = requireBuiltin('node:sea') as typeof Sea;
	if (!isSea()) return false;
	if (process.env[relaunched] === '1') {
		delete process.env[relaunched];
		const flags = runtimeFlags();
		if (flags.length > 0) (requireBuiltin('node:v8') as typeof V8).setFlagsFromString(flags.join(' '));
		return false;
	}
	const {spawn} = requireBuiltin('node:child_process') as typeof ChildProcess;
	// The caller's value wins, as in scripts/launcher.sh.
	const env = {...process.env, [relaunched]: '1', MALLOC_ARENA_MAX: process.env['MALLOC_ARENA_MAX'] ?? '1'};
	const child = spawn(process.execPath, process.argv.slice(2), {stdio: 'inherit', env});
	// A signal sent to this process alone is passed on.
	for (const signal of forwarded) process.on(signal, () => child.kill(signal));
	for (const signal of fromTerminal) process.on(signal, () => {});
	child.on('error', error => {
		process.stderr.write(`berth: cannot start itself again: ${error.message}\n`);
		process.exit(1);
	});
	child.on('exit', (code, signal) => {
		if (signal) {
			for (const name of [...forwarded, ...fromTerminal]) process.removeAllListeners(name);
			process.kill(process.pid, signal);
		}
		process.exit(code ?? 1);
	});
	return true;
}

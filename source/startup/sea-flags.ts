// In berth's single executable (scripts/package.mjs) Node reads no flags from the
// command line, and V8 flags in NODE_OPTIONS would make it refuse the start-up
// snapshot inside (V8 takes a snapshot only under the flags it was made with).
// So the executable sets berth's V8 flags on the running V8 as it starts.
// MALLOC_ARENA_MAX, which glibc reads before any JavaScript runs, would need the
// executable to start itself again; measured, that second process cost more
// memory and start-up time than one arena saves (bench/results.md), so the
// executable leaves it to the caller's environment (the image sets it).
import {createRequire} from 'node:module';
import type * as Sea from 'node:sea';
import type * as V8 from 'node:v8';

const requireBuiltin = createRequire(import.meta.url);

/**
 * Berth's flags (scripts/node-flags.mjs, put in by the bundler; none when run
 * from source) as they can be set on a running V8. The young generation's
 * largest size is fixed as V8 starts; V8 starts it at 1 MB a semi-space, so
 * keeping it from growing is the same as a largest size of 1 MB.
 */
function runtimeFlags(): string[] {
	return (process.env['BERTH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean).map(flag => (flag === '--max-semi-space-size=1' ? '--semi-space-growth-factor=1' : flag));
}

/** True inside berth's single executable. (node:sea came in Node 20.12; before it there were none to be inside.) */
export function isSingleExecutable(): boolean {
	try {
		return (requireBuiltin('node:sea') as typeof Sea).isSea();
	} catch {
		return false;
	}
}

/** In the single executable: sets berth's V8 flags, which dist/berth gives node on its command line. */
export function applyExecutableFlags(): void {
	if (!isSingleExecutable()) return;
	const flags = runtimeFlags();
	if (flags.length > 0) (requireBuiltin('node:v8') as typeof V8).setFlagsFromString(flags.join(' '));
}

import Yoga from 'yoga-layout';

/**
 * Compiles yoga's WebAssembly (Ink's layout engine) now rather than at the first
 * frame, so it can happen while berth waits for the engine. Only berth's build
 * makes yoga wait (scripts/dependency-patches.mjs); elsewhere it is already running.
 */
export function startLayoutEngine(): void {
	(Yoga as unknown as {start?: () => void}).start?.();
}

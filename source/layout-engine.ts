import Yoga from 'yoga-layout';

/**
 * Compiles yoga's WebAssembly (Ink's layout engine) now rather than at the first
 * frame, so it can happen while berth waits for the engine. berth's yoga
 * (patches/yoga-layout+3.2.1.patch) otherwise waits until it is first used.
 */
export function startLayoutEngine(): void {
	(Yoga as unknown as {start?: () => void}).start?.();
}

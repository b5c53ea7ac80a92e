/** Ink's output.js source -> the patched source (see ink-output-patch.mjs). */
export function patchInkOutput(source: string): string;

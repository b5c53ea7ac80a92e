import type {Plugin} from 'esbuild';

/** A dependency file's source with berth's build-time edits for it applied. */
export function patchedSource(path: string, source: string): string;
/** The esbuild plugin applying those edits. */
export function startUpPatches(readFile: (path: string, encoding: 'utf8') => Promise<string>): Plugin;

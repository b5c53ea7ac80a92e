import type {Plugin} from 'esbuild';

/** Entries Ink's text caches may hold before they are emptied. */
export const maxInkCacheEntries: number;
/** A dependency file's source with berth's build-time edits for it applied. */
export function patchedSource(path: string, source: string): string;
/** The esbuild plugin applying those edits. */
export function dependencyPatches(readFile: (path: string, encoding: 'utf8') => Promise<string>): Plugin;

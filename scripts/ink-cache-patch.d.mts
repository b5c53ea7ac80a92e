export declare const maxEntries: number;
export declare function patchInkCaches(source: string, path: string): string | undefined;
export declare function inkCachePatch(readFile: (path: string, encoding: 'utf8') => Promise<string>): {name: string; setup(builder: unknown): void};

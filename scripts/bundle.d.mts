/** Bundles source/main.ts into `outfile`, as the build does for dist/berth.cjs. */
export function bundle(options: {outfile: string; minify: boolean; nodeFlags?: readonly string[]}): Promise<import('esbuild').Metafile>;

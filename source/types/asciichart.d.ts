// asciichart ships no types; only what berth uses is declared.
declare module 'asciichart' {
	export interface PlotConfig {
		readonly min?: number;
		readonly max?: number;
		readonly height?: number;
		readonly offset?: number;
		readonly padding?: string;
		readonly colors?: readonly string[];
		readonly format?: (value: number, index: number) => string;
		readonly symbols?: readonly string[];
	}
	export function plot(series: readonly number[] | ReadonlyArray<readonly number[]>, config?: PlotConfig): string;
	export const green: string;
	export const red: string;
	export const yellow: string;
	export const blue: string;
	export const magenta: string;
	export const cyan: string;
	export const lightgray: string;
	export const darkgray: string;
	export const reset: string;
	const asciichart: {plot: typeof plot; green: string; red: string; yellow: string; blue: string; magenta: string; cyan: string; lightgray: string; darkgray: string; reset: string};
	export default asciichart;
}

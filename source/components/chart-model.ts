import asciichart from 'asciichart';
import stringWidth from 'string-width';

export interface ChartOptions {
	/** Columns for the whole chart, labels included. */
	readonly width: number;
	/** Rows of plot. */
	readonly height: number;
	/** The axis label for a value, at most `labelWidth` columns. */
	readonly format: (value: number) => string;
	readonly labelWidth: number;
	/** The top of the axis at least this high (e.g. 100% for CPU), so a quiet container does not look busy. */
	readonly minTop?: number;
	/** The axis never goes above this (e.g. the memory limit): values above it are drawn at the top. */
	readonly maxTop?: number;
	/** ANSI colour per series, or none when colour is off. */
	readonly colors?: readonly string[];
}

/**
 * Squeezes a series into `columns` points, keeping each bucket's maximum so a
 * one-second spike still shows in a ten-minute window. NaN = unknown, kept as NaN
 * only when the whole bucket is unknown.
 */
export function resample(values: readonly number[], columns: number): number[] {
	if (columns <= 0) return [];
	if (values.length <= columns) return [...values];
	const out: number[] = [];
	for (let column = 0; column < columns; column++) {
		const from = Math.floor((column * values.length) / columns);
		const to = Math.floor(((column + 1) * values.length) / columns);
		let peak = Number.NaN;
		for (let i = from; i < to; i++) {
			const value = values[i] ?? Number.NaN;
			if (!Number.isNaN(value) && !(value <= peak)) peak = value;
		}
		out.push(peak);
	}
	return out;
}

/**
 * Unknown points (before the first sample, a restart) are not zero: leading
 * ones are dropped so the line starts where data starts, inner ones carry the
 * last known value so the line has no hole asciichart cannot draw.
 */
export function fillGaps(values: readonly number[]): number[] {
	const first = values.findIndex(value => Number.isFinite(value));
	if (first === -1) return [];
	const out: number[] = [];
	let last = values[first] ?? 0;
	for (let i = first; i < values.length; i++) {
		const value = values[i] ?? Number.NaN;
		if (Number.isFinite(value)) last = value;
		out.push(last);
	}
	return out;
}

/** Lines of an asciichart plot that fit width x height, or none when there is no data or no room. */
export function chartLines(series: ReadonlyArray<readonly number[]>, options: ChartOptions): string[] {
	// A row is the label, one column of axis, then one column per point.
	const plotWidth = options.width - options.labelWidth - 1;
	if (plotWidth < 4 || options.height < 2) return [];
	const prepared = series.map(values => fillGaps(resample(values, plotWidth))).filter(values => values.length > 0);
	if (prepared.length === 0) return [];
	let top = Math.max(options.minTop ?? 0, ...prepared.flat());
	if (options.maxTop !== undefined) top = Math.min(top, options.maxTop);
	if (!(top > 0)) top = 1;
	// Values outside [0, top] would index outside asciichart's grid.
	const clamped = prepared.map(values => values.map(value => Math.min(top, Math.max(0, value))));
	const text = asciichart.plot(clamped, {
		min: 0,
		max: top,
		height: options.height - 1,
		// asciichart puts the whole label in cell 0 and the axis in cell offset-1; with offset 2 they touch.
		offset: 2,
		...(options.colors && options.colors.length > 0 ? {colors: options.colors} : {}),
		// asciichart marks "row 0" (the top here) and the first point with ┼; a plain axis reads better.
		symbols: ['┤', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
		// A label on every row is noise: the top, the bottom and about three between.
		format: (value, row) => {
			const rows = options.height - 1;
			const step = Math.max(1, Math.ceil(rows / 4));
			if (row !== rows && row % step !== 0) return ' '.repeat(options.labelWidth);
			const label = options.format(value);
			return `${' '.repeat(Math.max(0, options.labelWidth - 1 - stringWidth(label)))}${label} `;
		},
	});
	return text.split('\n');
}

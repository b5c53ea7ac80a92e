const bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * The last `width` values as bar glyphs, newest on the right, scaled to `top`
 * (at least 100% for CPU, so an idle container reads low). Unknown = space.
 */
export function sparkline(values: readonly number[], width: number, top = 100): string {
	if (width <= 0) return '';
	const recent = values.slice(-width);
	const scale = Math.max(top, ...recent.filter(value => Number.isFinite(value)));
	let out = ' '.repeat(width - recent.length);
	for (const value of recent) {
		if (!Number.isFinite(value) || value < 0) out += ' ';
		else out += bars[Math.min(bars.length - 1, Math.floor((value / scale) * bars.length))];
	}
	return out;
}

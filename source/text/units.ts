const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes the way `docker stats` shows memory: binary units, up to 3 significant digits. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '-';
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < binaryUnits.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
	return `${value.toFixed(digits)}${binaryUnits[unit]}`;
}

export function formatPercent(percent: number | undefined): string {
	if (percent === undefined || !Number.isFinite(percent)) return '-';
	// 99.96 rounds to 100.0 at one decimal: from there on, whole numbers (as "100%", not "100.0%").
	return `${percent.toFixed(percent >= 99.95 ? 0 : 1)}%`;
}

/** "3s", "5m", "2h", "4d": a compact age for narrow columns. */
export function formatDuration(seconds: number): string {
	if (!Number.isFinite(seconds) || seconds < 0) return '-';
	if (seconds < 60) return `${Math.floor(seconds)}s`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
	if (seconds < 86_400 * 365) return `${Math.floor(seconds / 86_400)}d`;
	return `${Math.floor(seconds / (86_400 * 365))}y`;
}

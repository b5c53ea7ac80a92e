import type {HostInfo} from '../engine/resources/host-info.js';
import type {StatsSample} from '../engine/streams/stats.js';
import {formatBytes, formatPercent} from '../text/units.js';

/**
 * All containers together against the host, in the header: CPU on the docker
 * scale (100% = one CPU, so the host has NCPU x 100%), memory against MemTotal.
 */
export function hostTotalsText(stats: ReadonlyMap<string, StatsSample>, host: HostInfo | undefined, source?: string): readonly string[] {
	let cpu = 0;
	let memory = 0;
	for (const sample of stats.values()) {
		if (sample.cpuPercent !== undefined && Number.isFinite(sample.cpuPercent)) cpu += sample.cpuPercent;
		if (sample.memoryUsed !== undefined && Number.isFinite(sample.memoryUsed)) memory += sample.memoryUsed;
	}
	// Where the numbers come from ("stats: cgroup"), kept while anything else of the totals fits.
	const named = (texts: readonly string[]) => (source ? [...texts.map(text => `${text} · ${source}`), ...texts] : texts);
	if (!host) return named([`CPU ${formatPercent(cpu)} · mem ${formatBytes(memory)}`]);
	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	const usage = `CPU ${formatPercent(cpu)}/${host.cpus * 100}% · mem ${formatBytes(memory)}/${formatBytes(host.memoryBytes)}`;
	// Longest first: the header shows the first that fits.
	const full = `${usage} · ${plural(host.images, 'image')} · ${plural(host.volumes, 'volume')}`;
	return source ? [`${full} · ${source}`, `${usage} · ${source}`, usage] : [full, usage];
}

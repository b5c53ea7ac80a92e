import type {HostInfo} from '../engine/resources/host-info.js';
import type {StatsSample} from '../engine/streams/stats.js';
import {formatBytes, formatPercent} from '../text/units.js';

/**
 * All containers together against the host, in the header: CPU on the docker
 * scale (100% = one CPU, so the host has NCPU x 100%), memory against MemTotal.
 */
export function hostTotalsText(stats: ReadonlyMap<string, StatsSample>, host: HostInfo | undefined): readonly string[] {
	let cpu = 0;
	let memory = 0;
	for (const sample of stats.values()) {
		if (sample.cpuPercent !== undefined && Number.isFinite(sample.cpuPercent)) cpu += sample.cpuPercent;
		if (sample.memoryUsed !== undefined && Number.isFinite(sample.memoryUsed)) memory += sample.memoryUsed;
	}
	if (!host) return [`CPU ${formatPercent(cpu)} · mem ${formatBytes(memory)}`];
	const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
	const usage = `CPU ${formatPercent(cpu)}/${host.cpus * 100}% · mem ${formatBytes(memory)}/${formatBytes(host.memoryBytes)}`;
	// Longest first: the header shows the first that fits.
	return [`${usage} · ${plural(host.images, 'image')} · ${plural(host.volumes, 'volume')}`, usage];
}

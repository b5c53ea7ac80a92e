// The docker CLI's formulas (cli/command/container/stats_helpers.go), as pure
// functions over the engine's stats JSON so they can be tested without an engine.

export interface RawCpuStats {
	readonly cpu_usage?: {readonly total_usage?: number; readonly percpu_usage?: readonly number[] | null};
	readonly system_cpu_usage?: number;
	readonly online_cpus?: number;
}

export interface RawStats {
	readonly read?: string;
	readonly cpu_stats?: RawCpuStats;
	readonly precpu_stats?: RawCpuStats;
	readonly memory_stats?: {
		readonly usage?: number;
		readonly limit?: number;
		readonly stats?: Readonly<Record<string, number>>;
	};
	readonly networks?: Readonly<Record<string, {readonly rx_bytes?: number; readonly tx_bytes?: number}>>;
	readonly blkio_stats?: {
		readonly io_service_bytes_recursive?: ReadonlyArray<{readonly op?: string; readonly value?: number}> | null;
	};
	readonly pids_stats?: {readonly current?: number};
}

/**
 * CPU % = cpu_delta / system_delta x online_cpus x 100, falling back to the
 * number of per-CPU counters when the engine does not report online_cpus.
 * Undefined when there is no previous sample to compare with (first sample,
 * just restarted) so the UI shows "-" rather than a spike or a negative.
 */
export function cpuPercent(stats: RawStats): number | undefined {
	const current = stats.cpu_stats;
	const previous = stats.precpu_stats;
	const total = current?.cpu_usage?.total_usage;
	const previousTotal = previous?.cpu_usage?.total_usage;
	const system = current?.system_cpu_usage;
	const previousSystem = previous?.system_cpu_usage;
	if (total === undefined || previousTotal === undefined || system === undefined || !previousSystem) return undefined;
	const cpuDelta = total - previousTotal;
	const systemDelta = system - previousSystem;
	if (cpuDelta < 0 || systemDelta <= 0) return undefined;
	const cpus = current?.online_cpus || current?.cpu_usage?.percpu_usage?.length || 1;
	return (cpuDelta / systemDelta) * cpus * 100;
}

/** Memory used the way `docker stats` shows it: page cache that can be dropped is not counted. */
export function memoryUsed(stats: RawStats): number | undefined {
	const memory = stats.memory_stats;
	if (memory?.usage === undefined) return undefined;
	const detail = memory.stats ?? {};
	// cgroup v1 reports total_inactive_file; cgroup v2 reports inactive_file.
	const inactive = 'total_inactive_file' in detail ? detail['total_inactive_file'] : detail['inactive_file'];
	if (inactive !== undefined && inactive < memory.usage) return memory.usage - inactive;
	return memory.usage;
}

export function memoryLimit(stats: RawStats): number | undefined {
	return stats.memory_stats?.limit || undefined;
}

export function networkTotals(stats: RawStats): {readonly rx: number; readonly tx: number} {
	let rx = 0;
	let tx = 0;
	for (const network of Object.values(stats.networks ?? {})) {
		rx += network.rx_bytes ?? 0;
		tx += network.tx_bytes ?? 0;
	}
	return {rx, tx};
}

export function blockTotals(stats: RawStats): {readonly read: number; readonly write: number} {
	let read = 0;
	let write = 0;
	for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
		const op = entry.op?.toLowerCase();
		if (op === 'read') read += entry.value ?? 0;
		else if (op === 'write') write += entry.value ?? 0;
	}
	return {read, write};
}

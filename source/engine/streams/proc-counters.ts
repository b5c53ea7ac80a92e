// The host's and a process's counters from /proc, as the engine reads them.

/** Linux's USER_HZ: /proc/stat counts in hundredths of a second (the engine assumes the same). */
const ticksPerSecond = 100;

/**
 * The host's CPU time in nanoseconds (user, nice, system, idle, iowait, irq and
 * softirq of the "cpu" line: the engine's system_cpu_usage) and the CPUs online
 * (one "cpuN" line each).
 */
export function hostCpu(procStat: string): {readonly systemNs: number; readonly onlineCpus: number} {
	const end = procStat.indexOf('\n');
	const fields = procStat.slice(0, end < 0 ? undefined : end).trim().split(/\s+/);
	if (fields[0] !== 'cpu') throw new Error('/proc/stat does not start with the cpu line');
	let ticks = 0;
	for (let index = 1; index <= 7; index++) ticks += Number(fields[index] ?? 0) || 0;
	const onlineCpus = procStat.match(/^cpu\d+ /gm)?.length ?? 1;
	return {systemNs: (ticks * 1e9) / ticksPerSecond, onlineCpus};
}

/** Bytes received and sent on every interface of /proc/<pid>/net/dev but loopback (the engine counts the container's endpoints). */
export function netDevTotals(text: string): {readonly rx: number; readonly tx: number} {
	let rx = 0;
	let tx = 0;
	for (const line of text.split('\n')) {
		const colon = line.indexOf(':');
		if (colon < 0) continue;
		const name = line.slice(0, colon).trim();
		if (name === 'lo' || name.includes('|')) continue;
		const fields = line.slice(colon + 1).trim().split(/\s+/);
		rx += Number(fields[0]) || 0;
		tx += Number(fields[8]) || 0;
	}
	return {rx, tx};
}

/** MemTotal of /proc/meminfo in bytes: the engine caps a container's limit at it. */
export function memTotal(meminfo: string): number | undefined {
	const match = /^MemTotal:\s+(\d+) kB/m.exec(meminfo);
	return match ? Number(match[1]) * 1024 : undefined;
}

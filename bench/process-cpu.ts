import {readFileSync} from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in these. */
const clockTicks = 100;

/** CPU seconds a process has used, its waited-for children included (utime stime cutime cstime). */
export function cpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name: utime stime cutime cstime are 14-17 (1-based).
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0) / clockTicks;
}

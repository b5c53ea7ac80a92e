// Which engine sockets a process holds open: its unix stream sockets, each
// followed to the socket it is connected to (ss names the server side's path).
import {execFileSync} from 'node:child_process';

interface UnixRow {
	readonly path: string;
	readonly inode: string;
	readonly peer: string;
	readonly pids: readonly number[];
}

function unixRows(): UnixRow[] {
	const text = execFileSync('ss', ['-xapnH'], {encoding: 'utf8'});
	return text.split('\n').flatMap(line => {
		const fields = line.trim().split(/\s+/);
		// Netid State Recv-Q Send-Q Local Port Peer Port [Process]
		if (fields.length < 8 || fields[0] !== 'u_str') return [];
		const pids = [...line.matchAll(/pid=(\d+)/g)].map(match => Number(match[1]));
		return [{path: fields[4] ?? '*', inode: fields[5] ?? '', peer: fields[7] ?? '', pids}];
	});
}

/** How many of `pid`'s connected unix sockets lead to the socket at `socketPath` (a unix:// address works too). */
export function socketsTo(pid: number, socketPath: string): number {
	const path = socketPath.replace(/^unix:\/\//, '');
	const rows = unixRows();
	const byInode = new Map(rows.map(row => [row.inode, row]));
	return rows.filter(row => row.pids.includes(pid) && byInode.get(row.peer)?.path === path).length;
}

/** How many of `pid`'s TCP connections go to `port` on this machine (any state but closed). */
export function tcpSocketsTo(pid: number, port: number): number {
	const text = execFileSync('ss', ['-tnpH'], {encoding: 'utf8'});
	return text.split('\n').filter(line => line.includes(`pid=${pid},`) && new RegExp(`\\s\\S+:${port}\\s`).test(line)).length;
}

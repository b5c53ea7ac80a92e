// The processes that serve one private engine (made by scripts/engine-up.sh in
// folder `dir`): its dockerd, that dockerd's containerd, and every containerd shim
// on that containerd's socket (they answer part of each stats request).
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';

export function engineProcesses(dir: string): number[] {
	const dockerd = Number(readFileSync(join(dir, 'dockerd.pid'), 'utf8').trim());
	const shimSocket = `${dir}/exec/containerd/containerd.sock`;
	const ours = readdirSync('/proc').filter(name => /^\d+$/.test(name)).map(Number).filter(pid => {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			if (name === 'containerd') return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === dockerd;
			return name.startsWith('containerd-shim') && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(shimSocket);
		} catch {
			return false;
		}
	});
	return [dockerd, ...ours];
}

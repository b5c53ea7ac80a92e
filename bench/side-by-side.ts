// Own CPU of several monitors started together on the same containers, read from
// /proc over the same windows: steadier ratios than the one-at-a-time table, whose
// windows each carry whatever else the shared machine did then. Run under
// scripts/with-engine.sh. SIDE_BINS lists "name=command arg …" entries joined by
// commas; a command ending in .js runs under node with berth's V8 flags; "docker"
// runs `docker stats`. SIDE_N containers (20), SIDE_WINDOW_S (60), SIDE_ROUNDS (3).
import Docker from 'dockerode';
import {spawn, type IPty} from 'node-pty';
import {removeBenchContainers, startBenchContainers} from './bench-containers.js';
import {cpuSeconds} from './process-cpu.js';

const host = process.env['BERTH_TEST_DOCKER_HOST'] ?? '';
if (!host.startsWith('unix://')) throw new Error('bench/side-by-side: run under scripts/with-engine.sh (BERTH_TEST_DOCKER_HOST=unix://…)');
const docker = new Docker({socketPath: host.replace(/^unix:\/\//, '')});
const count = Number(process.env['SIDE_N'] ?? 20);
const windowMs = Number(process.env['SIDE_WINDOW_S'] ?? 60) * 1000;
const rounds = Number(process.env['SIDE_ROUNDS'] ?? 3);
const warmUpMs = 10_000;
const nodeFlags = ['--max-semi-space-size=1', '--interrupt-budget=270336'];

interface Monitor {
	readonly name: string;
	readonly command: string;
	readonly args: readonly string[];
}

function monitors(): Monitor[] {
	const list = (process.env['SIDE_BINS'] ?? 'berth=dist/berth,docker=docker').split(',');
	return list.map(entry => {
		const name = entry.slice(0, entry.indexOf('='));
		const [command = '', ...extra] = entry.slice(entry.indexOf('=') + 1).split(' ').filter(Boolean);
		if (command === 'docker') return {name, command, args: ['-H', host, 'stats']};
		if (command.endsWith('.js')) return {name, command: 'node', args: [...nodeFlags, command, '--host', host, ...extra]};
		return {name, command, args: ['--host', host, ...extra]};
	});
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function launch(monitor: Monitor): IPty {
	const child = spawn(monitor.command, [...monitor.args], {cols: 200, rows: 50, name: 'xterm-256color', env: {...process.env, TERM: 'xterm-256color'} as Record<string, string>});
	child.onData(() => {});
	return child;
}

const list = monitors();
await startBenchContainers(docker, count);
const seconds = new Map<string, number[]>(list.map(monitor => [monitor.name, []]));
try {
	for (let round = 0; round < rounds; round++) {
		process.stderr.write(`side-by-side: round ${round + 1} of ${rounds}…\n`);
		const children = list.map(launch);
		try {
			await sleep(warmUpMs);
			const start = children.map(child => cpuSeconds(child.pid));
			await sleep(windowMs);
			children.forEach((child, index) => seconds.get(list[index]!.name)!.push(cpuSeconds(child.pid) - start[index]!));
		} finally {
			for (const child of children) child.kill();
		}
		await sleep(1000);
	}
} finally {
	await removeBenchContainers(docker);
}
const sums = list.map(monitor => (seconds.get(monitor.name) ?? []).reduce((sum, value) => sum + value, 0));
process.stdout.write(`N = ${count}, ${rounds} × ${windowMs / 1000} s, own CPU s per round and summed; ratio to ${list[0]!.name}\n`);
list.forEach((monitor, index) => {
	const values = (seconds.get(monitor.name) ?? []).map(value => value.toFixed(2)).join(' ');
	process.stdout.write(`${monitor.name.padEnd(16)} ${values}  sum ${sums[index]!.toFixed(2)}  ${(sums[index]! / sums[0]!).toFixed(2)}x\n`);
});

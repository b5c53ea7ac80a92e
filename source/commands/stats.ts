import type Docker from 'dockerode';
import meow from 'meow';
import {packageInfo} from './package-info.js';
import {listContainers, type ContainerSummary} from '../engine/resources/containers.js';
import {EngineError} from '../engine/transport/errors.js';
import {followEvents} from '../engine/streams/events.js';
import {StatsHub} from '../engine/streams/stats-hub.js';
import type {StatsSource} from '../engine/streams/stats-source.js';
import {isStatsSourceMode, openStatsSource, statsSourceProblem} from './stats-source-flag.js';
import {coalesce} from '../engine/streams/coalesce.js';
import {statsTable, toStatsRecord, type StatsRecord} from './stats-record.js';
import {listChangingEvents} from '../engine/resources/containers.js';
import {connectFromFlags, engineFlags, engineFlagsHelp, engineTargets, type EngineTarget, type Subcommand} from './subcommand.js';
import {usageError, usageProblem} from './flags.js';

const help = `
	Usage
	  $ berth stats [options]

	Prints CPU, memory, network and block I/O of every running container, then exits.

	Options
	  --json                 One JSON array of objects: id, name, cpuPercent, memoryUsedBytes,
	                         memoryLimitBytes, netRxBytes, netTxBytes, blockReadBytes,
	                         blockWriteBytes, pids (numbers as numbers; null when not known yet)
	  -w, --watch            Keep going: redraw the table, or with --json print one array per line,
	                         about once a second (Ctrl+C stops)
	      --stats-source <auto|cgroup|engine>
	                         The kernel's cgroup files (a local engine only) or the engine's
	                         streams; auto (default) picks cgroup when it can
${engineFlagsHelp}
	  -h, --help             Print this help
`;

const running = (containers: readonly ContainerSummary[]) => containers.filter(c => c.state === 'running' || c.state === 'paused');

async function once(docker: Docker, source: StatsSource, signal: AbortSignal): Promise<StatsRecord[]> {
	const containers = running(await listContainers(docker, signal));
	// All at once, as `docker stats --no-stream` does: each takes about a second (the engine's or the collector's interval).
	const samples = await source.once(containers.map(c => c.id), signal);
	const records: StatsRecord[] = [];
	for (const [index, container] of containers.entries()) {
		const sample = samples[index];
		if (sample?.memoryUsed !== undefined) records.push(toStatsRecord(container.name, sample));
	}
	return records;
}

/** How a watch prints: each engine's records as they come (several engines: merged here, `host` on each). */
type Emit = (records: readonly StatsRecord[]) => void;

function printer(isJson: boolean): Emit {
	const isTerminal = Boolean(process.stdout.isTTY);
	if (!isJson && isTerminal) process.stdout.write('\u001B[2J\u001B[H');
	return records => {
		if (isJson) process.stdout.write(`${JSON.stringify(records)}\n`);
		// Home and clear-to-end rather than clearing first, so the table does not flicker.
		else if (isTerminal) process.stdout.write(`\u001B[H${statsTable(records).replaceAll('\n', '\u001B[K\n')}\u001B[K\n\u001B[J`);
		else process.stdout.write(`${statsTable(records)}\n\n`);
	};
}

/** Several engines' records, printed together at most about once a second. */
function mergedPrinter(emit: Emit): (host: string) => Emit {
	const latest = new Map<string, readonly StatsRecord[]>();
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		timer = undefined;
		emit([...latest.values()].flat());
	};
	return host => records => {
		latest.set(host, records.map(record => ({host, ...record})));
		timer ??= setTimeout(flush, 200);
	};
}

function watch(docker: Docker, source: StatsSource, emit: Emit, signal: AbortSignal, who = 'berth'): Promise<number> {
	const hub = new StatsHub(docker, {source: source.stream});
	let names = new Map<string, string>();
	let failure: string | undefined;
	const refresh = coalesce(async () => {
		try {
			const containers = running(await listContainers(docker, signal));
			names = new Map(containers.map(c => [c.id, c.name]));
			hub.setRunning(names.keys());
		} catch (error) {
			if (!signal.aborted) failure = (error as Error).message;
		}
	}, 50, 250);
	const startedAt = Date.now();
	hub.subscribe(() => {
		// Streams open one by one; the first print waits (briefly) until every running container has a sample.
		const missing = [...names.keys()].some(id => !hub.latest.has(id));
		if (missing && Date.now() - startedAt < 2500) return;
		const records = [...hub.latest.values()]
			.filter(sample => names.has(sample.id))
			.map(sample => toStatsRecord(names.get(sample.id) ?? sample.id, sample))
			.sort((a, b) => a.name.localeCompare(b.name));
		emit(records);
	});
	return new Promise(resolve => {
		void followEvents(docker, listChangingEvents, {
			onConnected: () => refresh.runNow(),
			onEvent: () => refresh.trigger(),
			onLost(error) {
				failure = error.message;
				process.stderr.write(`${who}: ${error.message} Retrying…\n`);
			},
		}, signal).then(() => {
			refresh.cancel();
			hub.close();
			source.close();
			resolve(failure && !signal.aborted ? 1 : 0);
		});
	});
}

export const statsCommand: Subcommand = {
	name: 'stats',
	summary: 'Print CPU, memory, network and block I/O of running containers (--json, --watch)',
	async run(argv, signal) {
		const cli = meow(help, {
			importMeta: import.meta, pkg: packageInfo,
			argv: [...argv],
			// meow's own message is a bare "Unknown flag"; this says which one.
			allowUnknownFlags: true,
			flags: {
				...engineFlags,
				json: {type: 'boolean', default: false},
				watch: {type: 'boolean', shortFlag: 'w', default: false},
				statsSource: {type: 'string', default: 'auto'},
				help: {type: 'boolean', shortFlag: 'h'},
			},
		});
		const problem = usageProblem(cli, ['host', 'H', 'context', 'c', 'json', 'watch', 'w', 'statsSource', 'stats-source', 'help', 'h']);
		if (problem) return usageError('stats', problem);
		try {
			const mode = cli.flags.statsSource;
			if (!isStatsSourceMode(mode)) return usageError('stats', statsSourceProblem);
			const targets = engineTargets({host: cli.flags.host, context: cli.flags.context});
			if (targets.length > 1) return await several(targets, mode, cli.flags, signal);
			const {docker, endpoint, identity} = await connectFromFlags({host: cli.flags.host, context: cli.flags.context});
			const source = await openStatsSource(docker, endpoint, identity, mode);
			if (cli.flags.watch) return await watch(docker, source, printer(cli.flags.json), signal);
			const records = await once(docker, source, signal);
			source.close();
			if (signal.aborted) return 130;
			process.stdout.write(cli.flags.json ? `${JSON.stringify(records)}\n` : `${statsTable(records)}\n`);
			return 0;
		} catch (error) {
			const message = error instanceof EngineError || error instanceof Error ? error.message : String(error);
			process.stderr.write(`berth stats: ${message}\n`);
			return 1;
		}
	},
};

/**
 * Several engines: each connected, read and retried on its own; one that cannot
 * be reached is said on stderr (and the exit status is 1) while the others print.
 */
async function several(targets: readonly EngineTarget[], mode: string, flags: {readonly json: boolean; readonly watch: boolean}, signal: AbortSignal): Promise<number> {
	const connected = await Promise.all(targets.map(async target => {
		try {
			const {docker, endpoint, identity} = await connectFromFlags(target);
			return {target, docker, source: await openStatsSource(docker, endpoint, identity, mode)};
		} catch (error) {
			process.stderr.write(`berth stats (${target.name}): ${error instanceof Error ? error.message : String(error)}\n`);
			return undefined;
		}
	}));
	const failed = connected.some(engine => engine === undefined) ? 1 : 0;
	const engines = connected.filter(engine => engine !== undefined);
	if (flags.watch) {
		const merged = mergedPrinter(printer(flags.json));
		const codes = await Promise.all(engines.map(engine => watch(engine.docker, engine.source, merged(engine.target.name), signal, `berth (${engine.target.name})`)));
		return Math.max(failed, ...codes);
	}
	const read = await Promise.all(engines.map(async engine => {
		try {
			return (await once(engine.docker, engine.source, signal)).map(record => ({host: engine.target.name, ...record}));
		} catch (error) {
			process.stderr.write(`berth stats (${engine.target.name}): ${error instanceof Error ? error.message : String(error)}\n`);
			return undefined;
		} finally {
			engine.source.close();
		}
	}));
	if (signal.aborted) return 130;
	const records = read.flatMap(records => records ?? []);
	process.stdout.write(flags.json ? `${JSON.stringify(records)}\n` : `${statsTable(records)}\n`);
	return Math.max(failed, read.some(records => records === undefined) ? 1 : 0);
}

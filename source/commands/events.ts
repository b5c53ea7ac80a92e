// `berth events`: the engine's events as lines (or JSON lines) until interrupted.
import meow from 'meow';
import {packageInfo} from './package-info.js';
import {emptyQuery, engineFiltersFor, matchesQuery, type EventQuery} from '../engine/streams/event-query.js';
import {engineEvents, followEvents, type EngineEvent} from '../engine/streams/events.js';
import {toEngineError} from '../engine/transport/errors.js';
import {HealthCommands} from '../engine/alerts/health-commands.js';
import {HealthNoiseFolder, isExecEvent} from '../engine/alerts/health-noise.js';
import {eventJson, eventLine, parseSince} from '../text/event-line.js';
import {connectFromFlags, engineFlags, engineFlagsHelp, engineTargets, type EngineTarget, type Subcommand} from './subcommand.js';
import {listFlag, usageError, usageProblem, writeOut} from './flags.js';

const help = `
	Usage
	  $ berth events [options]

	Prints the engine's events, one per line (time, type, action, name, key
	attributes), until interrupted (Ctrl+C). Health-check execs are left out.

	Options
	  -t, --type <type>      Only these types: container, image, volume, network, daemon, plugin...
	  -a, --action <action>  Only these actions: create, start, die, oom, health_status...
	  -n, --name <text>      Only actors whose name contains this text
	  -s, --since <when>     Start with history: 15m, 1h, 24h, unix seconds or an ISO date
	  -u, --until <when>     Stop at this time instead of following (with --since)
	      --json             One JSON object per line, with every attribute
	      --health-checks    Include health-check execs
${engineFlagsHelp}
	Flags that take values can be repeated or given a comma list: --type container,image.
	The engine keeps only its last 256 events, so history may be shorter than asked.
`;

const flags = {
	...engineFlags,
	type: {type: 'string', shortFlag: 't', isMultiple: true},
	action: {type: 'string', shortFlag: 'a', isMultiple: true},
	name: {type: 'string', shortFlag: 'n', isMultiple: true},
	since: {type: 'string', shortFlag: 's'},
	until: {type: 'string', shortFlag: 'u'},
	json: {type: 'boolean'},
	healthChecks: {type: 'boolean'},
	help: {type: 'boolean', shortFlag: 'h'},
} as const;
const knownFlags = ['host', 'H', 'context', 'c', 'type', 't', 'action', 'a', 'name', 'n', 'since', 's', 'until', 'u', 'json', 'healthChecks', 'health-checks', 'help', 'h'];

export const eventsCommand: Subcommand = {
	name: 'events',
	summary: 'Print engine events as lines or JSON, filtered, until interrupted',
	async run(argv, signal) {
		const cli = meow(help, {importMeta: import.meta, pkg: packageInfo, argv: [...argv], flags, allowUnknownFlags: true, autoHelp: false, autoVersion: false});
		if (cli.flags.help) {
			await writeOut(`${cli.help}\n`);
			return 0;
		}
		const now = Date.now();
		const since = cli.flags.since === undefined ? undefined : parseSince(cli.flags.since, now);
		const until = cli.flags.until === undefined ? undefined : parseSince(cli.flags.until, now);
		const problem = usageProblem(cli, knownFlags)
			?? (cli.flags.since !== undefined && since === undefined ? `--since "${cli.flags.since}" is not a time: use 15m, 1h, 24h, unix seconds or an ISO date`
				: cli.flags.until !== undefined && until === undefined ? `--until "${cli.flags.until}" is not a time: use 5m, unix seconds or an ISO date`
					: undefined);
		if (problem) return usageError('events', problem);
		const query: EventQuery = {...emptyQuery, types: listFlag(cli.flags.type), actions: listFlag(cli.flags.action), names: listFlag(cli.flags.name)};
		const targets = engineTargets({host: cli.flags.host, context: cli.flags.context});
		const options = {json: Boolean(cli.flags.json), healthChecks: Boolean(cli.flags.healthChecks)};
		if (targets.length <= 1) return printEvents(targets[0] ?? {}, query, {since, until}, options, signal);
		// Several engines: each followed on its own (one that fails retries alone), every record with its host.
		const codes = await Promise.all(targets.map(target => printEvents(target, query, {since, until}, {...options, host: target.name}, signal)));
		return Math.max(...codes);
	},
};

/** One event as printed: a line, or a JSON object, with `host` first when several engines are followed. */
function eventText(event: EngineEvent, options: {readonly json: boolean; readonly host?: string}): string {
	if (options.json) return options.host === undefined ? eventJson(event) : `{"host":${JSON.stringify(options.host)},${eventJson(event).slice(1)}`;
	return options.host === undefined ? eventLine(event) : `${options.host} ${eventLine(event)}`;
}

async function printEvents(
	engine: Partial<EngineTarget>,
	query: EventQuery,
	window: {since: number | undefined; until: number | undefined},
	options: {json: boolean; healthChecks: boolean; host?: string},
	signal: AbortSignal,
): Promise<number> {
	// Messages name the engine when there are several.
	const who = options.host === undefined ? 'berth' : `berth (${options.host})`;
	let docker;
	try {
		({docker} = await connectFromFlags({...(engine.host ? {host: engine.host} : {}), ...(engine.context ? {context: engine.context} : {})}));
	} catch (error) {
		process.stderr.write(`${who}: ${toEngineError(error).message}\n`);
		return 1;
	}
	const commands = new HealthCommands(docker);
	const folder = new HealthNoiseFolder();
	// A closed pipe (berth events | head) ends the command quietly.
	const stopped = new AbortController();
	process.stdout.on('error', () => stopped.abort());
	const live = AbortSignal.any([signal, stopped.signal]);

	// Events are printed one at a time in order: the first exec of a container may wait for one inspect.
	let queue = Promise.resolve();
	const print = async (event: EngineEvent) => {
		if (!matchesQuery(event, query)) return;
		if (!options.healthChecks && isExecEvent(event)) {
			await commands.learn(event.id, live);
			if (folder.isNoise(event, commands.snapshot())) return;
		}
		if (!live.aborted) await writeOut(`${eventText(event, options)}\n`);
	};
	const filters = engineFiltersFor(query);
	if (window.until !== undefined) {
		try {
			for await (const event of engineEvents(docker, filters, live, undefined, {since: window.since ?? window.until, until: window.until})) await print(event);
		} catch (error) {
			process.stderr.write(`${who}: ${toEngineError(error).message}\n`);
			return 1;
		}
		return 0;
	}
	await followEvents(docker, filters, {
		onConnected: () => undefined,
		onEvent(event) {
			queue = queue.then(() => print(event));
		},
		onLost(error, retryInMs) {
			process.stderr.write(`${who}: ${error.message} Retrying in ${Math.round(retryInMs / 100) / 10} s.\n`);
		},
	}, live, {since: window.since});
	await queue;
	return 0;
}

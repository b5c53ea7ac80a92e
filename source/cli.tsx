import {setMaxListeners} from 'node:events';
import meow from 'meow';
import {render} from 'ink';
import {EngineRoot, type FleetOpener, type SessionOpener} from './shell/engine-root.js';
import {openFleet, openSession} from './shell/engine-session.js';
import {findSubcommand, subcommands} from './commands/index.js';
import {EngineError} from './engine/transport/errors.js';
import {enterFullScreen, leaveFullScreen} from './terminal/terminal.js';
import {ConfigError} from './config/read-config.js';
import {prepareRun, type EngineWord, type StartFlags} from './config/start-config.js';
import {configText, keysText} from './config/config-commands.js';
import {inkOptions} from './terminal/ink-options.js';
import {createInkStdout} from './terminal/terminal-handoff.js';
import {startBenchStats} from './startup/bench-stats.js';
import {packageInfo} from './commands/package-info.js';
import {isStatsSourceMode, statsSourceProblem} from './commands/stats-source-flag.js';

// Nothing runs as this module loads: berth's start-up snapshot (scripts/snapshot.mjs)
// loads it once at install, and `start` runs in each process (source/main.ts).

function parseArguments(argv = process.argv.slice(2)) {
	return meow(`
	Usage
	  $ berth [options]

	Options
	  -H, --host <url|name>  Engine to talk to: unix:///path, tcp://host:port, ssh://user@host,
	                         or the name of a host in the configuration file
	  -c, --context <name>   Use a docker context (see \`docker context ls\`)
	                         Repeat either, or give a comma list, to watch several engines at
	                         once; :ctx inside berth lists and switches them
	      --config <path>    Configuration file (default $XDG_CONFIG_HOME/berth/config.yaml)
	      --readonly         Refuse every key that changes anything
	      --no-bell          Do not ring the terminal bell on new alerts
	      --restarts <n>     Alert on a restart loop after n restarts (default 3)
	      --restart-window <secs>
	                         ... within this many seconds (default 60)
	      --tail <n|all>     Log lines a log view opens on (default 1000)
	      --log-buffer <n>   Log lines a log view holds at most (default 50000)
	      --stats-source <auto|cgroup|engine>
	                         Read container stats from the kernel's cgroup files (a local
	                         engine only) or the engine's streams; auto (default) picks cgroup
	                         when it can and says why when it cannot
	  -v, --version          Print the version
	  -h, --help             Print this help

	The engine is found like the docker CLI finds it: --host, then DOCKER_HOST
	(with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for tcp://), then --context,
	then DOCKER_CONTEXT, then the current context in ~/.docker/config.json,
	then unix:///var/run/docker.sock.

	Keys: press ? inside berth for the full list.

	  berth keys             Print every key action: its id, keys and what it does
	  berth config           Print the settings in effect and where each came from
${subcommands.length > 0 ? `\n\tCommands (berth <command> --help for each)\n${subcommands.map(c => `\t  ${c.name.padEnd(22)} ${c.summary}`).join('\n')}\n` : ''}`, {
		importMeta: import.meta,
		// Bundled in: meow would otherwise find and read package.json at every start.
		pkg: packageInfo,
		argv,
		allowUnknownFlags: true,
		flags: {
			// Repeatable (or comma lists): several engines watched at once.
			host: {type: 'string', shortFlag: 'H', isMultiple: true},
			context: {type: 'string', shortFlag: 'c', isMultiple: true},
			help: {type: 'boolean', shortFlag: 'h'},
			version: {type: 'boolean', shortFlag: 'v'},
			// No defaults here: a flag not given leaves the value to the file (config/settings.ts).
			bell: {type: 'boolean'},
			restarts: {type: 'number'},
			restartWindow: {type: 'number'},
			tail: {type: 'string'},
			logBuffer: {type: 'string'},
			config: {type: 'string'},
			readonly: {type: 'boolean'},
			statsSource: {type: 'string', default: 'auto'},
		},
	});
}

type Cli = ReturnType<typeof parseArguments>;

function fail(message: string): never {
	process.stderr.write(`berth: ${message}\n`);
	process.exit(1);
}

// meow's own unknown-flag message is a bare "Unknown flag"; say which and show the usage.
const knownFlags = new Set(['host', 'H', 'context', 'c', 'help', 'h', 'version', 'v', 'bell', 'restarts', 'restartWindow', 'restart-window', 'tail', 'logBuffer', 'log-buffer', 'config', 'readonly', 'statsSource', 'stats-source']);
function checkArguments(cli: Cli, argv: readonly string[], command?: string): StartFlags {
	const unknown = Object.keys(cli.unnormalizedFlags).filter(flag => !knownFlags.has(flag));
	if (unknown.length > 0) {
		const shown = unknown.map(flag => (flag.length === 1 ? `-${flag}` : `--${flag}`)).join(', ');
		process.stderr.write(`berth: unknown option ${shown}\n${cli.help}\n`);
		process.exit(2);
	}
	if (cli.input.length > 0) fail(`unknown command "${command ? `${command} ${cli.input[0]}` : cli.input[0]}". Run berth --help for usage.`);
	const {config, restarts, restartWindow, tail, logBuffer, readonly} = cli.flags;
	const split = (values: readonly string[] | undefined) => (values ?? []).flatMap(value => (value === '' ? [''] : value.split(',').map(part => part.trim()).filter(Boolean)));
	const hosts = split(cli.flags.host);
	const contexts = split(cli.flags.context);
	const [host] = hosts.length === 1 ? hosts : [undefined];
	const [context] = contexts.length === 1 ? contexts : [undefined];
	// The order given is the order shown: words in argv order, --host and --context mixed.
	const fleet = hosts.length + contexts.length > 1 ? engineWords(argv, hosts, contexts) : undefined;
	// meow makes an absent boolean false: only a typed --bell / --no-bell counts as a flag.
	const bell = argv.some(word => /^--(no-)?bell(=|$)/.test(word)) ? cli.flags.bell : undefined;
	if (hosts.includes('')) fail('--host needs a value, e.g. --host unix:///var/run/docker.sock or --host ssh://me@server.');
	if (contexts.includes('')) fail('--context needs a name; `docker context ls` lists them.');
	if (config === '') fail('--config needs the path of a configuration file.');
	if (restarts !== undefined && (!Number.isInteger(restarts) || restarts < 1)) fail('--restarts needs a whole number of at least 1.');
	if (restartWindow !== undefined && (!Number.isFinite(restartWindow) || restartWindow <= 0)) fail('--restart-window needs a number of seconds above 0.');
	if (tail !== undefined && tail !== 'all' && !(/^\d+$/.test(tail) && Number(tail) > 0)) fail('--tail needs a number of lines or "all", e.g. --tail 500.');
	if (logBuffer !== undefined && !(/^\d+$/.test(logBuffer) && Number(logBuffer) >= 100)) fail('--log-buffer needs a number of lines, at least 100, e.g. --log-buffer 100000.');
	if (!isStatsSourceMode(cli.flags.statsSource)) fail(`${statsSourceProblem}.`);
	return {
		...(fleet ? {fleet} : {}),
		...(host === undefined || fleet ? {} : {host}),
		...(context === undefined || fleet ? {} : {context}),
		...(config === undefined ? {} : {config}),
		...(bell === undefined ? {} : {bell}),
		...(restarts === undefined ? {} : {restarts}),
		...(restartWindow === undefined ? {} : {restartWindow}),
		...(tail === undefined ? {} : {tail: tail === 'all' ? 'all' : Number(tail)}),
		...(logBuffer === undefined ? {} : {logBuffer: Number(logBuffer)}),
		...(readonly ? {readOnly: true} : {}),
	};
}

/** Every --host and --context value in the order typed (hosts first where argv cannot tell). */
function engineWords(argv: readonly string[], hosts: readonly string[], contexts: readonly string[]): readonly EngineWord[] {
	const order: Array<'host' | 'context'> = [];
	for (const [index, word] of argv.entries()) {
		const flag = /^(?:--(host|context)|-(H|c))(?:=|$)/.exec(word);
		if (!flag) continue;
		const kind = flag[1] === 'host' || flag[2] === 'H' ? 'host' : 'context';
		const value = word.includes('=') ? word.slice(word.indexOf('=') + 1) : argv[index + 1] ?? '';
		for (let count = value.split(',').filter(Boolean).length; count > 0; count--) order.push(kind);
	}
	const queues = {host: [...hosts], context: [...contexts]};
	const words = order.flatMap(kind => {
		const value = queues[kind].shift();
		return value === undefined ? [] : [{kind, value}];
	});
	return [...words, ...queues.host.map(value => ({kind: 'host' as const, value})), ...queues.context.map(value => ({kind: 'context' as const, value}))];
}

/** Reads and applies the configuration; a problem in it stops berth here with status 2. */
async function prepare(flags: StartFlags) {
	try {
		const prepared = await prepareRun(flags, process.env);
		for (const warning of prepared.loaded.warnings) process.stderr.write(`berth: warning: ${warning}\n`);
		return prepared;
	} catch (error) {
		if (!(error instanceof ConfigError)) throw error;
		process.stderr.write(error.lines.map(line => `berth: ${line}\n`).join(''));
		process.exit(2);
	}
}

/** `berth keys` and `berth config`: berth's own flags, then print. */
async function runConfigCommand(name: 'keys' | 'config'): Promise<never> {
	const cli = parseArguments(process.argv.slice(3));
	const prepared = await prepare(checkArguments(cli, process.argv.slice(3), name));
	process.stdout.write(name === 'keys'
		? keysText()
		: configText(prepared.loaded, prepared.resolved, {label: prepared.endpoint.label, origin: prepared.engineOrigin}, prepared.lookedAt));
	process.exit(0);
}

async function runSubcommand(name: string): Promise<never> {
	const subcommand = findSubcommand(name);
	if (!subcommand) fail(`unknown command "${name}". Run berth --help for usage.`);
	const controller = new AbortController();
	// One signal is shared by a request per container (berth stats with 100 of
	// them); Node's "possible memory leak" warning at 11 listeners would be noise.
	setMaxListeners(0, controller.signal);
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	process.exit(await subcommand.run(process.argv.slice(3), controller.signal));
}

async function main(): Promise<void> {
	// `berth <command> ...` hands everything after the name to that command's own meow,
	// so the top-level parser must not see (or answer --help for) those flags.
	const firstArgument = process.argv[2];
	if (firstArgument === 'keys' || firstArgument === 'config') await runConfigCommand(firstArgument);
	if (firstArgument !== undefined && !firstArgument.startsWith('-')) await runSubcommand(firstArgument);
	const cli = parseArguments();
	const {loaded, resolved: {settings}, endpoint, engineName, isReadOnlyEverywhere, fleet, fleetWarnings = []} = await prepare(checkArguments(cli, process.argv.slice(2)));
	const statsMode = cli.flags.statsSource;
	const session = fleet
		? await openFleet(fleet.map(target => ({...target, isReadOnly: isReadOnlyEverywhere || target.isReadOnly})), {statsMode})
		: await openSession(endpoint, {name: engineName, statsMode, isReadOnly: settings.readOnly});
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		fail('this is an interactive program and needs a terminal on stdin and stdout.');
	}
	const store = {env: process.env, homeDir: process.env['HOME'] ?? ''};
	// A switch (`:ctx`) opens the next engine as the first was; its host's readOnly applies while it is in use.
	const openChoice: SessionOpener = (choice, chosen) => openSession(chosen, {name: choice.name, statsMode, isReadOnly: isReadOnlyEverywhere || choice.isReadOnly});
	const openChoices: FleetOpener = targets => openFleet(targets.map(({choice, endpoint: chosen}) => ({name: choice.name, endpoint: chosen, isReadOnly: isReadOnlyEverywhere || choice.isReadOnly})), {statsMode});
	const warnings = [...loaded.warnings, ...fleetWarnings];

	startBenchStats(process.env['BERTH_BENCH_STATS']);
	enterFullScreen(process.stdout);
	const instance = render(
		<EngineRoot
			initial={session}
			store={store}
			open={openChoice}
			openFleet={openChoices}
			appProps={{
				isBellEnabled: settings.bell,
				alertRules: {restartCount: settings.restarts, restartWindowMs: settings.restartWindow * 1000},
				...(warnings.length > 0 ? {startMessage: `${warnings.length === 1 ? warnings[0] : `${warnings.length} warnings: ${warnings[0]} …`}`} : {}),
			}}
		/>,
		// process.stdout, muted while a shell in a container has the terminal.
		{...inkOptions, stdout: createInkStdout()},
	);
	const stop = () => instance.unmount();
	process.once('SIGTERM', stop);
	process.once('SIGHUP', stop);
	try {
		await instance.waitUntilExit();
	} finally {
		leaveFullScreen(process.stdout);
	}
	// Open streams (events, stats) would keep the process alive after unmount.
	process.exit(0);
}

function crash(error: unknown): never {
	leaveFullScreen(process.stdout);
	if (error instanceof EngineError) fail(error.message);
	const detail = error instanceof Error ? error.message : String(error);
	fail(`unexpected error: ${detail}\nPlease report it with the command you ran.`);
}

export function start(): void {
	// Whatever goes wrong, the terminal is given back in the state we found it.
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	main().catch(crash);
}

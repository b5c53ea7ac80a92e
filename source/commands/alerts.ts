// `berth alerts`: only the alerts (OOM kills, crashes, unhealthy, restart loops,
// the engine going away, and a Swarm's), one per line or as JSON lines, until interrupted.
import meow from 'meow';
import {packageInfo} from './package-info.js';
import {defaultAlertRules, type AlertDraft} from '../engine/alerts/alerts.js';
import {watchAlerts} from '../engine/alerts/alert-watch.js';
import {toEngineError} from '../engine/transport/errors.js';
import {alertJson, alertLine} from '../text/event-line.js';
import {connectFromFlags, engineFlags, engineFlagsHelp, type Subcommand} from './subcommand.js';
import {listFlag, usageError, usageProblem, writeOut} from './flags.js';

const help = `
	Usage
	  $ berth alerts [options]

	Prints an alert line when a container is OOM-killed, exits with a non-zero
	code on its own (not after docker stop or kill), turns unhealthy, restarts in
	a loop, or when the engine becomes unreachable; on a Swarm manager also when a
	service has fewer tasks running than desired for 60 s, a task fails (with its
	error) or a node goes down. Until interrupted (Ctrl+C).

	Options
	  -n, --name <text>      Only containers whose name contains this text
	      --restarts <n>     Restarts that make a loop (default ${defaultAlertRules.restartCount})
	      --window <secs>    ... within this many seconds (default ${defaultAlertRules.restartWindowMs / 1000})
	      --json             One JSON object per line
${engineFlagsHelp}
`;

const flags = {
	...engineFlags,
	name: {type: 'string', shortFlag: 'n', isMultiple: true},
	restarts: {type: 'number'},
	window: {type: 'number'},
	json: {type: 'boolean'},
	help: {type: 'boolean', shortFlag: 'h'},
} as const;
const knownFlags = ['host', 'H', 'context', 'c', 'name', 'n', 'restarts', 'window', 'json', 'help', 'h'];

export const alertsCommand: Subcommand = {
	name: 'alerts',
	summary: 'Print alerts (OOM, crash, unhealthy, restart loop, engine lost) until interrupted',
	async run(argv, signal) {
		const cli = meow(help, {importMeta: import.meta, pkg: packageInfo, argv: [...argv], flags, allowUnknownFlags: true, autoHelp: false, autoVersion: false});
		if (cli.flags.help) {
			await writeOut(`${cli.help}\n`);
			return 0;
		}
		const restarts = cli.flags.restarts ?? defaultAlertRules.restartCount;
		const window = cli.flags.window ?? defaultAlertRules.restartWindowMs / 1000;
		const problem = usageProblem(cli, knownFlags)
			?? (!Number.isInteger(restarts) || restarts < 1 ? '--restarts needs a whole number of at least 1'
				: !Number.isFinite(window) || window <= 0 ? '--window needs a number of seconds above 0'
					: undefined);
		if (problem) return usageError('alerts', problem);
		let docker;
		try {
			({docker} = await connectFromFlags({host: cli.flags.host, context: cli.flags.context}));
		} catch (error) {
			process.stderr.write(`berth: ${toEngineError(error).message}\n`);
			return 1;
		}
		const names = listFlag(cli.flags.name).map(name => name.toLowerCase());
		const json = Boolean(cli.flags.json);
		const stopped = new AbortController();
		process.stdout.on('error', () => stopped.abort());
		const wanted = (alert: AlertDraft) => names.length === 0 || alert.containerId === undefined || names.some(name => alert.name.toLowerCase().includes(name));
		let queue = Promise.resolve();
		await watchAlerts(docker, {
			onAlert(alert) {
				if (wanted(alert)) queue = queue.then(() => writeOut(`${json ? alertJson(alert) : alertLine(alert)}\n`));
			},
		}, AbortSignal.any([signal, stopped.signal]), {restartCount: restarts, restartWindowMs: window * 1000});
		await queue;
		return 0;
	},
};

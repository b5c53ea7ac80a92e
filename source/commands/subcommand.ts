// Non-interactive subcommands (`berth stats`, `berth events`, ...). Each one
// parses its own flags with meow (argv after the subcommand name), prints to
// stdout and returns an exit code; cli.tsx is still the only place that exits.
import type Docker from 'dockerode';
import {connect, resolveEndpoint, type Endpoint, type EngineIdentity} from '../engine/transport/connection.js';
import {EngineError} from '../engine/transport/errors.js';

export interface Subcommand {
	readonly name: string;
	/** One line for `berth --help`. */
	readonly summary: string;
	/** argv is what follows the subcommand name; signal aborts on Ctrl+C / SIGTERM. */
	readonly run: (argv: readonly string[], signal: AbortSignal) => Promise<number>;
}

/** The --host/--context flags every subcommand accepts, in meow's flag format. */
export const engineFlags = {
	host: {type: 'string', shortFlag: 'H', isMultiple: true},
	context: {type: 'string', shortFlag: 'c', isMultiple: true},
} as const;

type EngineFlagValues = {readonly host?: readonly string[] | string | undefined; readonly context?: readonly string[] | string | undefined};

/** One engine named by the flags: what `host` fields call it, and how to reach it. */
export interface EngineTarget {
	readonly name: string;
	readonly host?: string;
	readonly context?: string;
}

const values = (value: readonly string[] | string | undefined) => (value === undefined ? [] : typeof value === 'string' ? [value] : value)
	.flatMap(item => item.split(',')).map(item => item.trim()).filter(Boolean);

/** Every engine the flags name (none: the one the docker CLI would use), each once. */
export function engineTargets(flags: EngineFlagValues): readonly EngineTarget[] {
	const targets = [
		...values(flags.host).map(host => ({name: host.replace(/^[a-z]+:\/\/(?:[^@/]*@)?/, ''), host})),
		...values(flags.context).map(context => ({name: context, context})),
	];
	return targets.filter((target, index) => targets.findIndex(other => other.name === target.name) === index);
}

export const engineFlagsHelp = `	  -H, --host <url>       Engine to talk to: unix:///path, tcp://host:port, ssh://user@host
	  -c, --context <name>   Use a docker context (see \`docker context ls\`)
	                         (stats and events: repeat either, or a comma list, for several
	                         engines; each record then has a host field)`;

/** Resolves the engine like the docker CLI and connects; throws EngineError with a plain message. */
export async function connectFromFlags(given: EngineFlagValues | EngineTarget): Promise<{docker: Docker; endpoint: Endpoint; identity: EngineIdentity}> {
	const targets = 'name' in given ? [given] : engineTargets(given);
	if (targets.length > 1) throw new EngineError('bad-config', 'This command watches one engine: give one --host or --context (berth stats and berth events take several).');
	const flags: Partial<EngineTarget> = targets[0] ?? {};
	const endpoint = resolveEndpoint({
		...(flags.host === undefined ? {} : {host: flags.host}),
		...(flags.context === undefined ? {} : {context: flags.context}),
		env: process.env,
		homeDir: process.env['HOME'] ?? '',
	});
	const {docker, identity} = await connect(endpoint);
	return {docker, endpoint, identity};
}

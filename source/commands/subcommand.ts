// Non-interactive subcommands (`berth stats`, `berth events`, ...). Each one
// parses its own flags with meow (argv after the subcommand name), prints to
// stdout and returns an exit code; cli.tsx is still the only place that exits.
import type Docker from 'dockerode';
import {connect, resolveEndpoint, type Endpoint, type EngineIdentity} from '../engine/transport/connection.js';

export interface Subcommand {
	readonly name: string;
	/** One line for `berth --help`. */
	readonly summary: string;
	/** argv is what follows the subcommand name; signal aborts on Ctrl+C / SIGTERM. */
	readonly run: (argv: readonly string[], signal: AbortSignal) => Promise<number>;
}

/** The --host/--context flags every subcommand accepts, in meow's flag format. */
export const engineFlags = {
	host: {type: 'string', shortFlag: 'H'},
	context: {type: 'string', shortFlag: 'c'},
} as const;

export const engineFlagsHelp = `	  -H, --host <url>       Engine to talk to: unix:///path, tcp://host:port, ssh://user@host
	  -c, --context <name>   Use a docker context (see \`docker context ls\`)`;

/** Resolves the engine like the docker CLI and connects; throws EngineError with a plain message. */
export async function connectFromFlags(flags: {readonly host?: string | undefined; readonly context?: string | undefined}): Promise<{docker: Docker; endpoint: Endpoint; identity: EngineIdentity}> {
	const endpoint = resolveEndpoint({
		...(flags.host === undefined ? {} : {host: flags.host}),
		...(flags.context === undefined ? {} : {context: flags.context}),
		env: process.env,
		homeDir: process.env['HOME'] ?? '',
	});
	const {docker, identity} = await connect(endpoint);
	return {docker, endpoint, identity};
}

// Small checks shared by the subcommands' meow parsers.

/** Flags meow did not know, written as a person typed them ("--colour", "-x"). */
export function unknownFlags(unnormalized: Readonly<Record<string, unknown>>, known: readonly string[]): string[] {
	const knownSet = new Set(known);
	return Object.keys(unnormalized).filter(flag => !knownSet.has(flag)).map(flag => (flag.length === 1 ? `-${flag}` : `--${flag}`));
}

/** What every subcommand rejects: options meow did not know and stray arguments; undefined when neither. */
export function usageProblem(cli: {readonly unnormalizedFlags: Readonly<Record<string, unknown>>; readonly input: readonly string[]}, known: readonly string[]): string | undefined {
	const unknown = unknownFlags(cli.unnormalizedFlags, known);
	if (unknown.length > 0) return `unknown option ${unknown.join(', ')}`;
	return cli.input.length > 0 ? `unexpected argument "${cli.input[0]}"` : undefined;
}

/** Says what is wrong with the command line, where to look, and gives the usage exit code. */
export function usageError(command: string, problem: string): number {
	process.stderr.write(`berth ${command}: ${problem}. Run berth ${command} --help for usage.\n`);
	return 2;
}

/** "a,b" given once or many times -> ["a", "b"]. */
export function listFlag(values: readonly string[] | undefined): string[] {
	return (values ?? []).flatMap(value => value.split(',')).map(value => value.trim()).filter(Boolean);
}

/** Writes to stdout, waiting when the reader is slow, so a pipe never makes berth buffer without bound. */
export async function writeOut(text: string): Promise<void> {
	if (process.stdout.write(text)) return;
	await new Promise<void>(resolve => process.stdout.once('drain', resolve));
}

// Finding and reading the configuration file, at run time only (cli.tsx): a
// missing default file means defaults; a file named with --config must exist.
// Problems come back as lines naming file, line and key; cli.tsx exits with 2.
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {checkConfig, type FileConfig, type SchemaContext} from './config-schema.js';
import {parseConfigText} from './config-tree.js';

export interface LoadedConfig {
	/** The file read, or undefined when there is none. */
	readonly path?: string;
	readonly config?: FileConfig;
	/** One line each: unknown keys, ignored. */
	readonly warnings: readonly string[];
}

/** The configuration could not be used: each line says file, line, key and what is wrong. */
export class ConfigError extends Error {
	constructor(readonly lines: readonly string[]) {
		super(lines.join('\n'));
	}
}

/** Where berth looks when --config is not given: $XDG_CONFIG_HOME/berth/config.yaml, else ~/.config/berth/config.yaml. */
export function defaultConfigPath(env: NodeJS.ProcessEnv): string {
	const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] ?? '', '.config');
	return join(base, 'berth', 'config.yaml');
}

export function problemLine(path: string, line: number, key: string, message: string): string {
	return `${path}:${line}: ${key}: ${message}`;
}

export async function loadConfig(options: {readonly path?: string; readonly env: NodeJS.ProcessEnv; readonly context: SchemaContext}): Promise<LoadedConfig> {
	const path = options.path ?? defaultConfigPath(options.env);
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (options.path === undefined && code === 'ENOENT') return {warnings: []};
		throw new ConfigError([`${path}: cannot read the configuration file (${code === 'ENOENT' ? 'there is no such file' : (error as Error).message})`]);
	}
	const parsed = await parseConfigText(text);
	if ('problem' in parsed) {
		throw new ConfigError([problemLine(path, parsed.problem.line, keyNear(text, parsed.problem.line), `not valid YAML: ${parsed.problem.message}`)]);
	}
	const checked = checkConfig(parsed.tree, options.context);
	if (checked.errors.length > 0) throw new ConfigError(checked.errors.map(problem => problemLine(path, problem.line, problem.key, problem.message)));
	return {path, config: checked.config, warnings: checked.warnings.map(problem => problemLine(path, problem.line, problem.key, problem.message))};
}

/** The key a YAML syntax error is at or under: the nearest `name:` on its line or above. */
function keyNear(text: string, line: number): string {
	const lines = text.split('\n');
	for (let index = Math.min(line, lines.length) - 1; index >= 0; index--) {
		const match = /^\s*-?\s*([\w.-]+)\s*:/.exec(lines[index] ?? '');
		if (match?.[1]) return match[1];
	}
	return '(top level)';
}

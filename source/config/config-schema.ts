// What the configuration file may say, checked by hand against the located
// tree: each problem names its line and its key (a dotted path), so a person
// finds it at once. Unknown keys are warnings; wrong values are errors.
import type {ConfigEntry, ConfigNode} from './config-tree.js';
import {colorRoles, isColorValue, themeNames, type ColorRole} from '../components/theme.js';
import type {CheckedConfig, ConfigAlias, ConfigProblem, CustomCommand, FileConfig, HostConfig, SchemaContext} from './config-types.js';
import {keyList} from './config-keys.js';
import {checkAlias, checkCustomCommands, checkHosts} from './config-sections.js';

export type {CheckedConfig, ConfigAlias, ConfigProblem, CustomCommand, FileConfig, FileValues, HostConfig, SchemaContext} from './config-types.js';
export {normalizeKey} from './config-keys.js';

const windowWords: Readonly<Record<string, number>> = {'30s': 30, '1m': 60, '2m': 120, '5m': 300, '10m': 600};

export function checkConfig(tree: ConfigNode, context: SchemaContext): CheckedConfig {
	const errors: ConfigProblem[] = [];
	const warnings: ConfigProblem[] = [];
	const error = (line: number, key: string, message: string) => errors.push({line, key, message});
	const values: Record<string, unknown> = {};
	const lines: Record<string, number> = {};
	const colors: Partial<Record<ColorRole, string>> = {};
	const keys = new Map<string, readonly string[]>();
	const keyLines = new Map<string, number>();
	const aliases: ConfigAlias[] = [];
	const hosts: HostConfig[] = [];
	const customCommands: CustomCommand[] = [];
	const config: FileConfig = {values, lines, colors, keys, keyLines, aliases, hosts, customCommands};
	if (tree.kind !== 'map') {
		error(tree.line, '(top level)', 'needs to be a mapping of settings (key: value lines)');
		return {config, errors, warnings};
	}

	const scalar = (entry: ConfigEntry, key: string): string | number | boolean | null | undefined => {
		if (entry.value.kind === 'scalar') return entry.value.value;
		error(entry.line, key, 'needs a single value, not a list or mapping');
		return undefined;
	};
	const set = (entry: ConfigEntry, value: unknown) => {
		values[entry.key] = value;
		lines[entry.key] = entry.line;
	};
	const wholeNumber = (entry: ConfigEntry, min: number, words: string) => {
		const value = scalar(entry, entry.key);
		if (value === undefined) return;
		if (typeof value === 'number' && Number.isInteger(value) && value >= min) set(entry, value);
		else error(entry.line, entry.key, `needs ${words}, got ${JSON.stringify(value)}`);
	};
	const flag = (entry: ConfigEntry) => {
		const value = scalar(entry, entry.key);
		if (value === undefined) return;
		if (typeof value === 'boolean') set(entry, value);
		else error(entry.line, entry.key, `needs true or false, got ${JSON.stringify(value)}`);
	};
	const mapOf = (entry: ConfigEntry, key: string): readonly ConfigEntry[] => {
		if (entry.value.kind === 'map') return entry.value.entries;
		if (!(entry.value.kind === 'scalar' && entry.value.value === null)) error(entry.line, key, 'needs a mapping (name: value lines)');
		return [];
	};

	for (const entry of tree.entries) {
		switch (entry.key) {
			case 'tail': {
				const value = scalar(entry, 'tail');
				if (value === 'all' || (typeof value === 'number' && Number.isInteger(value) && value > 0)) set(entry, value);
				else if (value !== undefined) error(entry.line, 'tail', `needs a number of lines or "all", got ${JSON.stringify(value)}`);
				break;
			}
			case 'logBuffer': wholeNumber(entry, 100, 'a whole number of lines, at least 100'); break;
			case 'restarts': wholeNumber(entry, 1, 'a whole number, at least 1'); break;
			case 'restartWindow': {
				const value = scalar(entry, 'restartWindow');
				if (typeof value === 'number' && value > 0) set(entry, value);
				else if (value !== undefined) error(entry.line, 'restartWindow', `needs a number of seconds above 0, got ${JSON.stringify(value)}`);
				break;
			}
			case 'chartWindow': {
				const value = scalar(entry, 'chartWindow');
				const seconds = typeof value === 'number' ? value : typeof value === 'string' ? windowWords[value] : undefined;
				if (seconds !== undefined && context.chartWindows.includes(seconds)) set(entry, seconds);
				else if (value !== undefined) error(entry.line, 'chartWindow', `needs one of 30s, 1m, 2m, 5m, 10m (or those seconds), got ${JSON.stringify(value)}`);
				break;
			}
			case 'bell':
			case 'readOnly': flag(entry); break;
			case 'theme': {
				const value = scalar(entry, 'theme');
				if (typeof value === 'string' && (themeNames as readonly string[]).includes(value)) set(entry, value);
				else if (value !== undefined) error(entry.line, 'theme', `needs one of ${themeNames.join(', ')}, got ${JSON.stringify(value)}`);
				break;
			}
			case 'colors':
				for (const role of mapOf(entry, 'colors')) {
					const key = `colors.${role.key}`;
					if (!(colorRoles as readonly string[]).includes(role.key)) {
						warnings.push({line: role.line, key, message: `unknown colour role, ignored (roles: ${colorRoles.join(', ')})`});
						continue;
					}
					const value = scalar(role, key);
					if (typeof value === 'string' && isColorValue(value)) {
						colors[role.key as ColorRole] = value;
						lines[key] = role.line;
					}
					else if (value !== undefined) error(role.line, key, `${JSON.stringify(value)} is not a colour: use a name (red, cyanBright, gray, …) or #rrggbb`);
				}
				break;
			case 'keys':
				for (const action of mapOf(entry, 'keys')) {
					const key = `keys.${action.key}`;
					if (!context.actionIds.has(action.key)) {
						error(action.line, key, 'no action has this id (`berth keys` lists them)');
						continue;
					}
					const written = keyList(action, key, error);
					if (written) {
						keys.set(action.key, written);
						keyLines.set(action.key, action.line);
					}
				}
				break;
			case 'aliases':
				for (const alias of mapOf(entry, 'aliases')) checkAlias(alias, context, error, aliases);
				break;
			case 'hosts': checkHosts(entry, error, warnings, hosts); break;
			case 'customCommands': checkCustomCommands(entry, context, error, warnings, customCommands); break;
			default:
				warnings.push({line: entry.line, key: entry.key, message: 'unknown key, ignored'});
		}
	}
	return {config, errors, warnings};
}

// What the configuration file may say, checked by hand against the located
// tree: each problem names its line and its key (a dotted path), so a person
// finds it at once. Unknown keys are warnings; wrong values are errors.
import type {ConfigEntry, ConfigNode} from './config-tree.js';
import {colorRoles, isColorValue, themeNames, type ColorRole, type ThemeName} from '../components/theme.js';
import {isKnownKey} from '../keys/keymap.js';
import type {PaneName} from '../components/pane.js';
import {templateFields, unknownPlaceholders} from '../terminal/custom-command-process.js';

export interface ConfigProblem {
	readonly line: number;
	readonly key: string;
	readonly message: string;
}

export interface HostConfig {
	readonly name: string;
	readonly host?: string;
	readonly context?: string;
	readonly readOnly: boolean;
	readonly line: number;
}

export interface CustomCommand {
	readonly view: string;
	readonly key: string;
	readonly label: string;
	/** The argv, each word a template; with shell, one string for `sh -c`. */
	readonly command: readonly string[];
	readonly shell: boolean;
	/** terminal: berth hands the terminal over (like `e`); background: output shown in a view when done. */
	readonly mode: 'terminal' | 'background';
	/** Changes nothing: allowed in read-only mode. */
	readonly safe: boolean;
	readonly line: number;
}

export interface ConfigAlias {
	readonly name: string;
	readonly pane: PaneName;
	readonly filter?: string;
	readonly line: number;
}

/** Settings with a default and a flag; the file gives defaults for the flags. */
export interface FileValues {
	readonly tail?: number | 'all';
	readonly logBuffer?: number;
	readonly bell?: boolean;
	readonly restarts?: number;
	readonly restartWindow?: number;
	readonly chartWindow?: number;
	readonly readOnly?: boolean;
	readonly theme?: ThemeName;
}

export interface FileConfig {
	readonly values: FileValues;
	/** The line each value was set on, for `berth config`. */
	readonly lines: Readonly<Record<string, number>>;
	readonly colors: Readonly<Partial<Record<ColorRole, string>>>;
	readonly keys: ReadonlyMap<string, readonly string[]>;
	readonly keyLines: ReadonlyMap<string, number>;
	readonly aliases: readonly ConfigAlias[];
	readonly hosts: readonly HostConfig[];
	readonly customCommands: readonly CustomCommand[];
}

/** What the checks need to know about this build: action ids, command names, views. */
export interface SchemaContext {
	readonly actionIds: ReadonlySet<string>;
	readonly commandNames: ReadonlySet<string>;
	readonly paneNamed: (word: string) => PaneName | undefined;
	readonly customCommandViews: readonly string[];
	readonly chartWindows: readonly number[];
}

export interface CheckedConfig {
	readonly config: FileConfig;
	readonly errors: readonly ConfigProblem[];
	readonly warnings: readonly ConfigProblem[];
}

/** A key as a person may write it ("enter", "<enter>", "ctrl+C"), in keymap form; undefined when it is none. */
export function normalizeKey(written: string): string | undefined {
	const trimmed = written.trim();
	const lower = trimmed.toLowerCase();
	if (lower.startsWith('ctrl+') && trimmed.length === 6) return isKnownKey(lower) ? lower : undefined;
	if (isKnownKey(trimmed)) return trimmed;
	const named = lower.startsWith('<') ? lower : `<${lower}>`;
	const aliases: Readonly<Record<string, string>> = {'<return>': '<enter>', '<escape>': '<esc>', '<del>': '<delete>', '<pageup>': '<pgup>', '<pagedown>': '<pgdn>'};
	const name = aliases[named] ?? named;
	return isKnownKey(name) ? name : undefined;
}

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

type Report = (line: number, key: string, message: string) => void;

function keyList(entry: ConfigEntry, key: string, error: Report): readonly string[] | undefined {
	const items = entry.value.kind === 'list' ? entry.value.items : [entry.value];
	const keys: string[] = [];
	for (const item of items) {
		const value = item.kind === 'scalar' ? item.value : undefined;
		const normal = typeof value === 'string' || typeof value === 'number' ? normalizeKey(String(value)) : undefined;
		if (!normal) {
			error(item.line, key, `${JSON.stringify(value ?? item.kind)} is not a key berth knows: one character, ctrl+<letter>, or <enter> <esc> <tab> <space> <up> <down> <left> <right> <pgup> <pgdn> <home> <end> <delete> <backspace>`);
			return undefined;
		}
		keys.push(normal);
	}
	if (keys.length === 0) error(entry.line, key, 'needs at least one key');
	return keys.length > 0 ? keys : undefined;
}

function checkAlias(entry: ConfigEntry, context: SchemaContext, error: Report, aliases: ConfigAlias[]): void {
	const key = `aliases.${entry.key}`;
	if (!/^[a-z][\w-]*$/i.test(entry.key)) return error(entry.line, key, 'an alias is one word (letters, digits, - and _)');
	if (context.commandNames.has(entry.key.toLowerCase())) return error(entry.line, key, `:${entry.key} is already one of berth's commands`);
	const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
	const match = typeof value === 'string' ? /^\s*(\S+)\s*(?:\/(.*))?$/.exec(value) : undefined;
	const pane = match?.[1] ? context.paneNamed(match[1].toLowerCase()) : undefined;
	if (!match || !pane) return error(entry.line, key, `needs a view and an optional filter, e.g. "containers /web"; got ${JSON.stringify(value)}`);
	const filter = match[2]?.trim();
	aliases.push({name: entry.key.toLowerCase(), pane, ...(filter ? {filter} : {}), line: entry.line});
}

function fields(node: ConfigNode, key: string, error: Report): ReadonlyMap<string, ConfigEntry> | undefined {
	if (node.kind !== 'map') {
		error(node.line, key, 'needs a mapping (name: value lines)');
		return undefined;
	}
	return new Map(node.entries.map(entry => [entry.key, entry]));
}

function text(entry: ConfigEntry | undefined, key: string, error: Report): string | undefined {
	if (!entry) return undefined;
	const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
	if (typeof value === 'string' && value.trim() !== '') return value;
	error(entry.line, key, `needs some text, got ${JSON.stringify(value ?? entry.value.kind)}`);
	return undefined;
}

function bool(entry: ConfigEntry | undefined, key: string, error: Report): boolean {
	if (!entry) return false;
	const value = entry.value.kind === 'scalar' ? entry.value.value : undefined;
	if (typeof value === 'boolean') return value;
	error(entry.line, key, `needs true or false, got ${JSON.stringify(value ?? entry.value.kind)}`);
	return false;
}

function warnUnknown(entries: ReadonlyMap<string, ConfigEntry>, known: readonly string[], prefix: string, warnings: ConfigProblem[]): void {
	for (const [name, entry] of entries) if (!known.includes(name)) warnings.push({line: entry.line, key: `${prefix}.${name}`, message: 'unknown key, ignored'});
}

function checkHosts(entry: ConfigEntry, error: Report, warnings: ConfigProblem[], hosts: HostConfig[]): void {
	if (entry.value.kind !== 'list') return error(entry.line, 'hosts', 'needs a list of hosts (- name: …)');
	entry.value.items.forEach((item, index) => {
		const key = `hosts[${index}]`;
		const host = fields(item, key, error);
		if (!host) return;
		warnUnknown(host, ['name', 'host', 'context', 'readOnly'], key, warnings);
		const name = text(host.get('name'), `${key}.name`, error);
		if (!host.has('name')) error(item.line, `${key}.name`, 'every host needs a name');
		const address = text(host.get('host'), `${key}.host`, error);
		const contextName = text(host.get('context'), `${key}.context`, error);
		if (address && contextName) error(item.line, key, 'give either host or context, not both');
		if (!host.has('host') && !host.has('context')) error(item.line, key, 'needs a host (unix://, tcp://, ssh://) or a context');
		if (address && !/^(unix|tcp|ssh|npipe):\/\//.test(address)) error(host.get('host')?.line ?? item.line, `${key}.host`, `needs an address like unix:///var/run/docker.sock, tcp://host:2376 or ssh://me@server; got ${JSON.stringify(address)}`);
		if (name && hosts.some(other => other.name === name)) error(host.get('name')?.line ?? item.line, `${key}.name`, `another host is already called ${JSON.stringify(name)}`);
		const readOnly = bool(host.get('readOnly'), `${key}.readOnly`, error);
		if (name) hosts.push({name, ...(address ? {host: address} : {}), ...(contextName ? {context: contextName} : {}), readOnly, line: item.line});
	});
}

function checkCustomCommands(entry: ConfigEntry, context: SchemaContext, error: Report, warnings: ConfigProblem[], commands: CustomCommand[]): void {
	if (entry.value.kind !== 'map') return error(entry.line, 'customCommands', `needs a mapping of views to lists of commands (${context.customCommandViews.join(', ')})`);
	for (const view of entry.value.entries) {
		const viewKey = `customCommands.${view.key}`;
		if (!context.customCommandViews.includes(view.key)) {
			error(view.line, viewKey, `custom commands can be added to ${context.customCommandViews.join(', ')}`);
			continue;
		}
		if (view.value.kind !== 'list') {
			error(view.line, viewKey, 'needs a list of commands (- key: …)');
			continue;
		}
		view.value.items.forEach((item, index) => {
			const key = `${viewKey}[${index}]`;
			const command = fields(item, key, error);
			if (!command) return;
			warnUnknown(command, ['key', 'label', 'command', 'shell', 'mode', 'safe'], key, warnings);
			const keyEntry = command.get('key');
			const keyText = text(keyEntry, `${key}.key`, error);
			const normal = keyText ? normalizeKey(keyText) : undefined;
			if (keyText && !normal) error(keyEntry?.line ?? item.line, `${key}.key`, `${JSON.stringify(keyText)} is not a key berth knows`);
			const label = text(command.get('label'), `${key}.label`, error);
			const shell = bool(command.get('shell'), `${key}.shell`, error);
			const safe = bool(command.get('safe'), `${key}.safe`, error);
			const modeEntry = command.get('mode');
			const mode = modeEntry ? text(modeEntry, `${key}.mode`, error) : 'terminal';
			if (mode !== undefined && mode !== 'terminal' && mode !== 'background') error(modeEntry?.line ?? item.line, `${key}.mode`, `needs terminal or background, got ${JSON.stringify(mode)}`);
			const argv = commandWords(command.get('command'), shell, `${key}.command`, error);
			for (const required of ['key', 'label', 'command']) if (!command.has(required)) error(item.line, `${key}.${required}`, 'is required');
			if (normal && label && argv && (mode === 'terminal' || mode === 'background')) {
				commands.push({view: view.key, key: normal, label, command: argv, shell, mode, safe, line: item.line});
			}
		});
	}
}

/** A command as a list of words, or one string split at spaces; with shell, one string. */
function commandWords(entry: ConfigEntry | undefined, shell: boolean, key: string, error: Report): readonly string[] | undefined {
	if (!entry) return undefined;
	const node = entry.value;
	const words = node.kind === 'scalar' && typeof node.value === 'string' && node.value.trim()
		? (shell ? [node.value] : node.value.trim().split(/\s+/))
		: node.kind === 'list' && !shell && node.items.length > 0 && node.items.every(item => item.kind === 'scalar' && item.value !== null)
			? node.items.map(item => String(item.kind === 'scalar' ? item.value : ''))
			: undefined;
	if (!words) {
		error(entry.line, key, shell ? 'with shell: true, needs one string for sh -c' : 'needs a command: a list of words, or one string split at spaces');
		return undefined;
	}
	const unknown = unknownPlaceholders(words);
	if (unknown.length > 0) {
		error(entry.line, key, `{{.${unknown[0]}}} is not a value berth fills in (${templateFields.map(field => `{{.${field}}}`).join(' ')})`);
		return undefined;
	}
	return words;
}

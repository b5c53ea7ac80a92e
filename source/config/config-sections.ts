// The list-like sections of the configuration file: aliases, hosts and custom
// commands, each problem named by line and key like the rest (config-schema.ts).
import type {ConfigEntry, ConfigNode} from './config-tree.js';
import type {ConfigAlias, ConfigProblem, CustomCommand, HostConfig, Report, SchemaContext} from './config-types.js';
import {templateFields, unknownPlaceholders} from '../terminal/custom-command-process.js';
import {normalizeKey} from './config-keys.js';

export function checkAlias(entry: ConfigEntry, context: SchemaContext, error: Report, aliases: ConfigAlias[]): void {
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

export function checkHosts(entry: ConfigEntry, error: Report, warnings: ConfigProblem[], hosts: HostConfig[]): void {
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

export function checkCustomCommands(entry: ConfigEntry, context: SchemaContext, error: Report, warnings: ConfigProblem[], commands: CustomCommand[]): void {
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

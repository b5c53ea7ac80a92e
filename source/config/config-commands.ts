// `berth keys` and `berth config`: what the keys are and where each setting
// came from, printed for a person (or grep). Both run after the configuration
// is read and applied, so they show this run's keys and values.
import {keysOf} from '../keys/key-settings.js';
import {keyActions} from '../shell/key-actions.js';
import type {LoadedConfig} from './read-config.js';
import type {ResolvedSettings, SettingOrigin} from './settings.js';

export function keysText(): string {
	const actions = keyActions();
	const idWidth = Math.max(...actions.map(action => action.id.length));
	const keyWidth = Math.max(...actions.map(action => keysOf(action.binding).join(' ').length));
	const lines = actions.map(({id, binding}) => {
		const when = binding.when ? ` (${binding.when})` : '';
		const changes = binding.mutates ? '  [changes something: refused in read-only mode]' : '';
		return `${id.padEnd(idWidth)}  ${keysOf(binding).join(' ').padEnd(keyWidth)}  ${binding.description}${when}${changes}`;
	});
	return `${lines.join('\n')}\n`;
}

function origin(value: SettingOrigin): string {
	return value.detail ? `${value.source} (${value.detail})` : value.source;
}

export function configText(loaded: LoadedConfig, resolved: ResolvedSettings, engine: {readonly label: string; readonly origin: string}, lookedAt: string): string {
	const rows: Array<readonly [string, string, string]> = [];
	for (const [name, value] of Object.entries(resolved.settings)) rows.push([name, String(value), origin(resolved.origins[name as keyof typeof resolved.origins])]);
	rows.push(['engine', engine.label, engine.origin]);
	const file = loaded.config;
	const at = (line: number) => `file (${loaded.path ?? ''}:${line})`;
	if (file) {
		for (const [role, value] of Object.entries(file.colors)) rows.push([`colors.${role}`, String(value), at(file.lines[`colors.${role}`] ?? 0)]);
		for (const [id, keys] of file.keys) rows.push([`keys.${id}`, keys.join(' '), at(file.keyLines.get(id) ?? 0)]);
		for (const alias of file.aliases) rows.push([`aliases.${alias.name}`, `${alias.pane}${alias.filter ? ` /${alias.filter}` : ''}`, at(alias.line)]);
		for (const host of file.hosts) rows.push([`hosts.${host.name}`, `${host.host ?? `context ${host.context ?? ''}`}${host.readOnly ? ' (read-only)' : ''}`, at(host.line)]);
		for (const command of file.customCommands) {
			rows.push([`customCommands.${command.view}`, `${command.key} ${command.label}: ${command.shell ? 'sh -c ' : ''}${command.command.join(' ')} (${command.mode}${command.safe ? ', safe' : ''})`, at(command.line)]);
		}
	}
	const nameWidth = Math.max(...rows.map(row => row[0].length));
	const valueWidth = Math.min(40, Math.max(...rows.map(row => row[1].length)));
	const header = loaded.path ? `Configuration file: ${loaded.path}` : `Configuration file: none (${lookedAt} does not exist)`;
	return `${header}\n\n${rows.map(([name, value, from]) => `${name.padEnd(nameWidth)}  ${value.padEnd(valueWidth)}  ${from}`).join('\n')}\n`;
}

// The k9s-style ":" command line: top-level pane names and a few verbs, with completion.
import type {PaneName} from '../components/pane.js';
import {paneDefinitions} from './registry.js';

export type CommandResult =
	/** open: a spec action (a form) to open with the pane, e.g. the plugins view's install. */
	| {readonly kind: 'pane'; readonly pane: PaneName; readonly filter?: string; readonly open?: string}
	| {readonly kind: 'quit'}
	| {readonly kind: 'help'}
	| {readonly kind: 'unknown'; readonly message: string};

interface CommandEntry {
	readonly names: readonly string[];
	readonly result: CommandResult;
}

/** `aliases:` from the configuration file: a name that opens a view, perhaps filtered. */
export interface CommandAlias {
	readonly name: string;
	readonly pane: PaneName;
	readonly filter?: string;
}

// Set once before the first frame (cli.tsx).
let aliases: readonly CommandAlias[] = [];

export function setCommandAliases(configured: readonly CommandAlias[]): void {
	aliases = configured;
}

/** The pane a `:` word names (a top-level pane or one of its aliases), if any. */
export function topLevelPaneNamed(word: string): PaneName | undefined {
	return paneDefinitions.find(pane => pane.isTopLevel && (pane.name === word || pane.aliases.includes(word)))?.name;
}

function commands(): readonly CommandEntry[] {
	return [
		...aliases.map(alias => ({names: [alias.name], result: {kind: 'pane', pane: alias.pane, ...(alias.filter ? {filter: alias.filter} : {})} as const})),
		...paneDefinitions.filter(pane => pane.isTopLevel).map(pane => ({names: [pane.name, ...pane.aliases], result: {kind: 'pane', pane: pane.name} as const})),
		{names: ['plugin-install'], result: {kind: 'pane', pane: 'plugins', open: 'install'}},
		{names: ['quit', 'q', 'q!', 'exit'], result: {kind: 'quit'}},
		{names: ['help', 'h'], result: {kind: 'help'}},
	];
}

/** The main name of every command, for the unknown-command hint and suggestions. */
export function commandNames(): readonly string[] {
	return commands().map(entry => entry.names[0] ?? '');
}

export function runCommandLine(text: string): CommandResult {
	const word = text.trim().replace(/^:/, '').toLowerCase();
	const entry = commands().find(candidate => candidate.names.includes(word));
	if (entry) return entry.result;
	const known = commandNames().map(name => `:${name}`).join(', ');
	return {kind: 'unknown', message: `Unknown command ":${word}". Known commands: ${known}.`};
}

/**
 * Tab completion towards the main names the hint shows: aliases are prefixes of
 * them (vol, volume, volumes), so completing over aliases stopped at one.
 */
export function completeCommand(text: string): string {
	const typed = text.toLowerCase();
	const entries = commands().filter(entry => entry.names.some(name => name.startsWith(typed)));
	// One command meant: its name, even when only an alias matched (ps → containers).
	if (entries.length === 1) return entries[0]?.names[0] ?? text;
	const matches = entries.map(entry => entry.names[0] ?? '').filter(name => name.startsWith(typed));
	if (matches.length === 0) return text;
	let prefix = matches[0] ?? text;
	for (const name of matches) {
		while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
	}
	return prefix.length > typed.length ? prefix : text;
}

/** Names that complete what was typed, shown under the command line. */
export function suggestions(text: string): readonly string[] {
	const typed = text.toLowerCase();
	return commandNames().filter(name => name.startsWith(typed));
}

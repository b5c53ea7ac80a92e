// The k9s-style ":" command line: top-level pane names and a few verbs, with completion.
import type {PaneName} from '../components/pane.js';
import {paneDefinitions} from './registry.js';

export type CommandResult =
	| {readonly kind: 'pane'; readonly pane: PaneName; readonly filter?: string}
	| {readonly kind: 'quit'}
	| {readonly kind: 'help'}
	/** `:ctx NAME` (or `:ctx a,b`): talk to those engines instead. */
	| {readonly kind: 'switch'; readonly names: readonly string[]}
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
	return paneDefinitions.find(pane => pane.isTopLevel && (pane.name === word || pane.commandName === word || pane.aliases.includes(word)))?.name;
}

function commands(): readonly CommandEntry[] {
	return [
		...aliases.map(alias => ({names: [alias.name], result: {kind: 'pane', pane: alias.pane, ...(alias.filter ? {filter: alias.filter} : {})} as const})),
		...paneDefinitions.filter(pane => pane.isTopLevel).map(pane => ({names: [...(pane.commandName ? [pane.commandName] : []), pane.name, ...pane.aliases], result: {kind: 'pane', pane: pane.name} as const})),
		{names: ['quit', 'q', 'q!', 'exit'], result: {kind: 'quit'}},
		{names: ['help', 'h'], result: {kind: 'help'}},
	];
}

/** The main name of every command, for the unknown-command hint and suggestions. */
export function commandNames(): readonly string[] {
	return commands().map(entry => entry.names[0] ?? '');
}

// `:ctx NAME`: the one command that takes an argument.
const switchWords = new Set(['ctx', 'context', 'contexts']);

/** `ctx NAME...` split into the command and its names, or undefined for any other line. */
function switchArguments(text: string): readonly string[] | undefined {
	const [word, ...rest] = text.trim().replace(/^:/, '').split(/[\s,]+/).filter(Boolean);
	if (word === undefined || !switchWords.has(word.toLowerCase()) || rest.length === 0) return undefined;
	return rest;
}

export function runCommandLine(text: string): CommandResult {
	const names = switchArguments(text);
	if (names) return {kind: 'switch', names};
	const word = text.trim().replace(/^:/, '').toLowerCase();
	const entry = commands().find(candidate => candidate.names.includes(word));
	if (entry) return entry.result;
	const known = commandNames().map(name => `:${name}`).join(', ');
	return {kind: 'unknown', message: `Unknown command ":${word}". Known commands: ${known}.`};
}

/** The longest text every match starts with, if longer than what was typed. */
function commonPrefix(matches: readonly string[], typed: string, text: string): string {
	if (matches.length === 0) return text;
	let prefix = matches[0] ?? text;
	for (const name of matches) {
		while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
	}
	return prefix.length > typed.length ? prefix : text;
}

/** After `ctx `: what is being typed, and the line before it. */
function engineArgument(text: string): {readonly head: string; readonly typed: string} | undefined {
	const match = /^(\s*(?:ctx|context|contexts)\s+(?:\S+[\s,]+)*)(\S*)$/i.exec(text);
	return match ? {head: match[1] ?? '', typed: match[2] ?? ''} : undefined;
}

/**
 * Tab completion towards the main names the hint shows: aliases are prefixes of
 * them (vol, volume, volumes), so completing over aliases stopped at one.
 * After `ctx `, engine names (contexts and configured hosts) complete.
 */
export function completeCommand(text: string, engineNames: () => readonly string[] = () => []): string {
	const argument = engineArgument(text);
	if (argument) {
		const matches = engineNames().filter(name => name.startsWith(argument.typed));
		if (matches.length === 1) return `${argument.head}${matches[0] ?? ''}`;
		const completed = commonPrefix(matches, argument.typed, argument.typed);
		return `${argument.head}${completed}`;
	}
	const typed = text.toLowerCase();
	const entries = commands().filter(entry => entry.names.some(name => name.startsWith(typed)));
	// One command meant: its name, even when only an alias matched (ps → containers).
	if (entries.length === 1) return entries[0]?.names[0] ?? text;
	const matches = entries.map(entry => entry.names[0] ?? '').filter(name => name.startsWith(typed));
	return commonPrefix(matches, typed, text);
}

/** Names that complete what was typed, shown under the command line. */
export function suggestions(text: string, engineNames: () => readonly string[] = () => []): readonly string[] {
	const argument = engineArgument(text);
	if (argument) return engineNames().filter(name => name.startsWith(argument.typed)).map(name => `${argument.head.trim()} ${name}`);
	const typed = text.toLowerCase();
	return commandNames().filter(name => name.startsWith(typed));
}

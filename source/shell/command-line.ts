// The k9s-style ":" command line: top-level pane names and a few verbs, with completion.
import type {PaneName} from '../components/pane.js';
import {paneDefinitions} from './registry.js';

export type CommandResult =
	/** params: a form to open there and what was typed after the name (`:login ghcr.io`). */
	| {readonly kind: 'pane'; readonly pane: PaneName; readonly filter?: string; readonly params?: Readonly<Record<string, unknown>>}
	| {readonly kind: 'quit'}
	| {readonly kind: 'help'}
	/** `:ctx NAME` (or `:ctx a,b`): talk to those engines instead. */
	| {readonly kind: 'switch'; readonly names: readonly string[]}
	| {readonly kind: 'unknown'; readonly message: string};

interface CommandEntry {
	readonly names: readonly string[];
	readonly result: CommandResult;
	/** Takes the rest of the line as its argument (`:login HOST`); the others take none. */
	readonly takesArgument?: boolean;
}

/** Verbs that open a view on one of its forms, the rest of the line passed along (docker login, logout, load, import; plugin install). */
const formCommands: readonly CommandEntry[] = [
	{names: ['login'], result: {kind: 'pane', pane: 'images', params: {action: 'login'}}, takesArgument: true},
	{names: ['logout'], result: {kind: 'pane', pane: 'images', params: {action: 'logout'}}, takesArgument: true},
	{names: ['load'], result: {kind: 'pane', pane: 'images', params: {action: 'bringIn', kind: 'load'}}, takesArgument: true},
	{names: ['import'], result: {kind: 'pane', pane: 'images', params: {action: 'bringIn', kind: 'import'}}, takesArgument: true},
	{names: ['plugin-install'], result: {kind: 'pane', pane: 'plugins', params: {action: 'install'}}},
];

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
		...formCommands,
	];
}

/** The main name of every command, for the unknown-command hint and suggestions. */
export function commandNames(): readonly string[] {
	return commands().map(entry => entry.names[0] ?? '');
}

// `:ctx NAME` (or several, by spaces or commas): the engines to talk to.
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
	const line = text.trim().replace(/^:/, '').trim();
	const space = line.search(/\s/);
	const word = (space === -1 ? line : line.slice(0, space)).toLowerCase();
	const argument = space === -1 ? '' : line.slice(space).trim();
	const entry = commands().find(candidate => candidate.names.includes(argument && !candidate.takesArgument ? line.toLowerCase() : word));
	if (entry?.takesArgument && entry.result.kind === 'pane') return {...entry.result, params: {...entry.result.params, argument}};
	if (entry) return entry.result;
	const known = commandNames().map(name => `:${name}`).join(', ');
	return {kind: 'unknown', message: `Unknown command ":${line.toLowerCase()}". Known commands: ${known}.`};
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

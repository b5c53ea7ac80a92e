// Commands as data: the help overlay, the README key table and the tests all
// read these tables, so a key is described in exactly one place. Global keys
// work in every pane; each pane has its own table in source/keys/.
import {isRefused, keysOf, reportRefused} from './key-settings.js';

export interface KeyBinding<C extends string = string> {
	readonly command: C;
	/** Keys as a person types them; named keys are written in angle brackets. */
	readonly keys: readonly string[];
	readonly description: string;
	/** A heading in the help overlay and the README, e.g. 'Navigation'. */
	readonly group: string;
	/** When the command is offered, in words (shown in help). */
	readonly when?: string;
	/**
	 * It changes something (an engine object, a container's insides): read-only
	 * mode refuses it. The one mark read-only reads; spec actions get it from their kind.
	 */
	readonly mutates?: boolean;
}

export type GlobalCommand = 'commandLine' | 'help' | 'back' | 'quit' | 'alerts' | 'previousPane' | 'nextPane';

export const globalKeys: readonly KeyBinding<GlobalCommand>[] = [
	{command: 'commandLine', keys: [':'], description: 'Command line: switch panes by name (Tab completes)', group: 'General'},
	{command: 'help', keys: ['?'], description: 'Show or hide the keys of this pane', group: 'General'},
	{command: 'back', keys: ['<esc>'], description: 'Back to the previous pane', group: 'General'},
	{command: 'previousPane', keys: ['<'], description: 'Previous tab: containers, images, volumes, … alerts', group: 'General'},
	{command: 'nextPane', keys: ['>'], description: 'Next tab', group: 'General'},
	{command: 'alerts', keys: ['!'], description: 'Alerts: OOM kills, crashes, unhealthy, restart loops', group: 'General'},
	{command: 'quit', keys: ['q', 'ctrl+c'], description: 'Quit', group: 'General'},
];

export interface KeyPress {
	readonly input: string;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly delete?: boolean;
	readonly backspace?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly ctrl?: boolean;
}

const namedKeys: Readonly<Record<string, (press: KeyPress) => boolean>> = {
	'<up>': press => Boolean(press.upArrow),
	'<down>': press => Boolean(press.downArrow),
	'<left>': press => Boolean(press.leftArrow),
	'<right>': press => Boolean(press.rightArrow),
	'<pgup>': press => Boolean(press.pageUp),
	'<pgdn>': press => Boolean(press.pageDown),
	'<home>': press => Boolean(press.home),
	'<end>': press => Boolean(press.end),
	'<delete>': press => Boolean(press.delete),
	'<backspace>': press => Boolean(press.backspace),
	'<enter>': press => Boolean(press.return),
	'<esc>': press => Boolean(press.escape),
	'<tab>': press => Boolean(press.tab),
	'<space>': press => press.input === ' ' && !press.ctrl,
};

function matches(key: string, press: KeyPress): boolean {
	const named = namedKeys[key];
	if (named) return named(press);
	if (key.startsWith('ctrl+')) return Boolean(press.ctrl) && press.input === key.slice(5);
	return !press.ctrl && !press.escape && press.input === key;
}

/** Whether a key as written in a binding (or a configuration file) is one berth can tell apart. */
export function isKnownKey(key: string): boolean {
	if (key in namedKeys) return true;
	if (key.startsWith('ctrl+')) return /^[a-z]$/.test(key.slice(5));
	return [...key].length === 1 && key !== ' ' && key.charCodeAt(0) >= 0x21 && key.charCodeAt(0) !== 0x7F;
}

/**
 * The command a key press means in a table of bindings, if any, with the keys
 * of this run (remapped by the configuration). In read-only mode a command that
 * changes something is refused here, the one place keys become commands: it is
 * reported (the status line says "read-only") and the press means nothing.
 */
export function commandFor<C extends string>(press: KeyPress, bindings: readonly KeyBinding<C>[]): C | undefined {
	const binding = bindings.find(candidate => keysOf(candidate).some(key => matches(key, press)));
	if (binding && isRefused(binding)) {
		reportRefused(binding);
		return undefined;
	}
	return binding?.command;
}

/** One markdown table of bindings, for the README. */
export function keyTableMarkdown(bindings: readonly KeyBinding[]): string {
	const rows = bindings.map(binding => {
		const keys = binding.keys.map(key => `\`${key}\``).join(' ');
		const when = binding.when ? ` (${binding.when})` : '';
		return `| ${keys} | ${binding.description}${when} |`;
	});
	return ['| Keys | Action |', '| --- | --- |', ...rows].join('\n');
}

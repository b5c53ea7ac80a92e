// Commands as data: the help overlay, the README key table and the tests all
// read this table, so a key is described in exactly one place.

export type Command =
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'filter'
	| 'commandLine'
	| 'toggleStopped'
	| 'sortName'
	| 'sortState'
	| 'sortCpu'
	| 'sortMemory'
	| 'startStop'
	| 'restart'
	| 'pause'
	| 'kill'
	| 'remove'
	| 'help'
	| 'quit';

export type KeyGroup = 'Navigation' | 'View' | 'Container actions' | 'General';

export interface KeyBinding {
	readonly command: Command;
	/** Keys as a person types them; named keys are written in angle brackets. */
	readonly keys: readonly string[];
	readonly description: string;
	readonly group: KeyGroup;
	/** When the command is offered, in words (shown in help). */
	readonly when?: string;
}

export const keymap: readonly KeyBinding[] = [
	{command: 'up', keys: ['<up>', 'k'], description: 'Move up', group: 'Navigation'},
	{command: 'down', keys: ['<down>', 'j'], description: 'Move down', group: 'Navigation'},
	{command: 'pageUp', keys: ['<pgup>', 'ctrl+b'], description: 'Page up', group: 'Navigation'},
	{command: 'pageDown', keys: ['<pgdn>', 'ctrl+f'], description: 'Page down', group: 'Navigation'},
	{command: 'top', keys: ['g', '<home>'], description: 'Go to the first row', group: 'Navigation'},
	{command: 'bottom', keys: ['G', '<end>'], description: 'Go to the last row', group: 'Navigation'},
	{command: 'filter', keys: ['/'], description: 'Filter by name or image (Enter keeps, Esc clears)', group: 'View'},
	{command: 'commandLine', keys: [':'], description: 'Command line: :containers, :q (Tab completes)', group: 'View'},
	{command: 'toggleStopped', keys: ['a'], description: 'Show or hide stopped containers', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by name (again to reverse)', group: 'View'},
	{command: 'sortState', keys: ['S'], description: 'Sort by state (again to reverse)', group: 'View'},
	{command: 'sortCpu', keys: ['C'], description: 'Sort by CPU (again to reverse)', group: 'View'},
	{command: 'sortMemory', keys: ['M'], description: 'Sort by memory (again to reverse)', group: 'View'},
	{command: 'startStop', keys: ['s'], description: 'Stop (running) or start (stopped)', group: 'Container actions'},
	{command: 'restart', keys: ['r'], description: 'Restart', group: 'Container actions', when: 'running or stopped'},
	{command: 'pause', keys: ['p'], description: 'Pause / unpause', group: 'Container actions', when: 'running or paused'},
	{command: 'kill', keys: ['K'], description: 'Kill (SIGKILL)', group: 'Container actions', when: 'running or paused'},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; force and volumes optional)', group: 'Container actions'},
	{command: 'help', keys: ['?'], description: 'Show or hide this help', group: 'General'},
	{command: 'quit', keys: ['q', 'ctrl+c'], description: 'Quit', group: 'General'},
];

export interface KeyPress {
	readonly input: string;
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly home?: boolean;
	readonly end?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
}

function matches(key: string, press: KeyPress): boolean {
	switch (key) {
		case '<up>': return Boolean(press.upArrow);
		case '<down>': return Boolean(press.downArrow);
		case '<pgup>': return Boolean(press.pageUp);
		case '<pgdn>': return Boolean(press.pageDown);
		case '<home>': return Boolean(press.home);
		case '<end>': return Boolean(press.end);
		case '<delete>': return Boolean(press.delete);
		default:
			if (key.startsWith('ctrl+')) return Boolean(press.ctrl) && press.input === key.slice(5);
			return !press.ctrl && press.input === key;
	}
}

/** The command a key press means, if any. */
export function commandFor(press: KeyPress): Command | undefined {
	return keymap.find(binding => binding.keys.some(key => matches(key, press)))?.command;
}

/** Markdown key table for the README; a unit test keeps the README equal to it. */
export function keyTableMarkdown(): string {
	const rows = keymap.map(binding => {
		const keys = binding.keys.map(key => `\`${key}\``).join(' ');
		const when = binding.when ? ` (${binding.when})` : '';
		return `| ${keys} | ${binding.description}${when} |`;
	});
	return ['| Keys | Action |', '| --- | --- |', ...rows].join('\n');
}

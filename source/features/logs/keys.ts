import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type LogsCommand =
	| ListCommand
	| 'search'
	| 'nextMatch'
	| 'previousMatch'
	| 'filter'
	| 'context'
	| 'timestamps'
	| 'wrap'
	| 'colours'
	| 'since'
	| 'tail'
	| 'mark'
	| 'copyLine'
	| 'copyId'
	| 'save'
	| 'exec'
	| 'attach'
	| 'run';

export const logsKeys: readonly KeyBinding<LogsCommand>[] = [
	...listKeys.map(binding => (binding.command === 'bottom'
		? {...binding, description: 'Go to the newest line and follow again'}
		: binding.command === 'top'
			? {...binding, description: 'Go to the oldest loaded line (again: load older)'}
			: binding)),
	{command: 'search', keys: ['/'], description: 'Search, into older history too (Tab: regex; capitals: exact case)', group: 'Search'},
	{command: 'nextMatch', keys: ['n'], description: 'Next match (older)', group: 'Search'},
	{command: 'previousMatch', keys: ['N'], description: 'Previous match (newer)', group: 'Search'},
	{command: 'filter', keys: ['f'], description: 'Show only matching lines (Tab: regex; Esc clears)', group: 'Search'},
	{command: 'context', keys: ['c'], description: 'Lines of context around filter matches (0, 2, 5)', group: 'Search'},
	{command: 'timestamps', keys: ['t'], description: 'Show or hide timestamps', group: 'View'},
	{command: 'wrap', keys: ['w'], description: 'Wrap long lines or cut them', group: 'View'},
	{command: 'colours', keys: ['C'], description: 'Keep or drop the log\'s own colours', group: 'View'},
	{command: 'since', keys: ['s'], description: 'Since: all, 5m, 1h, 24h', group: 'View'},
	{command: 'tail', keys: ['T'], description: 'Lines to open on: 200, 1000, 5000, 20000, all', group: 'View'},
	{command: 'mark', keys: ['v'], description: 'Mark the start of a range to copy (again: unmark)', group: 'Copy and save'},
	{command: 'copyLine', keys: ['y'], description: 'Copy the line or the marked range (OSC 52)', group: 'Copy and save'},
	{command: 'copyId', keys: ['Y'], description: 'Copy the container ID', group: 'Copy and save'},
	{command: 'save', keys: ['S'], description: 'Save the loaded (or filtered) lines to a file', group: 'Copy and save'},
	{command: 'exec', keys: ['e'], description: 'Shell in the container (bash, else sh)', group: 'Container', when: 'running', mutates: true},
	{command: 'attach', keys: ['A'], description: 'Attach to the main process (detach: ctrl+p ctrl+q)', group: 'Container', when: 'running', mutates: true},
	{command: 'run', keys: ['x'], description: 'Run one command and show its output', group: 'Container', when: 'running', mutates: true},
];

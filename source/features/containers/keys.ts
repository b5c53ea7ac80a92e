import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type ContainersCommand =
	| ListCommand
	| 'filter'
	| 'toggleStopped'
	| 'groupByProject'
	| 'sortName'
	| 'sortState'
	| 'sortCpu'
	| 'sortMemory'
	| 'sortNetwork'
	| 'sortBlock'
	| 'startStop'
	| 'restart'
	| 'pause'
	| 'kill'
	| 'remove'
	| 'detail'
	| 'inspect'
	| 'events'
	| 'mark'
	| 'logs'
	| 'projectLogs'
	| 'exec'
	| 'attach'
	| 'run'
	| 'rename'
	| 'update'
	| 'copy'
	| 'export'
	| 'commit'
	| 'prune';

export const containersKeys: readonly KeyBinding<ContainersCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter by name, image, compose project or service (Enter keeps, Esc clears)', group: 'View'},
	{command: 'toggleStopped', keys: ['a'], description: 'Show or hide stopped containers', group: 'View'},
	{command: 'groupByProject', keys: ['P'], description: 'Group by compose project (a header row each), or not', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by name (again to reverse)', group: 'View'},
	{command: 'sortState', keys: ['S'], description: 'Sort by state (again to reverse)', group: 'View'},
	{command: 'sortCpu', keys: ['C'], description: 'Sort by CPU (again to reverse)', group: 'View'},
	{command: 'sortMemory', keys: ['M'], description: 'Sort by memory (again to reverse)', group: 'View'},
	{command: 'sortNetwork', keys: ['T'], description: 'Sort by network traffic, rx + tx (again to reverse)', group: 'View'},
	{command: 'sortBlock', keys: ['B'], description: 'Sort by block I/O, read + write (again to reverse)', group: 'View'},
	{command: 'detail', keys: ['<enter>'], description: 'Live charts and limits of the selected container', group: 'View'},
	{command: 'startStop', keys: ['s'], description: 'Stop (running) or start (stopped)', group: 'Container actions', mutates: true},
	{command: 'restart', keys: ['r'], description: 'Restart', group: 'Container actions', when: 'running or stopped', mutates: true},
	{command: 'pause', keys: ['p'], description: 'Pause / unpause', group: 'Container actions', when: 'running or paused', mutates: true},
	{command: 'kill', keys: ['K'], description: 'Kill (asks which signal)', group: 'Container actions', when: 'running or paused', mutates: true},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; force and volumes optional)', group: 'Container actions', mutates: true},
	{command: 'rename', keys: ['R'], description: 'Rename (asks the new name)', group: 'Container actions', mutates: true},
	{command: 'update', keys: ['U'], description: 'Update limits and restart policy (a form: CPUs, memory, memory+swap, PIDs)', group: 'Container actions', mutates: true},
	{command: 'copy', keys: ['c'], description: 'Copy files in or out (as docker cp)', group: 'Container actions', mutates: true},
	// Writes a local file and changes nothing in the engine, as saving a log does: read-only mode allows it.
	{command: 'export', keys: ['O'], description: 'Export the filesystem to a tar file', group: 'Container actions'},
	{command: 'commit', keys: ['I'], description: 'Commit to an image (asks repository:tag, message)', group: 'Container actions', mutates: true},
	{command: 'prune', keys: ['X'], description: 'Prune stopped ones (lists them, then asks)', group: 'Container actions', mutates: true},
	{command: 'inspect', keys: ['i'], description: 'Inspect, processes, filesystem changes, restart & health', group: 'Container actions'},
	{command: 'events', keys: ['E'], description: 'Events of the selected container (last 15 min, then live)', group: 'View'},
	{command: 'mark', keys: ['<space>'], description: 'Mark or unmark; keys act on all marked', group: 'Logs and shell'},
	{command: 'logs', keys: ['l'], description: 'Logs of the marked containers (merged), else of this one', group: 'Logs and shell'},
	{command: 'projectLogs', keys: ['L'], description: 'Merged logs of this container\'s compose project', group: 'Logs and shell'},
	{command: 'exec', keys: ['e'], description: 'Shell in the container (bash, else sh)', group: 'Logs and shell', when: 'running', mutates: true},
	{command: 'attach', keys: ['A'], description: 'Attach to the main process (detach: ctrl+p ctrl+q)', group: 'Logs and shell', when: 'running', mutates: true},
	{command: 'run', keys: ['x'], description: 'Run one command in the container and show its output', group: 'Logs and shell', when: 'running', mutates: true},
];

import type {KeyBinding} from '../keymap.js';
import {listKeys, type ListCommand} from './list-keys.js';

export type ContainersCommand =
	| ListCommand
	| 'filter'
	| 'toggleStopped'
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
	| 'events';

export const containersKeys: readonly KeyBinding<ContainersCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter by name or image (Enter keeps, Esc clears)', group: 'View'},
	{command: 'toggleStopped', keys: ['a'], description: 'Show or hide stopped containers', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by name (again to reverse)', group: 'View'},
	{command: 'sortState', keys: ['S'], description: 'Sort by state (again to reverse)', group: 'View'},
	{command: 'sortCpu', keys: ['C'], description: 'Sort by CPU (again to reverse)', group: 'View'},
	{command: 'sortMemory', keys: ['M'], description: 'Sort by memory (again to reverse)', group: 'View'},
	{command: 'sortNetwork', keys: ['T'], description: 'Sort by network traffic, rx + tx (again to reverse)', group: 'View'},
	{command: 'sortBlock', keys: ['B'], description: 'Sort by block I/O, read + write (again to reverse)', group: 'View'},
	{command: 'detail', keys: ['<enter>'], description: 'Live charts and limits of the selected container', group: 'View'},
	{command: 'startStop', keys: ['s'], description: 'Stop (running) or start (stopped)', group: 'Container actions'},
	{command: 'restart', keys: ['r'], description: 'Restart', group: 'Container actions', when: 'running or stopped'},
	{command: 'pause', keys: ['p'], description: 'Pause / unpause', group: 'Container actions', when: 'running or paused'},
	{command: 'kill', keys: ['K'], description: 'Kill (SIGKILL)', group: 'Container actions', when: 'running or paused'},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; force and volumes optional)', group: 'Container actions'},
	{command: 'inspect', keys: ['i'], description: 'Inspect, processes, filesystem changes, restart & health', group: 'Container actions'},
	{command: 'events', keys: ['E'], description: 'Events of the selected container (last 15 min, then live)', group: 'View'},
];

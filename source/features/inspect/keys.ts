import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type InspectCommand = ListCommand | 'search' | 'nextView' | 'inspectView' | 'processesView' | 'changesView' | 'healthView' | 'reveal' | 'refresh';

export const inspectKeys: readonly KeyBinding<InspectCommand>[] = [
	...listKeys,
	{command: 'search', keys: ['/'], description: 'Search (Enter finds, n/N next/previous, Esc clears)', group: 'View'},
	{command: 'nextView', keys: ['<tab>'], description: 'Next view: inspect, processes, changes, restart & health', group: 'View'},
	{command: 'inspectView', keys: ['1'], description: 'Inspect: the engine\'s full description, pretty', group: 'View'},
	{command: 'processesView', keys: ['2'], description: 'Processes (top)', group: 'View'},
	{command: 'changesView', keys: ['3'], description: 'Filesystem changes since the container started', group: 'View'},
	{command: 'healthView', keys: ['4'], description: 'Restart policy and health check log', group: 'View'},
	{command: 'reveal', keys: ['v'], description: 'Show or mask env values that look secret (PASS, SECRET, TOKEN, KEY)', group: 'View'},
	{command: 'refresh', keys: ['r'], description: 'Read again from the engine', group: 'View'},
];

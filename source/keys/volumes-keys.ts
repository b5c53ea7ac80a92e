import type {KeyBinding} from '../keymap.js';
import {listKeys, type ListCommand} from './list-keys.js';

export type VolumesCommand = ListCommand | 'filter' | 'sortName' | 'sortSize' | 'sortUsed' | 'inspect' | 'create' | 'remove' | 'prune';

export const volumesKeys: readonly KeyBinding<VolumesCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter by any column (Enter keeps, Esc clears)', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by name (again to reverse)', group: 'View'},
	{command: 'sortSize', keys: ['Z'], description: 'Sort by size (again to reverse)', group: 'View'},
	{command: 'sortUsed', keys: ['U'], description: 'Sort by containers using it (again to reverse)', group: 'View'},
	{command: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: driver, mountpoint, labels, options, users', group: 'Volume actions'},
	{command: 'create', keys: ['c'], description: 'Create a volume (name, driver)', group: 'Volume actions'},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; refused while a container uses it)', group: 'Volume actions'},
	{command: 'prune', keys: ['X'], description: 'Prune unused volumes: the list and size first, then asks', group: 'Volume actions'},
];

import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type SystemCommand = ListCommand | 'search' | 'refresh' | 'prune' | 'pruneBuildCache';

export const systemKeys: readonly KeyBinding<SystemCommand>[] = [
	...listKeys,
	{command: 'search', keys: ['/'], description: 'Search the text (Enter finds, n/N next/previous, Esc clears)', group: 'View'},
	{command: 'refresh', keys: ['r'], description: 'Read engine info and disk usage again', group: 'View'},
	{command: 'prune', keys: ['X'], description: 'Prune all unused: lists what goes, then asks', group: 'System actions', mutates: true},
	{command: 'pruneBuildCache', keys: ['B'], description: 'Prune the build cache only: lists the entries, then asks', group: 'System actions', mutates: true},
];

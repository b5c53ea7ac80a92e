import type {KeyBinding} from '../keymap.js';
import {listKeys, type ListCommand} from './list-keys.js';

export type ImagesCommand = ListCommand | 'filter' | 'sortName' | 'sortSize' | 'sortAge' | 'sortUsed' | 'toggleDangling'
	| 'inspect' | 'history' | 'pull' | 'tag' | 'push' | 'remove' | 'prune' | 'run' | 'build';

export const imagesKeys: readonly KeyBinding<ImagesCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter by any column (Enter keeps, Esc clears)', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by repository:tag (again to reverse)', group: 'View'},
	{command: 'sortSize', keys: ['Z'], description: 'Sort by size (again to reverse)', group: 'View'},
	{command: 'sortAge', keys: ['A'], description: 'Sort by age (again to reverse)', group: 'View'},
	{command: 'sortUsed', keys: ['U'], description: 'Sort by containers using it (again to reverse)', group: 'View'},
	{command: 'toggleDangling', keys: ['a'], description: 'Show or hide dangling (untagged) images', group: 'View'},
	{command: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: entrypoint, cmd, env, ports, labels, layers (/ searches)', group: 'Image actions'},
	{command: 'history', keys: ['h'], description: 'History: the command and size of each layer', group: 'Image actions'},
	{command: 'pull', keys: ['p'], description: 'Pull an image by name, with per-layer progress (Esc cancels)', group: 'Image actions'},
	{command: 'tag', keys: ['t'], description: 'Tag the selected image', group: 'Image actions'},
	{command: 'push', keys: ['P'], description: 'Push the selected repository:tag to its registry, with progress', group: 'Image actions'},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; f forces)', group: 'Image actions'},
	{command: 'prune', keys: ['X'], description: 'Prune dangling (a: all unused) images: the list and size first, then asks', group: 'Image actions'},
	{command: 'run', keys: ['R'], description: 'Run a container from the selected image (a small form)', group: 'Image actions'},
	{command: 'build', keys: ['b'], description: 'Build an image from a directory with a Dockerfile', group: 'Image actions'},
];

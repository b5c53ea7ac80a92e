import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type ContextsCommand = ListCommand | 'use' | 'mark' | 'previous';

export const contextsKeys: readonly KeyBinding<ContextsCommand>[] = [
	...listKeys,
	{command: 'use', keys: ['<enter>'], description: 'Switch berth to this engine (or to the marked ones, all at once)', group: 'Contexts'},
	{command: 'mark', keys: ['<space>'], description: 'Mark or unmark: Enter then watches every marked engine together', group: 'Contexts'},
	{command: 'previous', keys: ['-'], description: 'Back to the engines in use before the last switch', group: 'Contexts'},
];

import type {KeyBinding} from './keymap.js';

/** How a key answers a yes/no question (remove, prune): the same keys in every pane. */
export type ConfirmCommand = 'yes' | 'no';

export const confirmKeys: readonly KeyBinding<ConfirmCommand>[] = [
	{command: 'yes', keys: ['y', '<enter>'], description: 'Yes, go ahead', group: 'Questions'},
	{command: 'no', keys: ['n', '<esc>'], description: 'No, leave it', group: 'Questions'},
];

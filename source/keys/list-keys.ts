import type {KeyBinding} from './keymap.js';

/** Movement shared by every pane that shows a list, so all of them move alike. */
export type ListCommand = 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom';

export const listKeys: readonly KeyBinding<ListCommand>[] = [
	{command: 'up', keys: ['<up>', 'k'], description: 'Move up', group: 'Navigation'},
	{command: 'down', keys: ['<down>', 'j'], description: 'Move down', group: 'Navigation'},
	{command: 'pageUp', keys: ['<pgup>', 'ctrl+b'], description: 'Page up', group: 'Navigation'},
	{command: 'pageDown', keys: ['<pgdn>', 'ctrl+f'], description: 'Page down', group: 'Navigation'},
	{command: 'top', keys: ['g', '<home>'], description: 'Go to the first row', group: 'Navigation'},
	{command: 'bottom', keys: ['G', '<end>'], description: 'Go to the last row', group: 'Navigation'},
];

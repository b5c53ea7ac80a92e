import type {KeyBinding} from '../../keys/keymap.js';

export type DetailCommand = 'widerWindow' | 'narrowerWindow';

export const detailKeys: readonly KeyBinding<DetailCommand>[] = [
	{command: 'widerWindow', keys: [']', '+'], description: 'Longer chart window (30s, 1m, 2m, 5m, 10m)', group: 'Charts'},
	{command: 'narrowerWindow', keys: ['[', '-'], description: 'Shorter chart window', group: 'Charts'},
];

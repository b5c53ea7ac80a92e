import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type EventsCommand = ListCommand | 'filter' | 'toggleHealthChecks' | 'since' | 'pause' | 'openContainer';

export const eventsKeys: readonly KeyBinding<EventsCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter, e.g. type=container action=die name=web', group: 'View'},
	{command: 'toggleHealthChecks', keys: ['h'], description: 'Show or fold health-check execs', group: 'View'},
	{command: 'since', keys: ['t'], description: 'History: live, 15m, 1h, 24h (loads, then live)', group: 'View'},
	{command: 'pause', keys: ['p', '<space>'], description: 'Pause / resume the list (events still arrive)', group: 'View'},
	{command: 'openContainer', keys: ['<enter>'], description: 'Logs of the event\'s container', group: 'Container actions', when: 'on a container event'},
];

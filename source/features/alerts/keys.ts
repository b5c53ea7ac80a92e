import type {KeyBinding} from '../../keys/keymap.js';
import {listKeys, type ListCommand} from '../../keys/list-keys.js';

export type AlertsCommand = ListCommand | 'logs' | 'events' | 'container' | 'toggleBell' | 'clear';

export const alertsKeys: readonly KeyBinding<AlertsCommand>[] = [
	...listKeys,
	{command: 'logs', keys: ['<enter>', 'l'], description: 'Logs of the alert\'s container', group: 'Alerts'},
	{command: 'container', keys: ['c'], description: 'The alert\'s container in the container list', group: 'Alerts'},
	{command: 'events', keys: ['E'], description: 'Events of the alert\'s container', group: 'Alerts'},
	{command: 'toggleBell', keys: ['b'], description: 'Turn the bell on new alerts off or on', group: 'Alerts'},
	{command: 'clear', keys: ['x'], description: 'Clear the list', group: 'Alerts'},
];

import type {KeyBinding} from '../keymap.js';
import {listKeys, type ListCommand} from './list-keys.js';

export type NetworksCommand = ListCommand | 'filter' | 'sortName' | 'sortDriver' | 'sortAttached' | 'inspect' | 'create' | 'remove' | 'connect' | 'disconnect';

export const networksKeys: readonly KeyBinding<NetworksCommand>[] = [
	...listKeys,
	{command: 'filter', keys: ['/'], description: 'Filter by any column (Enter keeps, Esc clears)', group: 'View'},
	{command: 'sortName', keys: ['N'], description: 'Sort by name (again to reverse)', group: 'View'},
	{command: 'sortDriver', keys: ['D'], description: 'Sort by driver (again to reverse)', group: 'View'},
	{command: 'sortAttached', keys: ['U'], description: 'Sort by attached containers (again to reverse)', group: 'View'},
	{command: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: subnets, gateways, containers with addresses', group: 'Network actions'},
	{command: 'create', keys: ['c'], description: 'Create a network (name, driver, subnet)', group: 'Network actions'},
	{command: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first)', group: 'Network actions', when: 'not bridge, host or none'},
	{command: 'connect', keys: ['C'], description: 'Connect a container, chosen from a list', group: 'Network actions'},
	{command: 'disconnect', keys: ['x'], description: 'Disconnect an attached container, chosen from a list', group: 'Network actions'},
];

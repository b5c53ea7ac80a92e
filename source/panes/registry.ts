// Every pane berth has, with the names the `:` command line knows it by, its
// keys (for help and the README) and its hints (for the status line).
import type {ReactNode} from 'react';
import type {KeyBinding} from '../keymap.js';
import {containersKeys} from '../keys/containers-keys.js';
import {alertsKeys} from '../keys/alerts-keys.js';
import {eventsKeys} from '../keys/events-keys.js';
import {AlertsPane} from './alerts-pane.js';
import {ContainersPane} from './containers-pane.js';
import {EventsPane} from './events-pane.js';
import type {PaneName, PaneProps} from './pane.js';

export interface PaneDefinition {
	readonly name: PaneName;
	readonly title: string;
	/** Other names for `:name`; the first is what completion offers. */
	readonly aliases: readonly string[];
	/** Reachable with `:name`; panes that need params (logs of which container?) are opened from another pane. */
	readonly isTopLevel: boolean;
	readonly component: (props: PaneProps) => ReactNode;
	readonly keys: readonly KeyBinding[];
	/** The status line when nothing else is said. */
	readonly hints: string;
}

export const paneDefinitions: readonly PaneDefinition[] = [
	{
		name: 'containers',
		title: 'Containers',
		aliases: ['container', 'co', 'ps'],
		isTopLevel: true,
		component: ContainersPane,
		keys: containersKeys,
		hints: '? help  / filter  : command  s start/stop  r restart  p pause  K kill  d remove  a all  q quit',
	},
	{
		name: 'events',
		title: 'Events',
		aliases: ['event', 'ev'],
		isTopLevel: true,
		component: EventsPane,
		keys: eventsKeys,
		hints: '? help  / filter  h health checks  t history  p pause  Enter logs  Esc back  q quit',
	},
	{
		name: 'alerts',
		title: 'Alerts',
		aliases: ['alert', 'al'],
		isTopLevel: true,
		component: AlertsPane,
		keys: alertsKeys,
		hints: '? help  Enter logs  c container  E events  b bell on/off  x clear  Esc back  q quit',
	},
];

/** Whether this build has a pane (panes land one by one; a key must not open a missing one). */
export function hasPane(name: PaneName): boolean {
	return paneDefinitions.some(definition => definition.name === name);
}

export function paneDefinition(name: PaneName): PaneDefinition {
	const found = paneDefinitions.find(definition => definition.name === name);
	if (!found) throw new Error(`no pane named ${name}`);
	return found;
}

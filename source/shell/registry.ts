// Every pane berth has, with the names the `:` command line knows it by, its
// keys (for help and the README) and its hints (for the status line).
import {createElement, type ReactNode} from 'react';
import {ResourcePane} from '../components/resource-pane.js';
import {specKeys, type ResourceSpec} from '../components/resource-spec.js';
import {imagesSpec} from '../features/images/spec.js';
import {networksSpec} from '../features/networks/spec.js';
import {volumesSpec} from '../features/volumes/spec.js';
import {composeSpec} from '../features/compose/spec.js';
import {configsSpec} from '../features/configs/spec.js';
import {nodesSpec} from '../features/nodes/spec.js';
import {secretsSpec} from '../features/secrets/spec.js';
import {servicesSpec} from '../features/services/spec.js';
import {stacksSpec} from '../features/stacks/spec.js';
import {tasksSpec} from '../features/tasks/spec.js';
import {pluginsSpec} from '../features/plugins/spec.js';
import {listKeys} from '../keys/list-keys.js';
import type {KeyBinding} from '../keys/keymap.js';
import {containersKeys} from '../features/containers/keys.js';
import {alertsKeys} from '../features/alerts/keys.js';
import {detailKeys} from '../features/detail/keys.js';
import {eventsKeys} from '../features/events/keys.js';
import {inspectKeys} from '../features/inspect/keys.js';
import {systemKeys} from '../features/system/keys.js';
import {AlertsPane} from '../features/alerts/pane.js';
import {ContainerInspectPane} from '../features/inspect/pane.js';
import {ContainersPane} from '../features/containers/pane.js';
import {DetailPane} from '../features/detail/pane.js';
import {EventsPane} from '../features/events/pane.js';
import {SystemPane} from '../features/system/pane.js';
import {logsKeys} from '../features/logs/keys.js';
import {LogsPane} from '../features/logs/pane.js';
import {OutputPane} from '../features/command-output/pane.js';
import {ContextsPane} from '../features/contexts/pane.js';
import {contextsKeys} from '../features/contexts/keys.js';
import type {PaneName, PaneProps} from '../components/pane.js';

export interface PaneDefinition {
	readonly name: PaneName;
	readonly title: string;
	/** Other names for `:name`; the first is what completion offers. */
	readonly aliases: readonly string[];
	/** The name the command line offers and completes to, when not the pane's own (`:ctx`, as in k9s). */
	readonly commandName?: string;
	/** Reachable with `:name`; panes that need params (logs of which container?) are opened from another pane. */
	readonly isTopLevel: boolean;
	/** Left out of the tab line (and < >) though `:name` opens it: the Swarm views, useless off a manager and too many to fit. */
	readonly isUntabbed?: boolean;
	readonly component: (props: PaneProps) => ReactNode;
	readonly keys: readonly KeyBinding[];
	/** The status line when nothing else is said. */
	readonly hints: string;
	/** Takes custom commands from the configuration file (it knows what their templates' values are for a row). */
	readonly takesCustomCommands?: boolean;
}

export const paneDefinitions: readonly PaneDefinition[] = [
	{
		name: 'containers',
		title: 'Containers',
		aliases: ['container', 'co', 'ps'],
		isTopLevel: true,
		component: ContainersPane,
		keys: containersKeys,
		takesCustomCommands: true,
		hints: '? help  / filter  : command  l logs  space mark  e shell  s start/stop  r restart  p pause  K kill  d remove  a all  q quit',
	},
	{
		name: 'logs',
		title: 'Logs',
		aliases: [],
		isTopLevel: false,
		component: LogsPane,
		keys: logsKeys,
		hints: '? help  / search  n/N next  f filter  t time  w wrap  s since  y copy  S save  e shell  End follow  Esc back',
	},
	{
		name: 'detail',
		title: 'Container detail',
		aliases: [],
		isTopLevel: false,
		component: DetailPane,
		keys: detailKeys,
		hints: '? help  [ ] chart window  Esc back  q quit',
	},
	specPane(imagesSpec),
	specPane(volumesSpec),
	specPane(networksSpec),
	specPane(composeSpec),
	{
		name: 'system',
		title: 'System',
		aliases: ['sys', 'info', 'df'],
		isTopLevel: true,
		component: SystemPane,
		keys: systemKeys,
		hints: '? help  j/k scroll  / search  r refresh  X prune everything  B prune build cache',
	},
	{
		name: 'inspect',
		title: 'Container inspect',
		aliases: [],
		isTopLevel: false,
		component: ContainerInspectPane,
		keys: inspectKeys,
		hints: '? help  Tab/1-4 views  j/k scroll  / search  v reveal secrets  r refresh  Esc back',
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
	{
		name: 'output',
		title: 'Command output',
		aliases: [],
		isTopLevel: false,
		component: OutputPane,
		keys: [...listKeys, {command: 'search', keys: ['/'], description: 'Search the output (Enter finds, n/N next/previous, Esc clears)', group: 'View'}],
		hints: '? help  j/k scroll  / search  Esc back',
	},
	{
		name: 'contexts',
		title: 'Contexts',
		aliases: ['context'],
		// `cont` still completes to containers.
		commandName: 'ctx',
		isTopLevel: true,
		// Reached by :ctx, as in k9s: not a tab.
		isUntabbed: true,
		component: ContextsPane,
		keys: contextsKeys,
		hints: '? help  Enter switch  space mark several  - previous engine  Esc back',
	},
	// Swarm: manager-only lists; on any other engine each says so in one line.
	{...specPane(servicesSpec), isUntabbed: true},
	{...specPane(tasksSpec), isUntabbed: true},
	{...specPane(nodesSpec), isUntabbed: true},
	{...specPane(stacksSpec), isUntabbed: true},
	{...specPane(secretsSpec), isUntabbed: true},
	{...specPane(configsSpec), isUntabbed: true},
	// Plugins: looked at rarely, so reached by `:plugins` rather than a tab.
	{...specPane(pluginsSpec), isUntabbed: true},
];

/** A resource view's pane: its spec drawn by the one ResourcePane, its keys from the spec. */
function specPane<Row, Extra>(spec: ResourceSpec<Row, Extra>): PaneDefinition {
	const keys = specKeys(spec, listKeys);
	return {
		name: spec.name, title: spec.title, aliases: spec.aliases, isTopLevel: true, keys, hints: spec.hints,
		...(spec.commandValues ? {takesCustomCommands: true} : {}),
		component: props => createElement(ResourcePane<Row, Extra>, {...props, spec, keys}),
	};
}

/** Whether this build has a pane (panes land one by one; a key must not open a missing one). */
export function hasPane(name: PaneName): boolean {
	return paneDefinitions.some(definition => definition.name === name);
}

export function paneDefinition(name: PaneName): PaneDefinition {
	const found = paneDefinitions.find(definition => definition.name === name);
	if (!found) throw new Error(`no pane named ${name}`);
	return found;
}

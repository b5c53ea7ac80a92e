import type {ResourceSpec} from '../../components/resource-spec.js';
import {EngineError} from '../../engine/transport/errors.js';
import {disablePlugin, enablePlugin, inspectPlugin, listPlugins, parseSettings, removePlugin, setPlugin, type PluginSummary} from '../../engine/resources/plugins.js';
import {pluginColumns, pluginDetailLines} from './columns.js';
import {usePluginJobs, type PluginJobs} from './install.js';
import {formText} from '../../hooks/use-form.js';


export const pluginsSpec: ResourceSpec<PluginSummary, PluginJobs> = {
	name: 'plugins',
	aliases: ['plugin', 'pl'],
	hints: '? help  / filter  Enter inspect  e enable/disable  s set  d remove  p install  N/E/T sort',
	title: 'Plugins',
	noun: 'plugin',
	group: 'Plugin actions',
	load: (docker, signal) => listPlugins(docker, signal),
	// Podman's Docker API has no managed plugins: its 404 is the engine's kind, not a fault.
	explain: error => (error instanceof EngineError && error.kind === 'not-found' ? 'This engine has no managed plugins (its API answers 404 for /plugins, as Podman\'s does).' : undefined),
	// The engine says nothing when a setting changes: `s` reads the list again itself.
	refreshOn: {type: ['plugin'], event: ['install', 'enable', 'disable', 'remove', 'create', 'pull']},
	rowKey: plugin => plugin.id,
	columns: () => pluginColumns,
	sortHelp: {name: 'name', enabled: 'enabled first', type: 'type'},
	glyph: plugin => (plugin.isEnabled ? {text: '●', color: 'green'} : {text: '○', color: 'gray'}),
	emptyHint: 'p installs one (docker plugin install), or :plugin-install.',
	useExtra: usePluginJobs,
	actions: [
		{
			id: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: settings, mounts, devices, privileges', kind: 'text',
			open: async ({docker}, plugin) => ({title: `Plugin ${plugin.reference}`, lines: pluginDetailLines(await inspectPlugin(docker, plugin.reference))}),
		},
		{
			id: 'toggle', keys: ['e'], description: 'Enable or disable (asks first)', kind: 'confirm',
			title: plugin => `${plugin.isEnabled ? 'Disable' : 'Enable'} plugin ${plugin.reference}?`,
			lines: plugin => [plugin.isEnabled ? 'Volumes, networks or logs that use it stop working until it is enabled again.' : `The engine starts it and waits for it to answer on its socket (types: ${plugin.types.join(', ') || '-'}).`],
			toggles: [{key: 'f', label: 'force: disable even while something uses it'}],
			verb: 'go ahead',
			run: async ({docker, reload}, plugin, toggles) => {
				if (plugin.isEnabled) await disablePlugin(docker, plugin.reference, toggles.has('f'));
				else await enablePlugin(docker, plugin.reference);
				reload();
				return `${plugin.isEnabled ? 'Disabled' : 'Enabled'} ${plugin.reference}.`;
			},
			failed: (plugin, error) => `Could not ${plugin.isEnabled ? 'disable' : 'enable'} ${plugin.reference}: ${error.message}`,
		},
		{
			id: 'set', keys: ['s'], description: 'Set key=value (while disabled)', kind: 'form', needsRow: true,
			refuse: plugin => (plugin.isEnabled ? `${plugin.reference} is enabled: the engine changes a plugin's settings only while it is disabled. Disable it first (e).` : undefined),
			title: plugin => {
				const settable = plugin?.settings.filter(setting => setting.isSettable).map(setting => `${setting.name}=${setting.value}`) ?? [];
				return `Set ${plugin?.reference ?? ''}${settable.length > 0 ? `  (settable now: ${settable.join(' ')})` : ''}`;
			},
			fields: () => [{kind: 'text', name: 'settings', label: 'key=value', value: '', placeholder: 'e.g. DEBUG=1 (several: separated by spaces)'}],
			submit: async ({docker, reload}, values, plugin) => {
				const pairs = parseSettings(formText(values, 'settings'));
				if (typeof pairs === 'string') throw new Error(pairs);
				const reference = plugin?.reference ?? '';
				await setPlugin(docker, reference, pairs).catch((error: Error) => {
					throw new Error(`Could not set ${pairs.join(' ')} on ${reference}: ${error.message}`);
				});
				reload();
				return `Set ${pairs.join(' ')} on ${reference}.`;
			},
		},
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first)', kind: 'confirm',
			refuse: plugin => (plugin.isEnabled ? `${plugin.reference} is enabled: the engine removes only a disabled plugin. Disable it first (e).` : undefined),
			title: plugin => `Remove plugin ${plugin.reference}?`,
			lines: plugin => [`${plugin.types.join(', ') || 'no type'}  ${plugin.description}`],
			verb: 'remove',
			run: async ({docker, reload}, plugin) => {
				await removePlugin(docker, plugin.reference);
				reload();
				return `Removed plugin ${plugin.reference}.`;
			},
			failed: (plugin, error) => `Could not remove ${plugin.reference}: ${error.message}`,
		},
		{
			id: 'install', keys: ['p'], description: 'Install (shows its privileges, then asks)', kind: 'form', needsRow: false,
			title: () => 'Install a plugin (as docker plugin install)',
			fields: () => [{kind: 'text', name: 'reference', label: 'Plugin', value: '', placeholder: 'e.g. vieux/sshfs:latest'}],
			submit: async ({extra}, values) => {
				await extra.askInstall(formText(values, 'reference'));
				return undefined;
			},
		},
	],
};

// From a checked configuration to this run: the schema's view of the build
// (action ids, views, commands), and applying settings to the modules that read
// them (log settings, theme, keys, read-only, aliases, custom commands). Called
// once by cli.tsx before the first frame.
import {applyTheme} from '../components/theme.js';
import {chartSettings, chartWindows} from '../features/detail/detail-model.js';
import {customCommandId, setCustomCommands} from '../hooks/custom-commands.js';
import {logSettings} from '../features/logs/log-settings.js';
import {setReadOnly} from '../keys/key-settings.js';
import {commandNames, setCommandAliases, topLevelPaneNamed} from '../shell/command-line.js';
import {keyActions, keyConflicts, remapKeys} from '../shell/key-actions.js';
import {paneDefinitions} from '../shell/registry.js';
import type {FileConfig, SchemaContext} from './config-schema.js';
import {setConfiguredHosts} from './configured-hosts.js';
import {problemLine} from './read-config.js';
import type {Settings} from './settings.js';

export function schemaContext(): SchemaContext {
	return {
		actionIds: new Set(keyActions().map(action => action.id)),
		commandNames: new Set([...commandNames(), ...paneDefinitions.flatMap(pane => (pane.isTopLevel ? [pane.name, ...pane.aliases] : [])), 'quit', 'q', 'exit', 'help', 'h']),
		paneNamed: topLevelPaneNamed,
		customCommandViews: paneDefinitions.filter(pane => pane.takesCustomCommands).map(pane => pane.name),
		chartWindows,
	};
}

/** Sets this run up; returns the problems that stop it (two actions of a view on one key), as file:line: key: lines. */
export function applyConfig(settings: Settings, file: FileConfig | undefined, path: string | undefined, hostLabel: string): readonly string[] {
	logSettings.tail = settings.tail;
	logSettings.capacity = settings.logBuffer;
	chartSettings.windowIndex = Math.max(0, chartWindows.indexOf(settings.chartWindow));
	applyTheme(settings.theme, file?.colors ?? {});
	setReadOnly(settings.readOnly);
	setCommandAliases(file?.aliases ?? []);
	setCustomCommands(file?.customCommands ?? [], hostLabel);
	setConfiguredHosts(file?.hosts ?? []);
	if (!file || !path) return [];
	remapKeys(file.keys);
	const lineOf = (id: string): number | undefined => file.keyLines.get(id)
		?? file.customCommands.find(command => `${command.view}.${customCommandId(command)}` === id)?.line;
	return keyConflicts().map(conflict => {
		// The one the file set is named first: that is the line to change.
		const [first, second] = lineOf(conflict.ids[0]) === undefined ? [conflict.ids[1], conflict.ids[0]] : conflict.ids;
		const key = file.keys.has(first) ? `keys.${first}` : first;
		return problemLine(path, lineOf(first) ?? 1, key, `${conflict.key} would be both ${first} and ${second} in the ${conflict.pane} view; give one of them another key`);
	});
}

import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {PluginPrivilege, PluginSummary} from '../../engine/resources/plugins.js';

export const pluginColumns: readonly ResourceColumn<PluginSummary>[] = [
	{id: 'name', title: 'NAME', width: 16, grow: 2, sortKey: 'N', text: plugin => plugin.name},
	{id: 'tag', title: 'TAG', width: 8, dropOrder: 2, text: plugin => plugin.tag || '-'},
	{id: 'enabled', title: 'ENABLED', width: 7, sortKey: 'E', text: plugin => (plugin.isEnabled ? 'yes' : 'no'), sortValue: plugin => (plugin.isEnabled ? 0 : 1)},
	{id: 'type', title: 'TYPE', width: 8, sortKey: 'T', text: plugin => plugin.types.join(', ') || '-'},
	{id: 'description', title: 'DESCRIPTION', width: 16, grow: 3, dropOrder: 1, text: plugin => plugin.description || '-'},
];

export function privilegeLines(privileges: readonly PluginPrivilege[]): string[] {
	return privileges.length === 0 ? ['  none'] : privileges.map(privilege => `  ${privilege.name}: ${privilege.values.join(', ') || '-'}  (${privilege.description})`);
}

/** `i`: what `docker plugin inspect` says, in the order a person checks it. */
export function pluginDetailLines(plugin: PluginSummary): string[] {
	const list = (values: readonly string[]) => (values.length === 0 ? ['  -'] : values.map(value => `  ${value}`));
	return [
		`Name:          ${plugin.reference}`,
		`ID:            ${plugin.id}`,
		`Enabled:       ${plugin.isEnabled ? 'yes' : 'no'}`,
		`Type:          ${plugin.types.join(', ') || '-'}`,
		`Description:   ${plugin.description || '-'}`,
		`Documentation: ${plugin.documentation || '-'}`,
		`Reference:     ${plugin.pluginReference || '-'}`,
		`Entrypoint:    ${plugin.entrypoint.join(' ') || '-'}`,
		'Settings (s sets those marked settable, while the plugin is disabled):',
		...list(plugin.settings.map(setting => `${setting.name}=${setting.value}${setting.isSettable ? '  [settable]' : ''}${setting.description ? `  ${setting.description}` : ''}`)),
		'Args:', ...list(plugin.args),
		'Mounts:', ...list(plugin.mounts.map(mount => `${mount.source || '(settable source)'} -> ${mount.destination}  ${mount.type}${mount.options.length > 0 ? ` (${mount.options.join(',')})` : ''}`)),
		'Devices:', ...list(plugin.devices),
		'Privileges:', ...privilegeLines(plugin.privileges),
	];
}

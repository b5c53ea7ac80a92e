import type {VolumeDetail, VolumeSummary} from '../../engine/resources/volumes.js';
import type {ResourceColumn} from '../../components/resource-table-model.js';
import {formatBytes} from '../../text/units.js';

export const volumeColumns: readonly ResourceColumn<VolumeSummary>[] = [
	{id: 'name', title: 'NAME', width: 16, grow: 2, sortKey: 'N', text: volume => volume.name},
	{id: 'driver', title: 'DRIVER', width: 8, dropOrder: 2, text: volume => volume.driver},
	{id: 'size', title: 'SIZE', width: 9, align: 'right', sortKey: 'Z', text: volume => (volume.size === undefined ? '-' : formatBytes(volume.size)), sortValue: volume => volume.size ?? -1},
	{id: 'used', title: 'USED BY', width: 14, grow: 1, sortKey: 'U', text: volume => volume.containers.map(user => user.name).join(', ') || '-', sortValue: volume => volume.containers.length},
	{id: 'mountpoint', title: 'MOUNTPOINT', width: 16, grow: 1, dropOrder: 1, text: volume => volume.mountpoint},
];

export function volumeDetailLines(detail: VolumeDetail, users: readonly string[]): string[] {
	const list = (values: readonly string[]) => (values.length === 0 ? ['  -'] : values.map(value => `  ${value}`));
	return [
		`Name:        ${detail.name}`,
		`Driver:      ${detail.driver}`,
		`Scope:       ${detail.scope}`,
		`Mountpoint:  ${detail.mountpoint}`,
		`Created:     ${detail.createdAt || '-'}`,
		'Used by:', ...list(users),
		'Labels:', ...list(Object.entries(detail.labels).map(([key, value]) => `${key}=${value}`)),
		'Options:', ...list(Object.entries(detail.options).map(([key, value]) => `${key}=${value}`)),
	];
}

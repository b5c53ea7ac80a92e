import type {ResourceSpec} from '../../components/resource-spec.js';
import {createVolume, inUseMessage, inspectVolume, listVolumes, previewVolumePrune, pruneVolumes, prunesNamedVolumes, removeVolume, type VolumePrunePreview, type VolumeSummary} from '../../engine/resources/volumes.js';
import {formatBytes} from '../../text/units.js';
import {volumeColumns, volumeDetailLines} from './columns.js';

export const volumesSpec: ResourceSpec<VolumeSummary> = {
	commandValues: volume => ({ID: volume.name, Name: volume.name, Image: '', Project: ''}),
	name: 'volumes',
	aliases: ['volume', 'vol', 'vo'],
	hints: '? help  / filter  Enter inspect  c create  d remove  X prune  N/Z/U sort',
	title: 'Volumes',
	noun: 'volume',
	group: 'Volume actions',
	load: (docker, signal) => listVolumes(docker, {withSizes: true, signal}),
	refreshOn: {type: ['volume', 'container'], event: ['create', 'destroy', 'mount', 'unmount', 'prune', 'start', 'die']},
	rowKey: volume => volume.name,
	columns: () => volumeColumns,
	sortHelp: {name: 'name', size: 'size', used: 'containers using it'},
	glyph: volume => (volume.containers.length > 0 ? {text: '●', color: 'green'} : {text: '○', color: 'gray'}),
	emptyHint: 'c creates one.',
	actions: [
		{
			id: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: driver, mountpoint, labels, options, users', kind: 'text',
			open: async ({docker}, volume) => ({
				title: `Volume ${volume.name}`,
				lines: volumeDetailLines(await inspectVolume(docker, volume.name), volume.containers.map(user => `${user.name}${user.isRunning ? ' (running)' : ''}`)),
			}),
		},
		{
			id: 'create', keys: ['c'], description: 'Create a volume (name, driver)', kind: 'form', needsRow: false,
			title: () => 'Create a volume',
			fields: () => [
				{kind: 'text', name: 'name', label: 'Name', value: '', placeholder: 'empty: the engine picks one'},
				{kind: 'text', name: 'driver', label: 'Driver', value: 'local'},
			],
			submit: async ({docker}, values) => `Created volume ${await createVolume(docker, {name: String(values['name'] ?? ''), driver: String(values['driver'] ?? '')})}.`,
		},
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; refused while a container uses it)', kind: 'confirm',
			refuse: volume => (volume.containers.length > 0 ? inUseMessage(volume.name, volume.containers) : undefined),
			title: volume => `Remove volume ${volume.name}?`,
			lines: volume => [`${volume.driver}  ${volume.size === undefined ? '' : formatBytes(volume.size)}  ${volume.mountpoint}`, 'Its data is deleted for good.'],
			verb: 'remove',
			run: async ({docker}, volume) => {
				await removeVolume(docker, volume.name);
				return `Removed volume ${volume.name}.`;
			},
		},
	],
	prune: {
		id: 'prune', keys: ['X'], description: 'Prune unused volumes: the list and size first, then asks',
		preview: ({docker}, all) => previewVolumePrune(docker, {all}),
		run: ({docker}, all) => pruneVolumes(docker, {all}),
		count: (preview: VolumePrunePreview) => preview.volumes.length,
		progress: 'Pruning volumes…',
		done: (result: {deleted: readonly string[]; reclaimed: number}) => `Pruned ${result.deleted.length} volume${result.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		title: ({docker}, preview: VolumePrunePreview, all) => {
			const what = prunesNamedVolumes(docker, all) ? 'unused volumes' : 'unused anonymous volumes';
			return preview.volumes.length === 0 ? `Nothing to prune (no ${what}).` : `Prune ${preview.volumes.length} ${what}, reclaiming ${formatBytes(preview.reclaimable)}?`;
		},
		items: (preview: VolumePrunePreview) => preview.volumes.map(volume => `${volume.name}  ${volume.size === undefined ? '' : formatBytes(volume.size)}`),
		// On an engine that prunes named volumes anyway, there is nothing to widen.
		widen: ({docker}, all) => (prunesNamedVolumes(docker, all) && !all ? undefined : 'named volumes too, not only anonymous ones'),
	},
};

// Columns and detail lines for the images pane; pure, so tests need no terminal.
import type {HistoryEntry, ImageDetail, ImageSummary} from '../../engine/resources/images.js';
import type {ResourceColumn} from '../../components/resource-table-model.js';
import {formatBytes, formatDuration} from '../../text/units.js';

const age = (seconds: number, now: number) => `${formatDuration(now / 1000 - seconds)} ago`;

export function imageColumns(now: number): readonly ResourceColumn<ImageSummary>[] {
	return [
		{id: 'reference', title: 'REPOSITORY:TAG', width: 20, grow: 1, sortKey: 'N', text: image => image.reference},
		{id: 'id', title: 'IMAGE ID', width: 12, dropOrder: 2, text: image => image.shortId},
		{id: 'size', title: 'SIZE', width: 9, align: 'right', sortKey: 'Z', text: image => formatBytes(image.size), sortValue: image => image.size},
		{id: 'created', title: 'CREATED', width: 9, dropOrder: 3, sortKey: 'A', text: image => age(image.createdAt, now), sortValue: image => -image.createdAt},
		{id: 'containers', title: 'CONTAINERS', width: 10, dropOrder: 1, align: 'right', sortKey: 'U', text: image => String(image.containers), sortValue: image => image.containers},
	];
}

export function imageDetailLines(detail: ImageDetail): string[] {
	const list = (values: readonly string[]) => (values.length === 0 ? ['  -'] : values.map(value => `  ${value}`));
	return [
		`ID:            ${detail.id}`,
		`Tags:          ${detail.repoTags.join(', ') || '<none>'}`,
		`Created:       ${detail.created}`,
		`Platform:      ${detail.os}/${detail.architecture}`,
		`Size:          ${formatBytes(detail.size)}`,
		`Entrypoint:    ${detail.entrypoint.join(' ') || '-'}`,
		`Cmd:           ${detail.cmd.join(' ') || '-'}`,
		`WorkingDir:    ${detail.workingDir || '-'}`,
		`User:          ${detail.user || '-'}`,
		'Exposed ports:', ...list(detail.exposedPorts),
		'Env:', ...list(detail.env),
		'Labels:', ...list(Object.entries(detail.labels).map(([key, value]) => `${key}=${value}`)),
		`Layers (${detail.layers.length}):`, ...list(detail.layers),
	];
}

export function historyLines(history: readonly HistoryEntry[], now: number): string[] {
	return [
		`${'CREATED'.padEnd(10)} ${'SIZE'.padStart(9)}  CREATED BY`,
		...history.map(entry => `${age(entry.createdAt, now).padEnd(10)} ${formatBytes(entry.size).padStart(9)}  ${entry.createdBy}${entry.comment ? `  (${entry.comment})` : ''}`),
	];
}

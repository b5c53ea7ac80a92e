// Columns for the secrets and configs panes; pure, so tests need no terminal.
import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {SwarmObjectSummary} from '../../engine/resources/swarm-objects.js';
import {formatDuration} from '../../text/units.js';

const age = (ms: number, now: number) => (ms > 0 ? `${formatDuration((now - ms) / 1000)} ago` : '-');

export function swarmObjectColumns(now: number): readonly ResourceColumn<SwarmObjectSummary>[] {
	return [
		{id: 'name', title: 'NAME', width: 14, grow: 2, sortKey: 'N', text: object => object.name},
		{id: 'created', title: 'CREATED', width: 8, dropOrder: 2, sortKey: 'A', text: object => age(object.createdAt, now), sortValue: object => -object.createdAt},
		{id: 'updated', title: 'UPDATED', width: 8, dropOrder: 1, text: object => age(object.updatedAt, now), sortValue: object => -object.updatedAt},
		{id: 'labels', title: 'LABELS', width: 10, grow: 1, dropOrder: 3, text: object => Object.entries(object.labels).map(([key, value]) => `${key}=${value}`).join(', ') || '-'},
		{id: 'services', title: 'USED BY', width: 12, grow: 2, sortKey: 'U', text: object => object.services.join(', ') || '-', sortValue: object => object.services.length},
	];
}

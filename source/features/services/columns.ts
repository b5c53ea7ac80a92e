// Columns and detail lines for the services pane; pure, so tests need no terminal.
import type {ResourceColumn} from '../../components/resource-table-model.js';
import type {ServiceSummary} from '../../engine/resources/swarm-services.js';

/** "updating", "rollback_paused: update paused due to failure…": the update state with the engine's message. */
export function updateText(service: ServiceSummary): string {
	if (!service.updateState) return '-';
	const progress = service.updated === undefined ? '' : ` ${service.updated}/${service.desired}`;
	const state = `${service.updateState.replace(/_/g, ' ')}${progress}`;
	return service.updateMessage && !service.updateState.endsWith('completed') ? `${state}: ${service.updateMessage}` : state;
}

export const serviceColumns: readonly ResourceColumn<ServiceSummary>[] = [
	{id: 'name', title: 'NAME', width: 14, grow: 2, sortKey: 'N', text: service => service.name},
	{id: 'mode', title: 'MODE', width: 10, dropOrder: 3, text: service => service.mode},
	{id: 'replicas', title: 'REPLICAS', width: 8, align: 'right', sortKey: 'C', text: service => `${service.running}/${service.desired}`, sortValue: service => service.running - service.desired},
	{id: 'image', title: 'IMAGE', width: 14, grow: 2, dropOrder: 4, text: service => service.image},
	{id: 'ports', title: 'PORTS', width: 12, grow: 1, dropOrder: 1, text: service => service.ports.join(', ') || '-'},
	{id: 'update', title: 'UPDATE', width: 10, grow: 2, dropOrder: 2, sortKey: 'U', text: updateText},
];

export function serviceDetailLines(service: ServiceSummary): string[] {
	const list = (values: readonly string[]) => (values.length === 0 ? ['  -'] : values.map(value => `  ${value}`));
	return [
		`ID:        ${service.id}`,
		`Name:      ${service.name}`,
		`Mode:      ${service.mode}`,
		`Replicas:  ${service.running} running of ${service.desired}`,
		`Image:     ${service.image}`,
		`Stack:     ${service.stack || '-'}`,
		`Update:    ${updateText(service)}${/paused/.test(service.updateState) ? '  (R rolls back)' : ''}`,
		'Ports:', ...list(service.ports),
		'Secrets:', ...list(service.secrets),
		'Configs:', ...list(service.configs),
		'Labels:', ...list(Object.entries(service.labels).map(([key, value]) => `${key}=${value}`)),
	];
}

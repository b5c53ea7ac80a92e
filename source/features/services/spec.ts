// The services pane: every service (or one stack's), its replicas and rolling
// update as the engine reports them, re-read every few seconds because tasks
// converge without events; Enter shows the service's tasks, l its logs.
import type {ResourceSpec} from '../../components/resource-spec.js';
import {explainSwarm, swarmPollMs} from '../../engine/resources/swarm-call.js';
import {forceRestartService, listServicesWithProgress, parseReplicas, removeService, rollbackService, scaleService, updateServiceImage, type ServiceSummary} from '../../engine/resources/swarm-services.js';
import {serviceLogTarget} from '../../engine/streams/service-logs.js';
import {serviceColumns, serviceDetailLines, updateText} from './columns.js';
import {formText} from '../../hooks/use-form.js';

const stackOf = (params: Readonly<Record<string, unknown>>) => (typeof params['stack'] === 'string' ? params['stack'] : undefined);

function glyph(service: ServiceSummary): {text: string; color: string} {
	if (/paused|rollback_started/.test(service.updateState)) return {text: '▲', color: 'yellow'};
	if (service.running < service.desired) return {text: '●', color: service.running === 0 ? 'red' : 'yellow'};
	return {text: '●', color: 'green'};
}

export const servicesSpec: ResourceSpec<ServiceSummary> = {
	name: 'services',
	aliases: ['service', 'svc', 'se'],
	hints: '? help  / filter  Enter tasks  l logs  S scale  u image  r restart  R rollback  d remove  i inspect',
	title: 'Services',
	titleFor: params => {
		const stack = stackOf(params);
		return stack === undefined ? undefined : `Services of stack ${stack}`;
	},
	noun: 'service',
	group: 'Service actions',
	load: async (docker, signal, params) => {
		const stack = stackOf(params);
		const services = await listServicesWithProgress(docker, signal);
		return stack === undefined ? services : services.filter(service => service.stack === stack);
	},
	explain: explainSwarm,
	pollMs: swarmPollMs,
	refreshOn: {type: ['service'], event: ['create', 'update', 'remove']},
	rowKey: service => service.id,
	columns: () => serviceColumns,
	sortHelp: {name: 'name', replicas: 'missing replicas', update: 'update state'},
	glyph,
	emptyHint: '`docker service create` or `docker stack deploy` makes one.',
	actions: [
		{
			id: 'tasks', keys: ['<enter>'], description: 'The service\'s tasks', kind: 'now', needsRow: true, isSafe: true,
			run: ({open}, service) => service && open({pane: 'tasks', params: {serviceId: service.id, serviceName: service.name}}),
		},
		{
			id: 'inspect', keys: ['i'], description: 'Details: mode, image, update state, ports, secrets, configs, labels', kind: 'text',
			open: async (_context, service) => ({title: `Service ${service.name}`, lines: serviceDetailLines(service)}),
		},
		{
			id: 'service-logs', keys: ['l'], description: 'Logs of every task, each line with its task and node', kind: 'now', needsRow: true, isSafe: true,
			run: ({open}, service) => service && open({pane: 'logs', params: {containerIds: [serviceLogTarget(service.id)], title: `service ${service.name}`}}),
		},
		{
			id: 'scale', keys: ['S'], description: 'Scale: asks for the number of replicas', when: 'replicated services', kind: 'form', needsRow: true,
			refuse: service => (service.mode === 'replicated' ? undefined : `${service.name} is a ${service.mode} service: it runs where the engine places it and does not scale.`),
			title: service => `Scale ${service?.name ?? ''} (now ${service?.desired ?? 0})`,
			fields: service => [{kind: 'text', name: 'replicas', label: 'Replicas', value: String(service?.desired ?? '')}],
			submit: async ({docker, reload}, values, service) => {
				if (!service) return 'No service selected.';
				// Refused here, before anything is sent, when it is not a whole number of 0 or more.
				const replicas = parseReplicas(String(values['replicas'] ?? ''));
				await scaleService(docker, service.id, replicas);
				reload();
				return `Scaling ${service.name} to ${replicas}.`;
			},
		},
		{
			id: 'update-image', keys: ['u'], description: 'Update the image: asks which, then the UPDATE column follows the rollout', kind: 'form', needsRow: true,
			title: service => `Update ${service?.name ?? ''} to another image`,
			fields: service => [{kind: 'text', name: 'image', label: 'Image', value: service?.image ?? ''}],
			submit: async ({docker, reload}, values, service) => {
				if (!service) return 'No service selected.';
				const image = formText(values, 'image');
				await updateServiceImage(docker, service.id, image);
				reload();
				return `Updating ${service.name} to ${image}: the UPDATE column follows it (R rolls back).`;
			},
		},
		{
			id: 'force-restart', keys: ['r'], description: 'Restart every task (a forced update; asks first)', kind: 'confirm',
			title: service => `Restart every task of ${service.name}?`,
			lines: service => [`${service.running}/${service.desired} running; tasks are replaced as the update policy says.`],
			verb: 'restart',
			run: async ({docker, reload}, service) => {
				await forceRestartService(docker, service.id);
				reload();
				return `Restarting ${service.name}'s tasks.`;
			},
			failed: (service, error) => `Could not restart ${service.name}: ${error.message}`,
		},
		{
			id: 'rollback', keys: ['R'], description: 'Roll back to the spec before the last update (asks first)', kind: 'confirm',
			refuse: service => (service.hasPreviousSpec ? undefined : `${service.name} has not been updated: there is nothing to roll back to.`),
			title: service => `Roll ${service.name} back to its previous spec?`,
			lines: service => [`Update now: ${updateText(service)}`],
			verb: 'roll back',
			run: async ({docker, reload}, service) => {
				await rollbackService(docker, service.id);
				reload();
				return `Rolling ${service.name} back.`;
			},
			failed: (service, error) => `Could not roll back ${service.name}: ${error.message}`,
		},
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove the service and its tasks (asks first)', kind: 'confirm',
			title: service => `Remove service ${service.name}?`,
			lines: service => [`${service.mode}  ${service.running}/${service.desired}  ${service.image}`, 'Its tasks are stopped and removed on every node.'],
			verb: 'remove',
			run: async ({docker, reload}, service) => {
				await removeService(docker, service.id);
				reload();
				return `Removed service ${service.name}.`;
			},
			failed: (service, error) => `Could not remove ${service.name}: ${error.message}`,
		},
	],
};

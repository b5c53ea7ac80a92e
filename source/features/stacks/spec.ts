// The stacks pane: services grouped by com.docker.stack.namespace, as `docker
// stack ls` groups them; Enter shows the stack's services.
import type {ResourceSpec} from '../../components/resource-spec.js';
import {explainSwarm, swarmPollMs} from '../../engine/resources/swarm-call.js';
import {listStacks, type StackSummary} from '../../engine/resources/swarm-stacks.js';
import {stackColumns} from './columns.js';

export const stacksSpec: ResourceSpec<StackSummary> = {
	name: 'stacks',
	aliases: ['stack', 'st'],
	hints: '? help  / filter  Enter services  N/C sort',
	title: 'Stacks',
	noun: 'stack',
	group: 'Stack actions',
	load: (docker, signal) => listStacks(docker, signal),
	explain: explainSwarm,
	pollMs: swarmPollMs,
	refreshOn: {type: ['service'], event: ['create', 'update', 'remove']},
	rowKey: stack => stack.name,
	columns: () => stackColumns,
	sortHelp: {name: 'name', count: 'number of services'},
	glyph: stack => (stack.running < stack.desired ? {text: '●', color: stack.running === 0 ? 'red' : 'yellow'} : {text: '●', color: 'green'}),
	emptyHint: '`docker stack deploy -c compose.yaml NAME` makes one.',
	actions: [
		{
			id: 'stack-services', keys: ['<enter>'], description: 'The stack\'s services', kind: 'now', needsRow: true, isSafe: true,
			run: ({open}, stack) => stack && open({pane: 'services', params: {stack: stack.name}}),
		},
	],
};

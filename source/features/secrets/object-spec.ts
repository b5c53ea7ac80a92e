// Secrets and configs are one view twice: name, dates, labels and the services
// using each; c creates one from a file or typed text, d removes one no service
// uses. Only a config's data can be shown: the engine never returns a secret's.
import type {ResourceSpec, SpecAction} from '../../components/resource-spec.js';
import {explainSwarm, swarmPollMs} from '../../engine/resources/swarm-call.js';
import {createSwarmObject, inUseMessage, listSwarmObjects, removeSwarmObject, type SwarmObjectKind, type SwarmObjectSummary} from '../../engine/resources/swarm-objects.js';
import {swarmObjectColumns} from './columns.js';

export function swarmObjectSpec(kind: SwarmObjectKind, extra: readonly SpecAction<SwarmObjectSummary>[]): ResourceSpec<SwarmObjectSummary> {
	const Title = kind === 'secret' ? 'Secret' : 'Config';
	return {
		name: kind === 'secret' ? 'secrets' : 'configs',
		aliases: kind === 'secret' ? ['secret', 'sec'] : ['config', 'cfg'],
		hints: `? help  / filter  ${kind === 'config' ? 'Enter data  ' : ''}c create  d remove  N/A/U sort`,
		title: `${Title}s`,
		noun: kind,
		group: `${Title} actions`,
		load: (docker, signal) => listSwarmObjects(docker, kind, signal),
		explain: explainSwarm,
		// Who uses one changes with service updates, which do send events; the poll covers a Swarm joined meanwhile.
		pollMs: swarmPollMs * 5,
		refreshOn: {type: [kind, 'service'], event: ['create', 'update', 'remove']},
		rowKey: object => object.id,
		columns: swarmObjectColumns,
		sortHelp: {name: 'name', created: 'age', services: 'services using it'},
		glyph: object => (object.services.length > 0 ? {text: '●', color: 'green'} : {text: '○', color: 'gray'}),
		emptyHint: 'c creates one.',
		actions: [
			...extra,
			{
				id: 'create', keys: ['c'], description: `Create a ${kind} from a file or typed text`, kind: 'form', needsRow: false,
				title: () => `Create a ${kind}: give a file path, or leave it empty and type the text`,
				fields: () => [
					{kind: 'text', name: 'name', label: 'Name', value: ''},
					{kind: 'text', name: 'file', label: 'File', value: '', placeholder: 'a path on this machine'},
					{kind: 'text', name: 'text', label: 'Or text', value: '', placeholder: 'typed here instead of a file', isMasked: kind === 'secret'},
				],
				submit: async ({docker, reload}, values) => {
					const name = String(values['name'] ?? '').trim();
					const file = String(values['file'] ?? '').trim();
					const text = String(values['text'] ?? '');
					if (file && text) throw new Error('Give a file or typed text, not both.');
					await createSwarmObject(docker, kind, file ? {name, file} : {name, text});
					reload();
					return `Created ${kind} ${name}.`;
				},
			},
			{
				id: 'remove', keys: ['d', '<delete>'], description: `Remove (asks first; refused while a service uses it)`, kind: 'confirm',
				refuse: object => (object.services.length > 0 ? inUseMessage(kind, object.name, object.services) : undefined),
				title: object => `Remove ${kind} ${object.name}?`,
				lines: () => [kind === 'secret' ? 'Its data is gone for good: the engine never gives it back.' : 'Its data is gone for good.'],
				verb: 'remove',
				run: async ({docker, reload}, object) => {
					await removeSwarmObject(docker, kind, object.id, object.name);
					reload();
					return `Removed ${kind} ${object.name}.`;
				},
				failed: (object, error) => `Could not remove ${object.name}: ${error.message}`,
			},
		],
	};
}

// The configs pane: the secrets pane's view, and Enter shows a config's data.
import {configData} from '../../engine/resources/swarm-objects.js';
import {sanitizeLogText} from '../../text/sanitize.js';
import {swarmObjectSpec} from '../secrets/object-spec.js';

export const configsSpec = swarmObjectSpec('config', [
	{
		id: 'config-data', keys: ['<enter>'], description: 'The config\'s data', kind: 'text',
		open: async ({docker}, config) => ({
			title: `Config ${config.name}`,
			// Line by line: sanitising the whole would fold its newlines away.
			lines: (await configData(docker, config.id)).replace(/\n$/, '').split('\n').map(line => sanitizeLogText(line, false)),
		}),
	},
]);

// The README's key tables, generated from the same tables the app and its help
// overlay read (npm run docs:keys writes them; a unit test keeps them equal).
import {globalKeys, keyTableMarkdown} from './keymap.js';
import {listKeys} from './list-keys.js';
import {paneDefinitions} from '../shell/registry.js';

const listKeySet: ReadonlySet<unknown> = new Set(listKeys);

export function readmeKeyTables(): string {
	const sections = [
		`### Everywhere\n\n${keyTableMarkdown(globalKeys)}`,
		`### In every list\n\n${keyTableMarkdown(listKeys)}`,
		...paneDefinitions.map(pane => {
			const own = pane.keys.filter(binding => !listKeySet.has(binding));
			const opened = pane.isTopLevel ? ` (\`:${pane.name}\`)` : '';
			return `### ${pane.title}${opened}\n\n${keyTableMarkdown(own)}`;
		}),
	];
	return sections.join('\n\n');
}

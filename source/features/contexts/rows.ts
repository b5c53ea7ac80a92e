// The `:ctx` table's cells: pure, so the view test and the pane agree on them.
import type {EngineChoice} from '../../shell/engine-choices.js';
import {sanitizeInline as sanitize} from '../../text/sanitize.js';
import {fitCell, truncateText} from '../../text/cells.js';

export interface ContextColumns {
	readonly name: number;
	readonly kind: number;
	readonly address: number;
}

/** NAME and KIND as wide as their longest entry (within reason); the address gets the rest before the description. */
export function contextColumns(choices: readonly EngineChoice[], width: number): ContextColumns {
	const name = Math.min(24, Math.max(4, ...choices.map(choice => choice.name.length + (choice.isCliCurrent ? 2 : 0))));
	const address = Math.min(Math.max(20, width - name - 10 - 30), Math.max(8, ...choices.map(choice => choice.address.length)));
	return {name, kind: 7, address};
}

export function choiceKind(choice: EngineChoice): string {
	return choice.kind === 'host' ? 'host' : choice.kind === 'context' ? 'context' : 'address';
}

/** One row's text after its two-cell mark: `docker context ls`' * after the CLI's current context. */
export function contextLine(choice: EngineChoice, columns: ContextColumns, width: number): string {
	const name = sanitize(choice.name) + (choice.isCliCurrent ? ' *' : '');
	const notes = [choice.isReadOnly ? 'read-only' : '', choice.isShadowed ? `(:ctx ${choice.name} picks the host)` : '', sanitize(choice.description)].filter(Boolean).join(' · ');
	const text = `${fitCell(name, columns.name)} ${fitCell(choiceKind(choice), columns.kind)} ${fitCell(sanitize(choice.address), columns.address)} ${notes}`;
	return truncateText(text, Math.max(0, width));
}

export function headerLine(columns: ContextColumns, width: number): string {
	return truncateText(`${fitCell('NAME', columns.name)} ${fitCell('KIND', columns.kind)} ${fitCell('ENDPOINT', columns.address)} DESCRIPTION`, Math.max(0, width));
}

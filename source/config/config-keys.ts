// Keys as a configuration file writes them, checked and put in keymap form.
import type {ConfigEntry} from './config-tree.js';
import type {Report} from './config-types.js';
import {isKnownKey} from '../keys/keymap.js';

/** A key as a person may write it ("enter", "<enter>", "ctrl+C"), in keymap form; undefined when it is none. */
export function normalizeKey(written: string): string | undefined {
	const trimmed = written.trim();
	const lower = trimmed.toLowerCase();
	if (lower.startsWith('ctrl+') && trimmed.length === 6) return isKnownKey(lower) ? lower : undefined;
	if (isKnownKey(trimmed)) return trimmed;
	const named = lower.startsWith('<') ? lower : `<${lower}>`;
	const aliases: Readonly<Record<string, string>> = {'<return>': '<enter>', '<escape>': '<esc>', '<del>': '<delete>', '<pageup>': '<pgup>', '<pagedown>': '<pgdn>'};
	const name = aliases[named] ?? named;
	return isKnownKey(name) ? name : undefined;
}

export function keyList(entry: ConfigEntry, key: string, error: Report): readonly string[] | undefined {
	const items = entry.value.kind === 'list' ? entry.value.items : [entry.value];
	const keys: string[] = [];
	for (const item of items) {
		const value = item.kind === 'scalar' ? item.value : undefined;
		const normal = typeof value === 'string' || typeof value === 'number' ? normalizeKey(String(value)) : undefined;
		if (!normal) {
			error(item.line, key, `${JSON.stringify(value ?? item.kind)} is not a key berth knows: one character, ctrl+<letter>, or <enter> <esc> <tab> <space> <up> <down> <left> <right> <pgup> <pgdn> <home> <end> <delete> <backspace>`);
			return undefined;
		}
		keys.push(normal);
	}
	if (keys.length === 0) error(entry.line, key, 'needs at least one key');
	return keys.length > 0 ? keys : undefined;
}

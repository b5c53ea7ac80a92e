// Every key action berth has, named by one id each: `global.quit`, `list.down`
// (movement shared by every list), `containers.logs`. The configuration file
// remaps keys by these ids, `berth keys` prints them, and start-up refuses a
// remapping that puts two actions of one view on one key.
import {globalKeys, type KeyBinding} from '../keys/keymap.js';
import {listKeys} from '../keys/list-keys.js';
import {keysOf, setKeyOverride} from '../keys/key-settings.js';
import {paneDefinitions} from './registry.js';
import {customBindings} from '../hooks/custom-commands.js';

export interface KeyAction {
	readonly id: string;
	readonly binding: KeyBinding;
}

const listKeySet: ReadonlySet<KeyBinding> = new Set(listKeys);

// Keys a person adds (custom commands): help and conflicts count them with the pane's own.
const addedPaneKeys = customBindings;

/** All actions, global and list first, then each pane's own, in help order. */
export function keyActions(): readonly KeyAction[] {
	return [
		...globalKeys.map(binding => ({id: `global.${binding.command}`, binding})),
		...listKeys.map(binding => ({id: `list.${binding.command}`, binding})),
		...paneDefinitions.flatMap(pane => [...pane.keys, ...addedPaneKeys(pane.name)]
			.filter(binding => !listKeySet.has(binding))
			.map(binding => ({id: `${pane.name}.${binding.command}`, binding}))),
	];
}

/** The bindings one pane answers to, its own and the global ones: where two must not share a key. */
export function paneBindings(pane: string): readonly KeyBinding[] {
	const definition = paneDefinitions.find(candidate => candidate.name === pane);
	return [...(definition?.keys ?? []), ...addedPaneKeys(pane), ...globalKeys];
}

export interface KeyConflict {
	readonly pane: string;
	readonly key: string;
	readonly ids: readonly [string, string];
}

/** Keys two actions of one view answer to, with this run's keys; one entry per pair. */
export function keyConflicts(): readonly KeyConflict[] {
	const idOf = new Map<KeyBinding, string>();
	for (const action of keyActions()) if (!idOf.has(action.binding)) idOf.set(action.binding, action.id);
	const conflicts: KeyConflict[] = [];
	for (const pane of paneDefinitions) {
		const owner = new Map<string, KeyBinding>();
		for (const binding of paneBindings(pane.name)) {
			for (const key of keysOf(binding)) {
				const first = owner.get(key);
				if (first && first !== binding) conflicts.push({pane: pane.name, key, ids: [idOf.get(first) ?? first.command, idOf.get(binding) ?? binding.command]});
				else owner.set(key, binding);
			}
		}
	}
	return conflicts;
}

/** Remaps the actions named by id; returns the ids no action has. */
export function remapKeys(keys: ReadonlyMap<string, readonly string[]>): readonly string[] {
	const actions = new Map<string, KeyAction>(keyActions().map(action => [action.id, action]));
	const unknown: string[] = [];
	for (const [id, remapped] of keys) {
		const action = actions.get(id);
		if (action) setKeyOverride(action.binding, remapped);
		else unknown.push(id);
	}
	return unknown;
}

// The status line's hints ("l logs  e shell  d remove") as this run has them:
// a remapped key shows its new key, and in read-only mode a hint for a key that
// would be refused is left out. Hints are written by hand per pane; each is
// "KEY words", matched to the binding whose first built-in key KEY names.
import type {KeyBinding} from '../keys/keymap.js';
import {isRefused, keysOf} from '../keys/key-settings.js';

const shown: Readonly<Record<string, string>> = {'<space>': 'space', '<enter>': 'Enter', '<esc>': 'Esc', '<end>': 'End', '<home>': 'Home', '<tab>': 'Tab', '<delete>': 'Del'};

/** A key as hints write it: `space`, `Enter`, `K`. */
export function hintKey(key: string): string {
	return shown[key] ?? key.replace(/^<(.*)>$/, '$1');
}

export function effectiveHints(hints: string, bindings: readonly KeyBinding[]): string {
	return hints.split(/ {2,}/).flatMap(segment => {
		const [key = '', ...words] = segment.split(' ');
		const binding = bindings.find(candidate => candidate.keys[0] !== undefined && hintKey(candidate.keys[0]) === key);
		if (!binding) return [segment];
		if (isRefused(binding)) return [];
		const now = keysOf(binding)[0];
		return [now === undefined || now === binding.keys[0] ? segment : [hintKey(now), ...words].join(' ')];
	}).join('  ');
}

// What the configuration file changes about keys, set once before the first
// frame (cli.tsx): keys remapped per action, and read-only mode. Every key
// becomes a command in commandFor (keymap.ts), which reads this, so handlers,
// help and read-only all follow one table. Module state like logSettings:
// one run has one configuration.
import type {KeyBinding} from './keymap.js';

const overrides = new Map<KeyBinding, readonly string[]>();
let readOnly = false;
let onRefused: ((binding: KeyBinding) => void) | undefined;

/** The keys a binding answers to in this run: its own, or the configuration's. */
export function keysOf(binding: KeyBinding): readonly string[] {
	return overrides.get(binding) ?? binding.keys;
}

export function setKeyOverride(binding: KeyBinding, keys: readonly string[]): void {
	overrides.set(binding, keys);
}

export function setReadOnly(isReadOnly: boolean): void {
	readOnly = isReadOnly;
}

export function isReadOnly(): boolean {
	return readOnly;
}

/** Whether read-only mode refuses this binding: every one that changes something. */
export function isRefused(binding: KeyBinding): boolean {
	return readOnly && binding.mutates === true;
}

/** Who says "read-only" when a refused key is pressed (the app's status line). */
export function onKeyRefused(listener: ((binding: KeyBinding) => void) | undefined): void {
	onRefused = listener;
}

export function reportRefused(binding: KeyBinding): void {
	onRefused?.(binding);
}

/** Back to the built-in keys, writable (tests). */
export function resetKeySettings(): void {
	overrides.clear();
	readOnly = false;
	onRefused = undefined;
}

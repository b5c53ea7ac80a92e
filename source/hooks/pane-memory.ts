// A pane is unmounted when another route is pushed over it (containers -> logs)
// and mounted again on Esc. What a person set up in it (the selected row, the
// filter, the sort, marks) should still be there when they come back, as in
// lazydocker and k9s. The app gives each route in its stack a memory; it goes
// when the route leaves the stack.
import {createContext, useCallback, useContext, useState} from 'react';

export type PaneMemory = Map<string, unknown>;

export const PaneMemoryContext = createContext<PaneMemory | undefined>(undefined);

/**
 * useState whose value outlives the pane's unmount while its route stays in the
 * stack, under `name` (unique within the pane). Without a name it is plain
 * useState: for passing things such as a picker opened over the pane's own list.
 */
export function useRememberedState<T>(name: string | undefined, initial: T | (() => T)): [T, (next: T | ((previous: T) => T)) => void] {
	const memory = useContext(PaneMemoryContext);
	const [value, setValue] = useState<T>(() => {
		if (name !== undefined && memory?.has(name)) return memory.get(name) as T;
		const first = typeof initial === 'function' ? (initial as () => T)() : initial;
		// Kept at once: an initial value made from the clock must be the same one when the pane comes back.
		if (name !== undefined) memory?.set(name, first);
		return first;
	});
	// Like useState's setter, an update may be a function of the previous value.
	const set = useCallback((next: T | ((previous: T) => T)) => {
		setValue(previous => {
			const value = typeof next === 'function' ? (next as (previous: T) => T)(previous) : next;
			if (name !== undefined) memory?.set(name, value);
			return value;
		});
	}, [memory, name]);
	return [value, set];
}

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
export function useRememberedState<T>(name: string | undefined, initial: T | (() => T)): [T, (next: T) => void] {
	const context = useContext(PaneMemoryContext);
	const memory = name === undefined ? undefined : context;
	const [value, setValue] = useState<T>(() => {
		if (name !== undefined && memory?.has(name)) return memory.get(name) as T;
		return typeof initial === 'function' ? (initial as () => T)() : initial;
	});
	const set = useCallback((next: T) => {
		if (name !== undefined) memory?.set(name, next);
		setValue(next);
	}, [memory, name]);
	return [value, set];
}

// A pane is unmounted when another route is pushed over it (containers -> logs)
// and mounted again on Esc. What a person set up in it (the selected row, the
// filter, the sort, marks) should still be there when they come back, as in
// lazydocker and k9s. The app gives each route in its stack a memory; it goes
// when the route leaves the stack.
import {createContext, useCallback, useContext, useState} from 'react';

export type PaneMemory = Map<string, unknown>;

export const PaneMemoryContext = createContext<PaneMemory | undefined>(undefined);

/** useState whose value outlives the pane's unmount while its route stays in the stack. */
export function useRememberedState<T>(name: string, initial: T | (() => T)): [T, (next: T) => void] {
	const memory = useContext(PaneMemoryContext);
	const [value, setValue] = useState<T>(() => {
		if (memory?.has(name)) return memory.get(name) as T;
		return typeof initial === 'function' ? (initial as () => T)() : initial;
	});
	const set = useCallback((next: T) => {
		memory?.set(name, next);
		setValue(next);
	}, [memory, name]);
	return [value, set];
}

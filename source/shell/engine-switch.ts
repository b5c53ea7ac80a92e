// How a pane asks the app to talk to other engines (`:ctx`): EngineRoot
// provides it, the contexts pane and the `:ctx NAME` command use it.
import {createContext, useContext, type MutableRefObject} from 'react';
import type {Key} from 'ink';
import type {StoreInput} from '../engine/transport/context-store.js';
import type {EngineChoice} from './engine-choices.js';

export interface EngineSwitch {
	/** The names of the engines in use (one, or a fleet's). */
	readonly current: readonly string[];
	/** The engines in use before the last switch (`:ctx -` goes back to them). */
	readonly previous?: readonly string[];
	/** Where the docker CLI's context store is. */
	readonly store: StoreInput;
	/** Connects, then swaps the whole app over; resolves with the reason when it could not (the old engine stays). */
	readonly switchTo: (choices: readonly EngineChoice[]) => Promise<string | undefined>;
}

export const EngineSwitchContext = createContext<EngineSwitch | undefined>(undefined);

/** undefined outside EngineRoot (a view rendered alone): `:ctx` then says it cannot switch. */
export function useEngineSwitch(): EngineSwitch | undefined {
	return useContext(EngineSwitchContext);
}

/** Where EngineRoot sends the keys it reads: the app in use puts its handler here. */
export type KeySink = MutableRefObject<((input: string, key: Key) => void) | undefined>;

export const KeySinkContext = createContext<KeySink | undefined>(undefined);

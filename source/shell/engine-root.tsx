// Above the app: which engine it talks to. A switch (`:ctx`) connects to the new
// engine first (a failure leaves the old one in place, with the reason said),
// then remakes the app for it, as k9s does on a context switch: the old
// engine's views unmount (aborting their streams), then its sockets are closed.
import {useInput} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {App, type AppProps} from '../app.js';
import {EngineProvider} from '../hooks/engine-context.js';
import type {StoreInput} from '../engine/transport/context-store.js';
import type {Endpoint} from '../engine/transport/connection.js';
import {toEngineError} from '../engine/transport/errors.js';
import {setReadOnly} from '../keys/key-settings.js';
import {choiceEndpoint, type EngineChoice} from './engine-choices.js';
import {closeSession, type EngineSession} from './engine-session.js';
import {EngineSwitchContext, KeySinkContext, type EngineSwitch, type KeySink} from './engine-switch.js';

export type SessionOpener = (choice: EngineChoice, endpoint: Endpoint) => Promise<EngineSession>;

export interface EngineRootProps {
	readonly initial: EngineSession;
	/** The app's props that do not depend on the engine. */
	readonly appProps: Omit<AppProps, 'endpointLabel' | 'engineVersion' | 'engineProduct' | 'apiVersion' | 'isReadOnly'>;
	readonly store: StoreInput;
	readonly open: SessionOpener;
}

interface RootState {
	readonly session: EngineSession;
	readonly serial: number;
	readonly previous?: readonly string[];
	readonly notice?: string;
}

export function EngineRoot(props: EngineRootProps) {
	const [state, setState] = useState<RootState>({session: props.initial, serial: 0});
	// One reader of the keyboard for every app this root makes (app.tsx says why).
	const keySink: KeySink = useRef(undefined);
	useInput((input, key) => keySink.current?.(input, key));
	const isSwitching = useRef(false);
	const isMounted = useRef(true);
	useEffect(() => () => {
		isMounted.current = false;
	}, []);
	// After the views of an engine have unmounted (their streams aborted), whatever
	// sockets are left go too. A tick later: cleanups of the old tree run in this commit.
	const {session} = state;
	useEffect(() => () => {
		setTimeout(() => closeSession(session), 0);
	}, [session]);

	const {open, store} = props;
	const switchTo = useCallback(async (choices: readonly EngineChoice[]): Promise<string | undefined> => {
		const [choice, ...others] = choices;
		if (!choice) return 'No engine chosen.';
		if (others.length > 0) return 'Watching several engines at once is not in this build yet: pick one.';
		if (isSwitching.current) return 'Already connecting to another engine; wait a moment.';
		isSwitching.current = true;
		try {
			let endpoint: Endpoint;
			try {
				endpoint = choiceEndpoint(choice, store);
			} catch (error) {
				return `Could not switch to ${choice.name}: ${(error as Error).message}`;
			}
			let next: EngineSession;
			try {
				next = await open(choice, endpoint);
			} catch (error) {
				return `Could not switch to ${choice.name}: ${toEngineError(error, endpoint.label).message}`;
			}
			if (!isMounted.current) {
				closeSession(next);
				return undefined;
			}
			setReadOnly(next.isReadOnly);
			setState(previous => ({session: next, serial: previous.serial + 1, previous: [previous.session.name], notice: `Switched to ${next.name} (${next.endpoint.url}). :ctx - goes back.`}));
			return undefined;
		} finally {
			isSwitching.current = false;
		}
	}, [open, store]);

	const engineSwitch = useMemo<EngineSwitch>(() => ({
		current: [state.session.name],
		...(state.previous ? {previous: state.previous} : {}),
		store,
		switchTo,
	}), [state.session.name, state.previous, store, switchTo]);

	const {identity} = session;
	// A configuration warning is said once, at start; after a switch, the switch is the news.
	const {startMessage, ...appProps} = props.appProps;
	return (
		<EngineSwitchContext.Provider value={engineSwitch}>
			<KeySinkContext.Provider value={keySink}>
			<EngineProvider key={state.serial} docker={session.docker} {...(session.initialContainers ? {initialContainers: session.initialContainers} : {})} {...(session.statsSource ? {statsSource: session.statsSource} : {})}>
				<App
					{...appProps}
					{...(state.serial === 0 && startMessage !== undefined ? {startMessage} : {})}
					{...(state.notice ? {startInfo: state.notice} : {})}
					endpointLabel={session.endpoint.label}
					engineVersion={identity.engineVersion}
					engineProduct={identity.engineProduct}
					apiVersion={identity.apiVersion}
					isReadOnly={session.isReadOnly}
				/>
			</EngineProvider>
			</KeySinkContext.Provider>
		</EngineSwitchContext.Provider>
	);
}

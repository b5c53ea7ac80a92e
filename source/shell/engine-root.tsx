// Above the app: which engine it talks to. A switch (`:ctx`) connects to the new
// engine first (a failure leaves the old one in place, with the reason said),
// then remakes the app for it, as k9s does on a context switch: the old
// engine's views unmount (aborting their streams), then its sockets are closed.
import {useInput} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {App, type AppProps} from '../app.js';
import {EngineProvider} from '../hooks/engine-context.js';
import type {EngineMember} from '../hooks/engine-member.js';
import {FleetProvider} from '../hooks/fleet-provider.js';
import type {StoreInput} from '../engine/transport/context-store.js';
import type {Endpoint} from '../engine/transport/connection.js';
import {toEngineError} from '../engine/transport/errors.js';
import {setReadOnly} from '../keys/key-settings.js';
import {setCustomCommandHost} from '../hooks/custom-commands.js';
import {choiceEndpoint, type EngineChoice} from './engine-choices.js';
import {closeSession, type EngineSession} from './engine-session.js';
import {EngineSwitchContext, KeySinkContext, type EngineSwitch, type KeySink} from './engine-switch.js';

export type SessionOpener = (choice: EngineChoice, endpoint: Endpoint) => Promise<EngineSession>;
/** Several engines at once; the default opens each with the single opener, side by side. */
export type FleetOpener = (targets: ReadonlyArray<{readonly choice: EngineChoice; readonly endpoint: Endpoint}>) => Promise<readonly EngineSession[]>;

export interface EngineRootProps {
	/** One engine, or several watched at once. */
	readonly initial: EngineSession | readonly EngineSession[];
	/** The app's props that do not depend on the engine. */
	readonly appProps: Omit<AppProps, 'endpointLabel' | 'engineVersion' | 'engineProduct' | 'apiVersion' | 'isReadOnly'>;
	readonly store: StoreInput;
	readonly open: SessionOpener;
	readonly openFleet?: FleetOpener;
}

interface RootState {
	readonly sessions: readonly EngineSession[];
	readonly serial: number;
	readonly previous?: readonly string[];
	readonly notice?: string;
}

export function EngineRoot(props: EngineRootProps) {
	const [state, setState] = useState<RootState>(() => ({sessions: Array.isArray(props.initial) ? props.initial : [props.initial as EngineSession], serial: 0}));
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
	const {sessions} = state;
	useEffect(() => () => {
		setTimeout(() => {
			for (const session of sessions) closeSession(session);
		}, 0);
	}, [sessions]);

	const {open, store} = props;
	const openMany: FleetOpener = useMemo(() => props.openFleet ?? (async targets => {
		const opened = await Promise.allSettled(targets.map(async target => open(target.choice, target.endpoint)));
		const failed = opened.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) {
			for (const result of opened) if (result.status === 'fulfilled') closeSession(result.value);
			throw failed.reason;
		}
		return opened.flatMap(result => (result.status === 'fulfilled' ? [result.value] : []));
	}), [props.openFleet, open]);
	const switchTo = useCallback(async (choices: readonly EngineChoice[]): Promise<string | undefined> => {
		if (choices.length === 0) return 'No engine chosen.';
		if (isSwitching.current) return 'Already connecting to another engine; wait a moment.';
		isSwitching.current = true;
		const names = choices.map(choice => choice.name).join(', ');
		try {
			let targets: Array<{readonly choice: EngineChoice; readonly endpoint: Endpoint}>;
			try {
				const seen = new Set<string>();
				targets = choices.map(choice => {
					const endpoint = choiceEndpoint(choice, store);
					// A host and a context of one name, both marked: the HOST column tells them apart.
					const name = seen.has(choice.name) ? `${choice.name} (${choice.kind})` : choice.name;
					seen.add(name);
					return {choice: {...choice, name}, endpoint};
				});
			} catch (error) {
				return `Could not switch to ${names}: ${(error as Error).message}`;
			}
			let next: readonly EngineSession[];
			try {
				const [only] = targets;
				next = targets.length === 1 && only ? [await open(only.choice, only.endpoint)] : await openMany(targets);
			} catch (error) {
				return `Could not switch to ${names}: ${toEngineError(error).message}`;
			}
			if (!isMounted.current) {
				for (const session of next) closeSession(session);
				return undefined;
			}
			setReadOnly(next.some(session => session.isReadOnly));
			// {{.Host}} of custom commands: the engine now in use (with several, the first).
			if (next[0]) setCustomCommandHost(next[0].endpoint.url);
			const where = next.length === 1 && next[0] ? `${next[0].name} (${next[0].endpoint.url})` : names;
			setState(previous => ({sessions: next, serial: previous.serial + 1, previous: previous.sessions.map(session => session.name), notice: `Switched to ${where}. :ctx - goes back.`}));
			return undefined;
		} finally {
			isSwitching.current = false;
		}
	}, [open, openMany, store]);

	const currentNames = sessions.map(session => session.name).join('\n');
	const engineSwitch = useMemo<EngineSwitch>(() => ({
		current: currentNames.split('\n'),
		...(state.previous ? {previous: state.previous} : {}),
		store,
		switchTo,
	}), [currentNames, state.previous, store, switchTo]);

	const [first] = sessions;
	const members = useMemo<readonly EngineMember[]>(() => sessions.map(session => ({
		name: session.name, docker: session.docker,
		...(session.initialContainers ? {initialContainers: session.initialContainers} : {}),
		...(session.statsSource ? {statsSource: session.statsSource} : {}),
	})), [sessions]);
	if (!first) return null;
	const {identity} = first;
	// A configuration warning is said once, at start; after a switch, the switch is the news.
	const {startMessage, ...appProps} = props.appProps;
	const app = (
		<App
			{...appProps}
			{...(state.serial === 0 && startMessage !== undefined ? {startMessage} : {})}
			{...(state.notice ? {startInfo: state.notice} : {})}
			endpointLabel={sessions.length === 1 ? first.endpoint.label : sessions.map(session => session.name).join(', ')}
			engineVersion={identity.engineVersion}
			engineProduct={identity.engineProduct}
			apiVersion={identity.apiVersion}
			isReadOnly={sessions.some(session => session.isReadOnly)}
		/>
	);
	return (
		<EngineSwitchContext.Provider value={engineSwitch}>
			<KeySinkContext.Provider value={keySink}>
				{sessions.length === 1
					? <EngineProvider key={state.serial} docker={first.docker} {...(first.initialContainers ? {initialContainers: first.initialContainers} : {})} {...(first.statsSource ? {statsSource: first.statsSource} : {})}>{app}</EngineProvider>
					: <FleetProvider key={state.serial} members={members}>{app}</FleetProvider>}
			</KeySinkContext.Provider>
		</EngineSwitchContext.Provider>
	);
}

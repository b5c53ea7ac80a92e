import {Box, useApp, useInput, type Key} from 'ink';
import {createElement, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ComponentProps} from 'react';
import {completeCommand, runCommandLine, suggestions, type CommandResult} from './shell/command-line.js';
import {AlertToast} from './features/alerts/alert-toast.js';
import {Header} from './shell/header.js';
import {PaneTabs} from './shell/pane-tabs.js';
import {HelpOverlay, helpMaxOffset} from './shell/help-overlay.js';
import {StatusLine, type StatusLineProps, type StatusMessage} from './components/status-line.js';
import {isActive} from './features/containers/columns.js';
import {clockTime} from './text/event-line.js';
import {hostTotalsText} from './shell/host-totals.js';
import type {AlertRules} from './engine/alerts/alerts.js';
import {AlertsContext} from './features/alerts/alerts-context.js';
import {useEngine, useEngineStats} from './hooks/engine-context.js';
import {useAlertWatch} from './features/alerts/use-alert-watch.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {chunkKeys} from './keys/chunk-keys.js';
import {commandFor, globalKeys} from './keys/keymap.js';
import {onKeyRefused} from './keys/key-settings.js';
import {paneBindings} from './shell/key-actions.js';
import {effectiveHints} from './shell/hints.js';
import type {KeyHandler, Route} from './components/pane.js';
import {PaneMemoryContext, type PaneMemory} from './hooks/pane-memory.js';
import {hasPane, paneDefinition, paneDefinitions} from './shell/registry.js';
import {splitTyped} from './text/typed-text.js';
import {KeySinkContext, useEngineSwitch} from './shell/engine-switch.js';
import {choiceNames, findChoice, type EngineChoice} from './shell/engine-choices.js';

export interface AppProps {
	readonly endpointLabel: string;
	readonly engineVersion: string;
	/** "Docker" or "Podman". */
	readonly engineProduct?: string;
	readonly apiVersion: string;
	/** Ring the terminal bell on new alerts (--no-bell turns it off). */
	readonly isBellEnabled?: boolean;
	/** What counts as a restart loop (--restarts, --restart-window). */
	readonly alertRules?: AlertRules;
	/** Read-only mode (--readonly, the file, or the host's entry): the header says so. */
	readonly isReadOnly?: boolean;
	/** Said in the status line at start (a configuration warning). */
	readonly startMessage?: string;
	/** Said in the status line at start as news, not a problem (the engine just switched to). */
	readonly startInfo?: string;
}

/** What has the keyboard above the pane: nothing, the `:` line, or the help overlay. */
type Overlay = {readonly kind: 'none'} | {readonly kind: 'command'; readonly draft: string} | {readonly kind: 'help'; readonly offset: number};

const messageLifetimeMs = 6000;
const topLevelPanes = paneDefinitions.filter(definition => definition.isTopLevel && !definition.isUntabbed);
const topLevelTitles = topLevelPanes.map(definition => definition.title);

export function App(props: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const {docker, containers, connection, listError, link, staleSince, statsSource, fleet} = useEngine();
	const alerts = useAlertWatch(docker, {...(props.alertRules ? {rules: props.alertRules} : {}), isBellEnabled: props.isBellEnabled ?? true}, fleet && fleet.length > 1 ? fleet : undefined);
	const paneKeys = useRef<KeyHandler | undefined>(undefined);
	const [routes, setRoutesState] = useState<readonly Route[]>([{pane: 'containers'}]);
	// Panes may call open and back after an await, outside the key queue (the images
	// run form opens the logs once the container is up): they read the stack as it is then.
	const routesRef = useRef(routes);
	// Between a route change and the new pane registering its keys, keys wait
	// here instead of reaching the old pane: typing ahead after `:images⏎` works.
	const waitingKeys = useRef<Array<readonly [string, Key]> | undefined>(undefined);
	const waitingTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const handleKeyRef = useRef<(input: string, key: Key) => void>(() => undefined);
	// The keys of a chunk typed fast, pasted or sent over a slow link ("jl", "  ")
	// are handled one at a time, each once React has committed what the previous
	// one did. Handled in one loop they all saw one render's state: "jl" opened
	// the logs of the row that j had just left. Ink's renders are scheduled, not
	// synchronous, so the next key waits for the commit itself (a layout effect),
	// and a render is asked for in case the key changed nothing.
	const keyQueue = useRef<Array<readonly [string, Key]>>([]);
	const nextKeyTimer = useRef<NodeJS.Immediate | undefined>(undefined);
	const awaitingCommit = useRef(false);
	const [, setKeyTurn] = useState(0);
	const handleNextKey = useCallback(() => {
		nextKeyTimer.current = undefined;
		const next = keyQueue.current.shift();
		if (!next) return;
		handleKeyRef.current(next[0], next[1]);
		// Even with nothing queued now: Ink hands each escape sequence of a chunk
		// over as its own input in the same tick ("↓l"), before any commit.
		awaitingCommit.current = true;
		setKeyTurn(turn => turn + 1);
	}, []);
	useLayoutEffect(() => {
		if (!awaitingCommit.current) return;
		awaitingCommit.current = false;
		// Out of the commit: the handlers of what was just rendered are in place.
		nextKeyTimer.current = setImmediate(handleNextKey);
	});
	const queueKeys = useCallback((keys: ReadonlyArray<readonly [string, Key]>, first = false) => {
		if (first) keyQueue.current.unshift(...keys);
		else keyQueue.current.push(...keys);
		if (!nextKeyTimer.current && !awaitingCommit.current) handleNextKey();
	}, [handleNextKey]);
	const replayWaitingKeys = useCallback(() => {
		const queued = waitingKeys.current ?? [];
		waitingKeys.current = undefined;
		// Ahead of keys still queued: they were typed before them.
		if (queued.length > 0) queueKeys(queued, true);
	}, [queueKeys]);
	const setRoutes = useCallback((next: readonly Route[]) => {
		routesRef.current = next;
		paneKeys.current = undefined;
		waitingKeys.current = [];
		// A pane that takes no keys never binds: after a moment the app's own keys
		// apply. One timer, for the latest change only: an older one firing while a
		// newer pane is still mounting would hand its keys to the wrong pane.
		clearTimeout(waitingTimer.current);
		waitingTimer.current = setTimeout(() => {
			if (waitingKeys.current) replayWaitingKeys();
		}, 500);
		setRoutesState(next);
	}, [replayWaitingKeys]);
	const [overlay, setOverlay] = useState<Overlay>({kind: 'none'});
	const [message, setMessage] = useState<StatusMessage | undefined>(props.startMessage ? {text: props.startMessage, tone: 'error'} : props.startInfo ? {text: props.startInfo, tone: 'info'} : undefined);
	const messageTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const [paneStatus, setPaneStatus] = useState<StatusLineProps | undefined>(undefined);

	const notify = useCallback((next: StatusMessage | undefined) => {
		setMessage(next);
		if (messageTimer.current) clearTimeout(messageTimer.current);
		// Errors stay until the next message: a person may be looking away.
		messageTimer.current = next?.tone === 'info' ? setTimeout(() => setMessage(undefined), messageLifetimeMs) : undefined;
	}, []);
	// Read-only mode refuses a key where keys become commands (commandFor); the refusal is said here.
	useEffect(() => {
		onKeyRefused(binding => notify({text: `read-only: ${binding.description.replace(/ \(.*$/, '')} is not allowed (berth was started read-only)`, tone: 'error'}));
		return () => onKeyRefused(undefined);
	}, [notify]);
	// Once: why the engine's streams serve the stats when the local collector could not.
	const statsFallback = statsSource?.kind === 'engine' ? statsSource.reason : undefined;
	useEffect(() => {
		if (statsFallback) notify({text: `Stats from the engine's streams: ${statsFallback}`, tone: 'info'});
	}, [statsFallback, notify]);
	// News at start (a switch) fades like any other.
	useEffect(() => {
		if (props.startInfo && !props.startMessage) messageTimer.current = setTimeout(() => setMessage(undefined), messageLifetimeMs);
	}, [props.startInfo, props.startMessage]);
	useEffect(() => () => {
		clearTimeout(messageTimer.current);
		clearTimeout(waitingTimer.current);
		if (nextKeyTimer.current) clearImmediate(nextKeyTimer.current);
	}, []);
	const bindKeys = useCallback((handler: KeyHandler | undefined) => {
		paneKeys.current = handler;
		if (handler && waitingKeys.current) replayWaitingKeys();
	}, [replayWaitingKeys]);
	const open = useCallback((route: Route) => {
		if (!hasPane(route.pane)) {
			notify({text: `There is no ${route.pane} pane in this build.`, tone: 'error'});
			return;
		}
		setPaneStatus(undefined);
		setRoutes([...routesRef.current, route]);
	}, [notify, setRoutes]);
	const back = useCallback(() => {
		if (routesRef.current.length <= 1) return;
		setPaneStatus(undefined);
		setRoutes(routesRef.current.slice(0, -1));
	}, [setRoutes]);

	const route = routes[routes.length - 1] ?? {pane: 'containers'};
	// Per route object: a pane pushed over another and popped finds its state again;
	// a route that leaves the stack takes its memory with it.
	const memories = useRef(new WeakMap<Route, PaneMemory>());
	const serials = useRef(new WeakMap<Route, number>());
	const nextSerial = useRef(0);
	const serialOf = (of: Route): number => {
		const known = serials.current.get(of);
		if (known !== undefined) return known;
		const serial = nextSerial.current++;
		serials.current.set(of, serial);
		return serial;
	};
	const memoryOf = (of: Route): PaneMemory => {
		let memory = memories.current.get(of);
		if (!memory) {
			memory = new Map();
			memories.current.set(of, memory);
		}
		return memory;
	};
	const pane = paneDefinition(route.pane);

	// Ink clears the whole terminal on every frame once output reaches the last
	// row, so the app keeps one row free and Ink can update lines in place.
	const height = Math.max(3, rows - 1);
	// A new alert shows as a toast line above the status line, unless its list is open or there is no room.
	const toast = route.pane !== 'alerts' && height >= 8 ? alerts.toast : undefined;
	// The tabs take a row only where rows are not scarce.
	const showTabs = height >= 12;
	const paneHeight = Math.max(1, height - 2 - (toast ? 1 : 0) - (showTabs ? 1 : 0));
	const rootPane = routes[0]?.pane ?? 'containers';
	const tabIndex = topLevelPanes.findIndex(definition => definition.name === rootPane);

	const counts = useMemo(() => ({
		running: containers.filter(c => c.state === 'running' || c.state === 'restarting').length,
		paused: containers.filter(c => c.state === 'paused').length,
		stopped: containers.filter(c => !isActive(c.state)).length,
	}), [containers]);

	const runResult = (result: CommandResult) => {
		setOverlay({kind: 'none'});
		if (result.kind === 'quit') exit();
		else if (result.kind === 'help') setOverlay({kind: 'help', offset: 0});
		else if (result.kind === 'unknown') notify({text: result.message, tone: 'error'});
		else if (result.kind === 'switch') switchEngines(result.names);
		// The engine list is a question asked over the view in use: Esc comes back to it.
		else if (result.pane === 'contexts') open({pane: 'contexts'});
		else {
			setPaneStatus(undefined);
			const params = {...(result.filter ? {filter: result.filter} : {}), ...result.params};
			setRoutes([{pane: result.pane, ...(Object.keys(params).length > 0 ? {params} : {})}]);
		}
	};

	// `:ctx NAME`: the app is remade for the new engine once it answers; until then this one stays.
	const engines = useEngineSwitch();
	const engineNames = useCallback(() => (engines ? choiceNames(engines.store) : []), [engines]);
	const switchEngines = (names: readonly string[]) => {
		if (!engines) {
			notify({text: 'This berth cannot switch engines.', tone: 'error'});
			return;
		}
		let picked: readonly EngineChoice[];
		try {
			const wanted = names.length === 1 && names[0] === '-' ? engines.previous : names;
			if (!wanted) throw new Error('No engine was in use before this one.');
			picked = wanted.map(name => findChoice(name, engines.store));
		} catch (error) {
			notify({text: (error as Error).message, tone: 'error'});
			return;
		}
		notify({text: `Connecting to ${picked.map(choice => choice.name).join(', ')}…`, tone: 'progress'});
		void engines.switchTo(picked).then(problem => {
			if (problem) notify({text: problem, tone: 'error'});
		});
	};

	// Ink hands over a chunk of typed text as one input ("q\r", ":q\r", "cont\t");
	// each character is its own key press, whatever mode it lands in (chunkKeys). Keys go
	// through handleKeyRef, set at every render: Ink swaps in a new useInput
	// callback only after passive effects run, so a key arriving between a
	// render and those effects would otherwise see the previous render's state.
	const onInput = (input: string, key: Key) => {
		const keys = chunkKeys(input, key);
		// Ctrl+C is never behind a queue of pasted text.
		if (keys.some(([char, press]) => press.ctrl && char === 'c')) {
			exit();
			return;
		}
		queueKeys(keys);
	};
	// Under EngineRoot the keyboard is taken from it, handed over as this app is committed: an
	// app of the engine left behind could otherwise catch a key before its passive cleanup ran.
	const keySink = useContext(KeySinkContext);
	useInput(onInput, {isActive: keySink === undefined});
	const onInputRef = useRef(onInput);
	onInputRef.current = onInput;
	useLayoutEffect(() => {
		if (!keySink) return undefined;
		const forward = (input: string, key: Key) => onInputRef.current(input, key);
		keySink.current = forward;
		return () => {
			if (keySink.current === forward) keySink.current = undefined;
		};
	}, [keySink]);

	handleKeyRef.current = handleKey;
	function handleKey(input: string, key: Key): void {
		if (key.ctrl && input === 'c') {
			exit();
			return;
		}
		if (waitingKeys.current) {
			waitingKeys.current.push([input, key]);
			return;
		}
		const current = overlay;
		if (current.kind === 'help') {
			const closing = commandFor({input, ...key}, globalKeys);
			if (key.escape || input === '?' || input === 'q' || closing === 'help' || closing === 'quit') setOverlay({kind: 'none'});
			else {
				const max = helpMaxOffset(paneBindings(pane.name), paneHeight, columns);
				const step = key.downArrow || input === 'j' ? 1 : key.upArrow || input === 'k' ? -1 : key.pageDown || input === ' ' ? paneHeight - 3 : key.pageUp ? 3 - paneHeight : 0;
				if (step !== 0) setOverlay({kind: 'help', offset: Math.min(max, Math.max(0, current.offset + step))});
			}
			return;
		}
		if (current.kind === 'command') {
			if (key.escape) setOverlay({kind: 'none'});
			else if (key.tab) setOverlay({kind: 'command', draft: completeCommand(current.draft, engineNames)});
			else if (key.backspace || key.delete) setOverlay({kind: 'command', draft: current.draft.slice(0, -1)});
			else if (key.return) runResult(runCommandLine(current.draft));
			else if (input && !key.ctrl && !key.meta) {
				const typed = splitTyped(input);
				const draft = current.draft + typed.text;
				if (typed.submitted) runResult(runCommandLine(draft));
				else setOverlay({kind: 'command', draft});
			}
			return;
		}
		if (paneKeys.current?.(input, key)) return;
		const command = commandFor({input, ...key}, globalKeys);
		switch (command) {
			case 'quit': exit(); return;
			case 'help': setOverlay({kind: 'help', offset: 0}); return;
			case 'commandLine': setOverlay({kind: 'command', draft: ''}); return;
			case 'back': back(); return;
			case 'previousPane':
			case 'nextPane': {
				const step = command === 'nextPane' ? 1 : -1;
				const next = topLevelPanes[(Math.max(0, tabIndex) + step + topLevelPanes.length) % topLevelPanes.length];
				if (next) {
					setPaneStatus(undefined);
					setRoutes([{pane: next.name}]);
				}
				return;
			}
			case 'alerts':
				if (route.pane !== 'alerts') open({pane: 'alerts'});
				return;
			default: return;
		}
	}

	const statusProps: StatusLineProps = overlay.kind === 'command'
		? {kind: 'input', prompt: ':', value: overlay.draft, hint: `Tab complete · ${suggestions(overlay.draft, engineNames).map(s => `:${s}`).join(' ')}`}
		: paneStatus?.kind === 'input'
			? paneStatus
			: message
				? {kind: 'message', message}
				: connection.status === 'lost'
					// The retry first: a long reason is cut at the screen's edge, and what
					// berth is doing about it must stay in view.
					? {kind: 'message', message: {text: `Lost the engine, retrying… ${connection.message}`, tone: 'error'}}
					: listError
						? {kind: 'message', message: {text: `Containers as read at ${clockTime(staleSince ?? Date.now())}; retrying… ${listError}`, tone: 'error'}}
						: link.status === 'failing'
							? {kind: 'message', message: {text: `The link to the engine is failing since ${clockTime(link.since)}; retrying… ${link.lastError}`, tone: 'error'}}
							: paneStatus ?? {kind: 'hints', hints: effectiveHints(pane.hints, paneBindings(pane.name))};

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<LiveHeader endpointLabel={props.endpointLabel} engineVersion={props.engineVersion} {...(props.engineProduct ? {engineProduct: props.engineProduct} : {})} apiVersion={props.apiVersion} connection={connection} link={link} {...(staleSince === undefined ? {} : {staleSince})} counts={counts} unseenAlerts={alerts.unseen} width={columns} isReadOnly={props.isReadOnly ?? false} />
			{showTabs ? <PaneTabs titles={topLevelTitles} activeIndex={tabIndex} /> : null}
			{overlay.kind === 'help'
				? <HelpOverlay title={pane.title} bindings={paneBindings(pane.name)} height={paneHeight} width={columns} offset={overlay.offset} />
				: null}
			{/* Hidden, not unmounted, under the help: a log view keeps its place, search and stream. */}
			<Box display={overlay.kind === 'help' ? 'none' : 'flex'} flexDirection="column">
				<AlertsContext.Provider value={alerts}><PaneMemoryContext.Provider value={memoryOf(route)}>{createElement(pane.component, {
					// Each route is a view of its own, even over the same pane (`:web`, `:login` while the images
					// pane is open): a pane kept mounted would never bind its keys again, and they would be lost.
					key: `${serialOf(route)}:${route.pane}`,
					width: columns,
					height: paneHeight,
					params: route.params ?? {},
					notify,
					open,
					back,
					bindKeys,
					setStatus: setPaneStatus,
				})}</PaneMemoryContext.Provider></AlertsContext.Provider>
			</Box>
			{toast ? <AlertToast alert={toast} /> : null}
			<StatusLine {...statusProps} />
		</Box>
	);
}

// The header's host totals change with every stats update; computing them here
// keeps those updates from re-rendering the whole app frame.
function LiveHeader(props: Omit<ComponentProps<typeof Header>, 'totals' | 'engines'>) {
	const {host, statsSource, engines} = useEngine();
	const stats = useEngineStats();
	const source = statsSource && statsSource.kind !== 'choosing' ? `stats: ${statsSource.kind}` : undefined;
	const totals = useMemo(() => hostTotalsText(stats, host, source), [stats, host, source]);
	return <Header {...props} totals={totals} {...(engines ? {engines} : {})} />;
}

import type Docker from 'dockerode';
import {Box, useApp, useInput, type Key} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {completeCommand, runCommandLine, suggestions} from './command-line.js';
import {ConfirmRemove} from './components/confirm-remove.js';
import {ContainerTable} from './components/container-table.js';
import {Header} from './components/header.js';
import {HelpOverlay} from './components/help-overlay.js';
import {StatusLine, type StatusLineProps, type StatusMessage} from './components/status-line.js';
import {ViewBar} from './components/view-bar.js';
import {availableActions, type ContainerSummary} from './engine/containers.js';
import {columnLayout, isActive, visibleContainers, type ListView, type SortKey} from './format/container-table.js';
import {useContainerActions} from './hooks/use-container-actions.js';
import {useContainers} from './hooks/use-containers.js';
import {useStats} from './hooks/use-stats.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {commandFor, type Command} from './keymap.js';
import {moveSelection} from './selection.js';
import {splitTyped} from './typed-text.js';

export interface AppProps {
	readonly docker: Docker;
	readonly endpointLabel: string;
	readonly engineVersion: string;
	readonly apiVersion: string;
}

type Mode =
	| {readonly kind: 'normal'}
	| {readonly kind: 'filter'; readonly before: string}
	| {readonly kind: 'command'; readonly draft: string}
	| {readonly kind: 'confirm'; readonly container: ContainerSummary; readonly force: boolean; readonly volumes: boolean}
	| {readonly kind: 'help'};

const sortCommands: Partial<Record<Command, SortKey>> = {sortName: 'name', sortState: 'state', sortCpu: 'cpu', sortMemory: 'memory'};
const hints = '? help  / filter  : command  s start/stop  r restart  p pause  K kill  d remove  a all  q quit';
const messageLifetimeMs = 6000;

export function App(props: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const {containers, isLoaded, connection, listError} = useContainers(props.docker);
	const [view, setView] = useState<ListView>({showStopped: true, filter: '', sort: 'default', descending: false});
	const [mode, setModeState] = useState<Mode>({kind: 'normal'});
	// Keys can arrive faster than React re-renders (a paste, a fast typist, a
	// test); the handler reads the mode from a ref so no key sees a stale mode.
	const modeRef = useRef<Mode>(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
	};
	const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
	const [message, setMessage] = useState<StatusMessage | undefined>(undefined);
	const messageTimer = useRef<NodeJS.Timeout | undefined>(undefined);

	const notify = useCallback((next: StatusMessage) => {
		setMessage(next);
		if (messageTimer.current) clearTimeout(messageTimer.current);
		// Errors stay until the next message: a person may be looking away.
		messageTimer.current = next.tone === 'info' ? setTimeout(() => setMessage(undefined), messageLifetimeMs) : undefined;
	}, []);
	useEffect(() => () => clearTimeout(messageTimer.current), []);
	const act = useContainerActions(props.docker, notify);

	const runningIds = useMemo(() => containers.filter(c => c.state === 'running').map(c => c.id), [containers]);
	const stats = useStats(props.docker, runningIds, connection.status === 'live');
	const shown = useMemo(() => visibleContainers(containers, view, stats), [containers, view, stats]);
	const layout = useMemo(() => columnLayout(columns - 2), [columns]);

	// Ink clears the whole terminal on every frame once output reaches the last
	// row, so the app keeps one row free and Ink can update lines in place.
	const height = Math.max(3, rows - 1);
	const bodyHeight = Math.max(1, height - 4);
	// The remove dialog takes the bottom of the table's room rather than pushing the frame taller.
	const tableHeight = mode.kind === 'confirm' ? Math.max(1, bodyHeight - 5) : bodyHeight;
	const found = shown.findIndex(c => c.id === selectedId);
	const selectedIndex = found === -1 ? Math.min(shown.length - 1, 0) : found;
	const selected = shown[selectedIndex];
	const offsetRef = useRef(0);
	offsetRef.current = Math.min(Math.max(offsetRef.current, selectedIndex - tableHeight + 1), Math.max(0, selectedIndex));

	const select = (index: number) => setSelectedId(shown[Math.max(0, Math.min(shown.length - 1, index))]?.id);

	const counts = useMemo(() => ({
		running: containers.filter(c => c.state === 'running' || c.state === 'restarting').length,
		paused: containers.filter(c => c.state === 'paused').length,
		stopped: containers.filter(c => !isActive(c.state)).length,
	}), [containers]);

	const runCommand = (command: Command) => {
		const sortKey = sortCommands[command];
		if (sortKey) {
			setView(v => ({...v, sort: sortKey, descending: v.sort === sortKey ? !v.descending : false}));
			return;
		}
		const moved = moveSelection(command, selectedIndex, shown.length, bodyHeight);
		if (moved !== undefined) {
			select(moved);
			return;
		}
		switch (command) {
			case 'quit': exit(); return;
			case 'help': setMode({kind: 'help'}); return;
			case 'filter': setMode({kind: 'filter', before: view.filter}); return;
			case 'commandLine': setMode({kind: 'command', draft: ''}); return;
			case 'toggleStopped':
				setView(v => ({...v, showStopped: !v.showStopped}));
				notify({text: view.showStopped ? 'Showing running containers only.' : 'Showing all containers.', tone: 'info'});
				return;
			default: break;
		}
		if (!selected) {
			notify({text: 'No container selected.', tone: 'error'});
			return;
		}
		const offered = availableActions(selected.state);
		const wanted = ({
			startStop: offered.includes('stop') ? 'stop' : 'start',
			restart: 'restart',
			pause: selected.state === 'paused' ? 'unpause' : 'pause',
			kill: 'kill',
			remove: 'remove',
		} as const)[command as 'startStop' | 'restart' | 'pause' | 'kill' | 'remove'];
		if (!wanted) return;
		if (!offered.includes(wanted)) {
			notify({text: `Cannot ${wanted} ${selected.name}: it is ${selected.state}.`, tone: 'error'});
			return;
		}
		if (wanted === 'remove') setMode({kind: 'confirm', container: selected, force: selected.state !== 'exited' && selected.state !== 'created' && selected.state !== 'dead', volumes: false});
		else act(selected, wanted);
	};

	useInput((input: string, key: Key) => {
		if (key.ctrl && input === 'c') {
			exit();
			return;
		}
		const mode = modeRef.current;
		switch (mode.kind) {
			case 'help':
				if (key.escape || input === '?' || input === 'q') setMode({kind: 'normal'});
				return;
			case 'confirm':
				if (input === 'f') setMode({...mode, force: !mode.force});
				else if (input === 'v') setMode({...mode, volumes: !mode.volumes});
				else if (input === 'y' || key.return) {
					act(mode.container, 'remove', {force: mode.force, volumes: mode.volumes});
					setMode({kind: 'normal'});
				} else if (input === 'n' || key.escape) setMode({kind: 'normal'});
				return;
			case 'filter':
				if (key.escape) {
					setView(v => ({...v, filter: ''}));
					setMode({kind: 'normal'});
				} else if (key.return) setMode({kind: 'normal'});
				else if (key.backspace || key.delete) setView(v => ({...v, filter: v.filter.slice(0, -1)}));
				else if (input && !key.ctrl && !key.meta) {
					const typed = splitTyped(input);
					setView(v => ({...v, filter: v.filter + typed.text}));
					if (typed.submitted) setMode({kind: 'normal'});
				}
				return;
			case 'command':
				if (key.escape) setMode({kind: 'normal'});
				else if (key.tab) setMode({kind: 'command', draft: completeCommand(mode.draft)});
				else if (key.backspace || key.delete) setMode({kind: 'command', draft: mode.draft.slice(0, -1)});
				else if (key.return) {
					const result = runCommandLine(mode.draft);
					setMode({kind: 'normal'});
					if (result.kind === 'quit') exit();
					else if (result.kind === 'help') setMode({kind: 'help'});
					else if (result.kind === 'unknown') notify({text: result.message, tone: 'error'});
				} else if (input && !key.ctrl && !key.meta) {
					const typed = splitTyped(input);
					const draft = mode.draft + typed.text;
					if (!typed.submitted) setMode({kind: 'command', draft});
					else {
						const result = runCommandLine(draft);
						setMode({kind: 'normal'});
						if (result.kind === 'quit') exit();
						else if (result.kind === 'help') setMode({kind: 'help'});
						else if (result.kind === 'unknown') notify({text: result.message, tone: 'error'});
					}
				}
				return;
			case 'normal': {
				if (key.escape && view.filter) {
					setView(v => ({...v, filter: ''}));
					return;
				}
				const command = commandFor({input, ...key});
				if (command) runCommand(command);
			}
		}
	});

	const statusProps: StatusLineProps = mode.kind === 'filter'
		? {kind: 'input', prompt: '/', value: view.filter, hint: 'Enter keep · Esc clear'}
		: mode.kind === 'command'
			? {kind: 'input', prompt: ':', value: mode.draft, hint: `Tab complete · ${suggestions(mode.draft).map(s => `:${s}`).join(' ')}`}
			: message
				? {kind: 'message', message}
				: connection.status === 'lost'
					? {kind: 'message', message: {text: `Lost the engine: ${connection.message} Retrying…`, tone: 'error'}}
					: listError
						? {kind: 'message', message: {text: listError, tone: 'error'}}
						: {kind: 'hints', hints};

	const emptyText = !isLoaded
		? (connection.status === 'lost' ? '  Waiting for the engine…' : '  Loading containers…')
		: view.filter
			? `  No container matches "${view.filter}".`
			: view.showStopped ? '  No containers. Start one and it appears here.' : '  No running containers (a shows stopped ones).';

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header endpointLabel={props.endpointLabel} engineVersion={props.engineVersion} apiVersion={props.apiVersion} connection={connection} counts={counts} width={columns} />
			<ViewBar view={view} shown={shown.length} total={containers.length} />
			{mode.kind === 'help'
				? <HelpOverlay height={bodyHeight + 1} />
				: <ContainerTable containers={shown} stats={stats} layout={layout} selectedIndex={selectedIndex} offset={offsetRef.current} height={tableHeight} emptyText={emptyText} />}
			{mode.kind === 'confirm'
				? <ConfirmRemove name={mode.container.name} isRunning={mode.container.state === 'running'} force={mode.force} volumes={mode.volumes} />
				: <StatusLine {...statusProps} />}
		</Box>
	);
}

import {Box, type Key} from 'ink';
import {useMemo, useRef, useState} from 'react';
import {ConfirmRemove} from '../../components/confirm-remove.js';
import {ContainerTable, tableLines} from './table.js';
import {ViewBar} from './view-bar.js';
import {actionCommands, planAction, type ActionCommand} from '../../engine/resources/action-plan.js';
import type {ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {sparkline} from '../../components/sparkline.js';
import {columnContent, columnLayout, groupHeaders, isNumericSort, trendWidth, visibleContainers, type ListView, type SortKey} from './columns.js';
import {useContainerActions} from './use-actions.js';
import {useEngine, useEngineStats, useEngineStatusWords} from '../../hooks/engine-context.js';
import {containersKeys, type ContainersCommand} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {moveSelection} from '../../components/selection.js';
import {splitTyped} from '../../text/typed-text.js';
import {usePaneKeys, type PaneProps} from '../../components/pane.js';
import {useRememberedState} from '../../hooks/pane-memory.js';
import {useContainerSession} from '../../hooks/use-container-session.js';
import {useCustomCommand} from '../../hooks/use-custom-command.js';
import {customBindings} from '../../hooks/custom-commands.js';
import {confirmKeys} from '../../keys/confirm-keys.js';
import {useContainerChanges, type ChangeCommand} from './use-changes.js';

type Mode =
	| {readonly kind: 'list'}
	| {readonly kind: 'filter'}
	| {readonly kind: 'confirm'; readonly containers: readonly ContainerSummary[]; readonly force: boolean; readonly volumes: boolean};

const sortCommands: Partial<Record<ContainersCommand, SortKey>> = {sortName: 'name', sortState: 'state', sortCpu: 'cpu', sortMemory: 'memory', sortNetwork: 'network', sortBlock: 'block'};
const isActionCommand = (command: ContainersCommand): command is ActionCommand => (actionCommands as readonly string[]).includes(command);
const changeCommands: readonly ContainersCommand[] = ['rename', 'update', 'copy', 'export', 'commit'] satisfies readonly ChangeCommand[];
const isChangeCommand = (command: ContainersCommand): command is ChangeCommand => changeCommands.includes(command);
/** What a sort that reads no numbers gets: an empty map that never changes. */
const noStats: ReadonlyMap<string, StatsSample> = new Map();

export function ContainersPane(props: PaneProps) {
	const {docker, containers, isLoaded, connection, statsHub, engines} = useEngine();
	// An unreachable engine's containers are folded out of the list into one line (fleet-provider.ts).
	const folded = useMemo(() => engines?.filter(engine => engine.state === 'unreachable').map(engine => `${engine.containerCount} container${engine.containerCount === 1 ? '' : 's'} on ${engine.name} unreachable`), [engines]);
	const stats = useEngineStats();
	const statusWords = useEngineStatusWords();
	// The view, the selected row and the marks are still there after a pushed pane (logs, detail) is closed.
	// params.filter: the filter to open with (an alias from the configuration file, `:web`).
	const [view, setView] = useRememberedState<ListView>('view', {showStopped: true, filter: typeof props.params['filter'] === 'string' ? props.params['filter'] : '', sort: 'default', descending: false});
	const [mode, setMode] = useState<Mode>({kind: 'list'});
	/** Sets the view from the one rendered, which is the latest: keys come one per commit (app.tsx). */
	const updateView = (change: (v: ListView) => ListView): ListView => {
		const next = change(view);
		setView(next);
		return next;
	};
	// params.select: a container id to start on (the alert list's c).
	const [selectedId, setSelectedId] = useRememberedState<string | undefined>('selected', typeof props.params['select'] === 'string' ? props.params['select'] : undefined);
	const act = useContainerActions(docker, props.notify);
	const [marked, setMarked] = useRememberedState<ReadonlySet<string>>('marked', () => new Set());
	const session = useContainerSession(docker, {notify: props.notify, setStatus: props.setStatus, height: props.height});
	const custom = useCustomCommand('containers', {notify: props.notify, open: props.open, height: props.height});
	const changes = useContainerChanges(docker, {notify: props.notify, setStatus: props.setStatus, width: props.width, height: props.height});

	// Only a sort by a number follows each second's samples; otherwise the order (and
	// the array the rows are memoised against) stays put between frames.
	const sortStats = isNumericSort(view.sort) ? stats : noStats;
	const shown = useMemo(() => visibleContainers(containers, view, sortStats), [containers, view, sortStats]);
	const {health: hasHealth, ports: hasPorts, project: hasProject, host: hasHost} = columnContent(containers);
	const layout = useMemo(() => columnLayout(props.width - 2, {health: hasHealth, ports: hasPorts, project: hasProject ?? false, host: hasHost ?? false}), [props.width, hasHealth, hasPorts, hasProject, hasHost]);
	const hasTrend = layout.some(spec => spec.column === 'trend');
	// Read from the hub's rings when a new batch of samples arrived (stats changed).
	const trends = useMemo(() => {
		if (!hasTrend) return undefined;
		const out = new Map<string, string>();
		for (const id of stats.keys()) out.set(id, sparkline(statsHub.history(id)?.tail('cpu', trendWidth) ?? [], trendWidth));
		return out;
	}, [hasTrend, stats, statsHub]);
	const bodyHeight = Math.max(1, props.height - 2);
	// The remove dialog takes the bottom of the table's room rather than pushing the frame taller.
	const confirmHeight = mode.kind === 'confirm' ? (mode.containers.length > 1 ? 7 : 6) : 0;
	const tableHeight = Math.max(1, bodyHeight - confirmHeight);
	const found = shown.findIndex(c => c.id === selectedId);
	const selectedIndex = found === -1 ? Math.min(shown.length - 1, 0) : found;
	const selected = shown[selectedIndex];
	// Grouped (P), a header line stands above each project: the scroll counts lines, not containers.
	const headers = useMemo(() => (view.isGrouped ? groupHeaders(shown) : undefined), [view.isGrouped, shown]);
	const selectedLine = headers ? tableLines(shown, headers).findIndex(line => line.kind === 'row' && line.index === selectedIndex) : selectedIndex;
	const offsetRef = useRef(0);
	// The header right above the first row of a group stays in sight with it.
	const firstWanted = headers?.has(selected?.id ?? '') ? selectedLine - 1 : selectedLine;
	offsetRef.current = Math.min(Math.max(offsetRef.current, selectedLine - tableHeight + 1), Math.max(0, firstWanted));

	const showFilterPrompt = (filter: string) =>
		props.setStatus({kind: 'input', prompt: '/', value: filter, hint: 'Enter keep · Esc clear'});

	// Marked containers (space), when any are still there, else the selected one;
	// in the order the list shows them, so messages and the question read like the screen.
	const markedNow = useMemo(() => {
		if (marked.size === 0) return [];
		const position = new Map(shown.map((c, index) => [c.id, index]));
		return containers.filter(c => marked.has(c.id)).sort((a, b) => (position.get(a.id) ?? shown.length) - (position.get(b.id) ?? shown.length));
	}, [marked, containers, shown]);
	const targets = markedNow.length > 0 ? markedNow : selected ? [selected] : [];

	const runAction = (command: ActionCommand) => {
		const plan = planAction(command, targets);
		if ('refusal' in plan) {
			props.notify({text: plan.refusal, tone: 'error'});
			return;
		}
		if (plan.action === 'remove') {
			const mustForce = plan.containers.some(c => c.state !== 'exited' && c.state !== 'created' && c.state !== 'dead');
			setMode({kind: 'confirm', containers: plan.containers, force: mustForce, volumes: false});
		} else if (plan.action === 'kill') changes.askKill(plan.containers);
		else act(plan.containers, plan.action);
	};

	const runCommand = (command: ContainersCommand) => {
		const sortKey = sortCommands[command];
		if (sortKey) {
			updateView(v => ({...v, sort: sortKey, descending: v.sort === sortKey ? !v.descending : false}));
			return;
		}
		const moved = moveSelection(command, selectedIndex, shown.length, bodyHeight);
		if (moved !== undefined) {
			setSelectedId(shown[moved]?.id);
			return;
		}
		if (command === 'filter') {
			setMode({kind: 'filter'});
			showFilterPrompt(view.filter);
		} else if (command === 'toggleStopped') {
			const showStopped = !view.showStopped;
			updateView(v => ({...v, showStopped}));
			props.notify({text: showStopped ? 'Showing all containers.' : 'Showing running containers only.', tone: 'info'});
		} else if (command === 'groupByProject') {
			const isGrouped = !view.isGrouped;
			updateView(v => ({...v, isGrouped}));
			props.notify({text: isGrouped ? 'Grouped by compose project.' : 'Not grouped.', tone: 'info'});
		} else if (command === 'detail') {
			if (selected) props.open({pane: 'detail', params: {containerId: selected.id}});
			else props.notify({text: 'No container selected.', tone: 'error'});
		} else if (command === 'inspect') {
			if (selected) props.open({pane: 'inspect', params: {containerId: selected.id}});
			else props.notify({text: 'No container selected.', tone: 'error'});
		} else if (command === 'events') {
			props.open({pane: 'events', params: selected ? {filter: `name=${selected.name}`, since: '15m'} : {}});
		} else if (command === 'prune') {
			props.setStatus(undefined);
			changes.askPrune();
		} else if (isActionCommand(command)) runAction(command);
		else if (isChangeCommand(command)) {
			if (selected) changes.open(command, selected);
			else props.notify({text: 'No container selected.', tone: 'error'});
		} else runLogsCommand(command);
	};

	const runLogsCommand = (command: ContainersCommand) => {
		if (command === 'mark') {
			if (!selected) return;
			const next = new Set(marked);
			if (!next.delete(selected.id)) next.add(selected.id);
			setMarked(next);
			setSelectedId(shown[Math.min(shown.length - 1, selectedIndex + 1)]?.id);
			return;
		}
		if (command === 'logs') {
			const ids = marked.size > 0 ? containers.filter(c => marked.has(c.id)).map(c => c.id) : selected ? [selected.id] : [];
			if (ids.length > 0) props.open({pane: 'logs', params: {containerIds: ids}});
			return;
		}
		if (!selected) {
			props.notify({text: 'No container selected.', tone: 'error'});
			return;
		}
		if (command === 'projectLogs') {
			if (!selected.composeProject) {
				props.notify({text: `${selected.name} is not part of a compose project (no com.docker.compose.project label).`, tone: 'error'});
				return;
			}
			const ids = containers.filter(c => c.composeProject === selected.composeProject).map(c => c.id);
			props.open({pane: 'logs', params: {containerIds: ids}});
		} else if (command === 'exec' || command === 'attach' || command === 'run') session.start(command, selected);
	};

	const handleKey = (input: string, key: Key): boolean => {
		if (session.handleKey(input, key)) return true;
		if (changes.handleKey(input, key)) return true;
		const current = mode;
		if (current.kind === 'confirm') {
			if (input === 'f') setMode({...current, force: !current.force});
			else if (input === 'v') setMode({...current, volumes: !current.volumes});
			else {
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer === 'yes') {
					act(current.containers, 'remove', {force: current.force, volumes: current.volumes});
					if (current.containers.length > 1) setMarked(new Set());
				}
				if (answer) setMode({kind: 'list'});
			}
			return true;
		}
		if (current.kind === 'filter') {
			if (key.escape) {
				updateView(v => ({...v, filter: ''}));
				setMode({kind: 'list'});
				props.setStatus(undefined);
			} else if (key.return) {
				setMode({kind: 'list'});
				props.setStatus(undefined);
			} else if (key.backspace || key.delete) {
				showFilterPrompt(updateView(v => ({...v, filter: v.filter.slice(0, -1)})).filter);
			} else if (input && !key.ctrl && !key.meta) {
				const typed = splitTyped(input);
				const {filter} = updateView(v => ({...v, filter: v.filter + typed.text}));
				if (!typed.submitted) showFilterPrompt(filter);
				else {
					setMode({kind: 'list'});
					props.setStatus(undefined);
				}
			}
			return true;
		}
		if (key.escape && marked.size > 0) {
			setMarked(new Set());
			return true;
		}
		if (key.escape && view.filter) {
			updateView(v => ({...v, filter: ''}));
			return true;
		}
		const customId = commandFor({input, ...key}, customBindings('containers'));
		if (customId) {
			const row = selected;
			return custom.run(customId, row && {ID: row.id, Name: row.name, Image: row.image, Project: row.composeProject ?? ''});
		}
		const command = commandFor({input, ...key}, containersKeys);
		if (!command) return false;
		runCommand(command);
		return true;
	};
	usePaneKeys(props, handleKey);

	// An engine that shuts down lists nothing on its way out: that is not "no containers".
	const emptyText = connection.status === 'lost' ? '  Waiting for the engine…'
		: !isLoaded ? '  Loading containers…'
		: view.filter
			? `  No container matches "${view.filter}".`
			: view.showStopped ? '  No containers. Start one and it appears here.' : '  No running containers (a shows stopped ones).';

	if (session.view) return session.view;
	if (custom.view) return custom.view;
	if (changes.view) return changes.view;
	return (
		<Box flexDirection="column" height={props.height}>
			<ViewBar view={view} shown={shown.length} total={containers.length} marked={markedNow.length} {...(folded && folded.length > 0 ? {folded} : {})} />
			<ContainerTable containers={shown} stats={stats} layout={layout} selectedIndex={selectedIndex} offset={offsetRef.current} height={tableHeight} emptyText={emptyText} {...(trends ? {trends} : {})} marked={marked} statusOf={statusWords.of} {...(headers ? {headers} : {})} />
			{mode.kind === 'confirm'
				? <ConfirmRemove names={mode.containers.map(c => c.name)} isRunning={mode.containers.some(c => c.state === 'running')} force={mode.force} volumes={mode.volumes} />
				: null}
		</Box>
	);
}

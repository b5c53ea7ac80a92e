// Any ResourceSpec as a pane: the list (bar over table, filter, sorts) and, in
// its place while they are open, the spec's text pages, forms, pick lists,
// questions and panel. Keys arrive one per commit (app.tsx), so the handlers
// read the state as rendered and need no refs that mirror it.
import {Box, type Key} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {useEngine} from '../hooks/engine-context.js';
import type {FormValues} from '../hooks/use-form.js';
import {useResourceList} from '../hooks/use-resource-list.js';
import {useFleetResourceList} from '../hooks/use-fleet-resource-list.js';
import {hostOfRow} from './fleet-rows.js';
import type {ResourceColumn} from './resource-table-model.js';
import type Docker from 'dockerode';
import {useResourceTable} from '../hooks/use-resource-table.js';
import {confirmKeys} from '../keys/confirm-keys.js';
import {commandFor, type KeyBinding} from '../keys/keymap.js';
import {isRefused, reportRefused} from '../keys/key-settings.js';
import {customBindings} from '../hooks/custom-commands.js';
import {useCustomCommand} from '../hooks/use-custom-command.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from './pane.js';
import {reportOutcome} from './report-outcome.js';
import {usePruneQuestion} from '../hooks/use-prune-question.js';
import {ConfirmBox} from './confirm-box.js';
import {FormPanel, PickPanel, TextPanel, type PickItem} from './panels.js';
import {ResourceList} from './resource-list.js';
import {arrangeTree, parentOf, treeColumns} from './resource-tree-model.js';
import type {TableView} from './resource-table-model.js';
import {useRememberedState} from '../hooks/pane-memory.js';
import type {FormMore, ResourceSpec, SpecAction, SpecContext} from './resource-spec.js';

/** HOST, first, when the rows come from several engines. */
const hostColumn: ResourceColumn<unknown> = {id: 'host', title: 'HOST', width: 8, grow: 1, text: row => hostOfRow(row) ?? ''};

type Mode<Row, Extra> =
	| {readonly kind: 'list'}
	| {readonly kind: 'text'; readonly title: string; readonly lines: readonly string[]}
	| {readonly kind: 'form'; readonly action: Extract<SpecAction<Row, Extra>, {kind: 'form'}>; readonly row: Row | undefined; readonly more: Omit<FormMore<Row, Extra>, 'extra'>}
	| {readonly kind: 'confirm'; readonly action: Extract<SpecAction<Row, Extra>, {kind: 'confirm'}>; readonly row: Row; readonly toggles: ReadonlySet<string>}
	| {readonly kind: 'pick'; readonly action: Extract<SpecAction<Row, Extra>, {kind: 'pick'}>; readonly row: Row; readonly items: readonly PickItem[]};

export interface ResourcePaneProps<Row, Extra> extends PaneProps {
	readonly spec: ResourceSpec<Row, Extra>;
	readonly keys: readonly KeyBinding[];
}

export function ResourcePane<Row, Extra = undefined>(props: ResourcePaneProps<Row, Extra>) {
	const {spec, notify, setStatus} = props;
	const {docker, containers, fleet} = useEngine();
	// Several engines: every engine's rows, with a HOST column, each action on its row's engine.
	// A tree (compose) is built from one engine's containers: it stays with the first engine.
	const fleetMembers = fleet && fleet.length > 1 && !spec.tree ? fleet : undefined;
	const {params} = props;
	// Words in place of the list when the engine's mode has no such list (explain); a ref for the poll to read.
	const [unavailable, setUnavailableState] = useState<string | undefined>(undefined);
	const unavailableRef = useRef<string | undefined>(undefined);
	const load = useCallback(async (signal: AbortSignal) => {
		const setUnavailable = (text: string | undefined) => {
			unavailableRef.current = text;
			if (!signal.aborted) setUnavailableState(text);
		};
		try {
			const rows = await spec.load(docker, signal, params);
			setUnavailable(undefined);
			return rows;
		} catch (error) {
			const words = spec.explain?.(error as Error);
			if (words === undefined) throw error;
			setUnavailable(words);
			return [];
		}
	}, [docker, spec, params]);
	const fleetLoad = useCallback(async (engine: Docker, signal: AbortSignal) => {
		try {
			return await spec.load(engine, signal, params);
		} catch (error) {
			// An engine whose mode has no such list (not a Swarm manager) just adds no rows.
			if (spec.explain?.(error as Error) !== undefined) return [];
			throw error;
		}
	}, [spec, params]);
	const singleList = useResourceList(fleetMembers ? undefined : docker, load, spec.refreshOn);
	const fleetList = useFleetResourceList(fleetMembers, fleetLoad, spec.refreshOn);
	const list = fleetMembers ? fleetList : singleList;
	const {reload} = list;
	useEffect(() => {
		if (!spec.pollMs) return;
		const timer = setInterval(() => {
			if (unavailableRef.current === undefined) reload();
		}, spec.pollMs);
		return () => clearInterval(timer);
	}, [spec.pollMs, reload]);
	const base = {docker, containers, notify, open: props.open, reload: list.reload};
	const extra = spec.useExtra?.(base);
	const context: SpecContext<Extra> = {...base, extra: extra as Extra};
	const panel = extra?.panel;
	const [openedAt] = useState(() => Date.now());
	const [mode, setModeState] = useState<Mode<Row, Extra>>({kind: 'list'});
	const setMode = (next: Mode<Row, Extra>) => {
		setModeState(next);
		if (next.kind === 'list') setStatus(undefined);
	};
	const [shown, setShown] = useState(() => new Set((spec.switches ?? []).filter(view => view.isShownAtFirst).map(view => view.id)));
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const custom = useCustomCommand(spec.name, {notify, open: props.open, height: props.height});
	const presented = useMemo(() => (spec.present ? spec.present(list.rows, extra as Extra) : list.rows), [spec, list.rows, extra]);
	const rows = useMemo(() => presented.filter(row => (spec.switches ?? []).every(view => shown.has(view.id) || !view.isRowHidden(row))), [presented, spec.switches, shown]);
	// A tree's unfolded rows, by key; still unfolded after a pushed pane is closed.
	const [expanded, setExpanded] = useRememberedState<ReadonlySet<string>>('list:expanded', () => new Set());
	const {tree} = spec;
	const rowKey = useMemo(() => (fleetMembers ? (row: Row) => `${hostOfRow(row) ?? ''}/${spec.rowKey(row)}` : spec.rowKey), [fleetMembers, spec]);
	const shape = useMemo(() => (tree ? {...tree, rowKey} : undefined), [tree, rowKey]);
	const plainColumns = useMemo(() => (fleetMembers ? [hostColumn as ResourceColumn<Row>, ...spec.columns(openedAt)] : spec.columns(openedAt)), [spec, openedAt, fleetMembers]);
	const columns = useMemo(() => (shape ? treeColumns(plainColumns, shape, expanded) : plainColumns), [plainColumns, shape, expanded]);
	const arrange = useMemo(() => (shape ? (roots: readonly Row[], view: TableView) => arrangeTree(roots, shape, expanded, plainColumns, view) : undefined), [shape, expanded, plainColumns]);
	const tableHeight = Math.max(1, props.height - 2);
	const table = useResourceTable({
		rows, columns, rowKey, width: props.width, height: tableHeight, setStatus, rememberAs: 'list',
		...(arrange ? {arrange} : {}),
		...(typeof props.params['filter'] === 'string' ? {initialFilter: props.params['filter']} : {}),
	});
	const selected = table.selected;
	// Marked rows (space, where the spec allows it), by key; only those still listed count.
	const [marked, setMarked] = useRememberedState<ReadonlySet<string>>('list:marked', () => new Set());
	// In the order the list shows them, so a form's title reads like the screen.
	const markedRows = useMemo(() => (marked.size === 0 ? [] : table.shown.filter(row => marked.has(rowKey(row)))), [marked, table.shown, rowKey]);
	const glyph = useMemo(() => (markedRows.length === 0 ? spec.glyph : (row: Row) => (marked.has(rowKey(row)) ? {text: '*', color: 'cyan'} : spec.glyph(row))), [markedRows.length, marked, spec, rowKey]);
	const toggleMark = () => {
		if (selected === undefined) return;
		const next = new Set(marked);
		if (!next.delete(rowKey(selected))) next.add(rowKey(selected));
		setMarked(next);
		const below = table.shown[table.selectedIndex + 1];
		if (below !== undefined) table.select(below);
	};
	// `:login`, `:load` and the like open the pane on one of its forms, with what was typed after the name.
	// Read-only mode refuses them as it refuses their keys.
	const {keys: bindings} = props;
	useEffect(() => {
		const wanted = typeof params['action'] === 'string' ? spec.actions.find(action => action.id === params['action'] && action.kind === 'form') : undefined;
		if (wanted?.kind !== 'form') return;
		const binding = bindings.find(candidate => candidate.command === wanted.id);
		if (binding && isRefused(binding)) reportRefused(binding);
		else setModeState({kind: 'form', action: wanted, row: undefined, more: {marked: [], params}});
	}, [params, spec, bindings]);
	// What an action works on: the selected row's engine (prune and create too: k9s acts on the context in view).
	const selectedEngine = fleetMembers && selected !== undefined ? fleetMembers.find(member => member.name === hostOfRow(selected))?.docker : undefined;
	const actionContext: SpecContext<Extra> = selectedEngine ? {...context, docker: selectedEngine} : context;

	/** Enter, → and ← on a tree: true when the key folded, unfolded or moved up. */
	const treeKey = (input: string, key: Key): boolean => {
		if (!tree || selected === undefined) return false;
		const rowKey = spec.rowKey(selected);
		const hasChildren = tree.children(selected).length > 0;
		const command = commandFor({input, ...key}, props.keys);
		if (command === 'unfold' || (key.return && hasChildren)) {
			if (!hasChildren) return true;
			const next = new Set(expanded);
			if (key.return && next.has(rowKey)) next.delete(rowKey);
			else next.add(rowKey);
			setExpanded(next);
			return true;
		}
		if (command !== 'fold') return false;
		if (expanded.has(rowKey)) {
			const next = new Set(expanded);
			next.delete(rowKey);
			setExpanded(next);
			return true;
		}
		const parent = parentOf(table.shown, table.selectedIndex, tree.depth);
		if (parent !== undefined) table.select(parent);
		return true;
	};

	const prune = usePruneQuestion({
		preview: all => spec.prune ? spec.prune.preview(actionContext, all) : Promise.resolve(undefined),
		prune: all => spec.prune ? spec.prune.run(actionContext, all) : Promise.resolve(undefined),
		count: preview => spec.prune?.count(preview) ?? 0,
		progress: spec.prune?.progress ?? '',
		done: result => spec.prune?.done(result) ?? '',
		notify,
		canWidenToAll: Boolean(spec.prune?.widen),
	});

	const runAction = (action: SpecAction<Row, Extra>) => {
		const needsRow = action.kind === 'form' || action.kind === 'now' ? action.needsRow : true;
		const row = selected;
		if (needsRow && row === undefined) return notify({text: `No ${spec.noun} selected.`, tone: 'error'});
		const refusal = row !== undefined && 'refuse' in action ? action.refuse?.(row, actionContext) : undefined;
		if (refusal) return notify({text: refusal, tone: 'error'});
		switch (action.kind) {
			case 'text':
				if (row === undefined) return;
				action.open(actionContext, row).then(page => setMode({kind: 'text', ...page}), (error: Error) => notify({text: error.message, tone: 'error'}));
				return;
			case 'form': return setMode({kind: 'form', action, row, more: {marked: markedRows, params}});
			case 'confirm': return row === undefined ? undefined : setMode({kind: 'confirm', action, row, toggles: new Set()});
			case 'pick': return row === undefined ? undefined : setMode({kind: 'pick', action, row, items: action.items(actionContext, row)});
			case 'now': return action.run(actionContext, row);
		}
	};

	const submitForm = (action: Extract<SpecAction<Row, Extra>, {kind: 'form'}>, row: Row | undefined, values: FormValues, more: FormMore<Row, Extra>) => {
		new Promise<string | undefined>(resolve => resolve(action.submit(actionContext, values, row, more))).then(
			text => {
				// A form that opened the spec's panel leaves the screen to it.
				if (text === undefined) return setModeState({kind: 'list'});
				setMode({kind: 'list'});
				notify({text, tone: 'info'});
			},
			(error: Error) => notify({text: error.message, tone: 'error'}),
		);
	};

	const handleKey = (input: string, key: Key): boolean => {
		if (prune.handleKey(input, key)) return true;
		if (panel?.isOpen) return panel.handleKey(input, key, subKeys);
		switch (mode.kind) {
			case 'text':
				if (subKeys.current?.(input, key)) return true;
				if (key.escape) setMode({kind: 'list'});
				return key.escape;
			case 'form':
			case 'pick':
				return subKeys.current?.(input, key) ?? true;
			case 'confirm': {
				const toggle = mode.action.toggles?.find(candidate => candidate.key === input);
				if (toggle) {
					const toggles = new Set(mode.toggles);
					if (!toggles.delete(toggle.key)) toggles.add(toggle.key);
					setMode({...mode, toggles});
					return true;
				}
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer) setMode({kind: 'list'});
				if (answer === 'yes') {
					const {action, row, toggles} = mode;
					reportOutcome(notify, action.run(actionContext, row, toggles), text => text, error => action.failed?.(row, error, toggles) ?? error.message);
				}
				return true;
			}
			case 'list': {
				if (table.handleKey(input, key)) return true;
				if (treeKey(input, key)) return true;
				const customId = spec.commandValues ? commandFor({input, ...key}, customBindings(spec.name)) : undefined;
				if (customId) return custom.run(customId, selected === undefined ? undefined : spec.commandValues?.(selected));
				if (key.escape && marked.size > 0) {
					setMarked(new Set());
					return true;
				}
				const command = commandFor({input, ...key}, props.keys);
				if (!command) return false;
				if (command === 'mark' && spec.marks) {
					toggleMark();
					return true;
				}
				const view = spec.switches?.find(candidate => candidate.id === command);
				if (view) {
					const next = new Set(shown);
					if (!next.delete(view.id)) next.add(view.id);
					setShown(next);
					notify({text: next.has(view.id) ? view.shownMessage : view.hiddenMessage, tone: 'info'});
					return true;
				}
				if (command === spec.prune?.id) {
					prune.ask();
					return true;
				}
				const action = spec.actions.find(candidate => candidate.id === command);
				if (!action) return false;
				runAction(action);
				return true;
			}
		}
	};
	usePaneKeys(props, handleKey);

	const body = (() => {
		const size = {width: props.width, height: props.height};
		if (prune.question && spec.prune) {
			const {question} = prune;
			const widen = spec.prune.widen?.(actionContext, question.all);
			const toggles = widen ? [{key: 'a', label: widen, isOn: question.all}] : [];
			if (question.preview === undefined) return <ConfirmBox title="Working out what would be pruned…" toggles={toggles} verb="prune" />;
			const isEmpty = spec.prune.count(question.preview) === 0;
			return <ConfirmBox title={spec.prune.title(actionContext, question.preview, question.all)} items={spec.prune.items(question.preview)} maxItems={Math.max(1, props.height - 6)} toggles={toggles} verb={isEmpty ? 'close' : 'prune'} />;
		}
		if (custom.view) return custom.view;
		if (panel?.isOpen) return panel.render(size, setStatus, subKeys);
		switch (mode.kind) {
			case 'text': return <TextPanel title={mode.title} lines={mode.lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="Esc back" />;
			case 'form': {
				const more = {...mode.more, extra: context.extra};
				return <FormPanel key={mode.action.id} setStatus={setStatus} height={props.height} title={mode.action.title(mode.row, more)} fields={mode.action.fields(mode.row, more)} keysRef={subKeys} onSubmit={values => submitForm(mode.action, mode.row, values, more)} onCancel={() => setMode({kind: 'list'})} />;
			}
			case 'pick': {
				const {action, row} = mode;
				return (
					<PickPanel
						title={action.title(row)}
						items={mode.items}
						width={props.width}
						height={props.height}
						emptyText={action.emptyText}
						setStatus={setStatus}
						keysRef={subKeys}
						onPick={item => {
							const question = action.ask?.(row, item);
							if (question) {
								// The choice becomes a question of the usual kind; yes runs it as the pick would.
								const {id, keys, description} = action;
								return setMode({kind: 'confirm', row, toggles: new Set(), action: {
									kind: 'confirm', id, keys, description, verb: question.verb, title: () => question.title, lines: () => question.lines ?? [],
									run: (actionContext, picked) => action.run(actionContext, picked, item).finally(list.reload),
									failed: (picked, error) => action.failed?.(picked, item, error) ?? error.message,
								}});
							}
							setMode({kind: 'list'});
							reportOutcome(notify, action.run(actionContext, row, item).finally(list.reload), text => text, error => action.failed?.(row, item, error) ?? error.message);
						}}
						onCancel={() => setMode({kind: 'list'})}
					/>
				);
			}
			case 'confirm': {
				const {action, row, toggles} = mode;
				return <ConfirmBox title={action.title(row)} {...(action.lines ? {lines: action.lines(row)} : {})} toggles={(action.toggles ?? []).map(toggle => ({...toggle, isOn: toggles.has(toggle.key)}))} verb={action.verb} />;
			}
			case 'list': {
				const hidden = (spec.switches ?? []).filter(view => !shown.has(view.id)).map(view => view.hiddenNote);
				const notes = [...hidden, ...(markedRows.length > 0 ? [`${markedRows.length} marked: keys act on them, Esc clears`] : [])];
				return <ResourceList title={spec.titleFor?.(params) ?? spec.title} noun={spec.noun} {...(unavailable === undefined ? {} : {unavailable})} {...(spec.emptyHint ? {emptyHint: spec.emptyHint} : {})} note={notes.length > 0 ? notes.join(', ') : undefined} list={list} table={table} rowKey={rowKey} height={tableHeight} glyph={glyph} {...(tree ? {shownCount: table.shown.filter(row => tree.depth(row) === 0).length} : {})} />;
			}
		}
	})();

	return <Box flexDirection="column" height={props.height}>{body}</Box>;
}

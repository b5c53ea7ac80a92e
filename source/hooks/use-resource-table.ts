import type {Key} from 'ink';
import {useMemo, useRef, useState} from 'react';
import type {StatusLineProps} from '../components/status-line.js';
import {initialTableView, layoutColumns, scrollOffset, toggleSort, visibleRows, type LaidOutColumn, type ResourceColumn, type TableView} from '../components/resource-table-model.js';
import {listKeys} from '../keys/list-keys.js';
import {commandFor} from '../keys/keymap.js';
import {moveSelection} from '../components/selection.js';
import {useRememberedState} from './pane-memory.js';
import {splitTyped} from '../text/typed-text.js';

export interface ResourceTableOptions<T> {
	readonly rows: readonly T[];
	readonly columns: readonly ResourceColumn<T>[];
	readonly rowKey: (row: T) => string;
	readonly width: number;
	/** Rows of data the table shows (its header not counted). */
	readonly height: number;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	/**
	 * Keep the view and selection under this name in the route's memory, so they are
	 * still there when a pane pushed over this one is closed. A pane's main list
	 * sets it; a passing picker does not.
	 */
	readonly rememberAs?: string;
	/** The rows shown for a view, when the list arranges its own (a tree); else the columns filter and sort them. */
	readonly arrange?: (rows: readonly T[], view: TableView) => readonly T[];
	/** The filter to open with (an alias from the configuration file). */
	readonly initialFilter?: string;
}

export interface ResourceTableState<T> {
	readonly shown: readonly T[];
	readonly selected: T | undefined;
	readonly selectedIndex: number;
	readonly offset: number;
	readonly view: TableView;
	readonly layout: readonly LaidOutColumn<T>[];
	readonly isFiltering: boolean;
	/** Moves the selection to a row (a tree's ← to the parent). */
	readonly select: (row: T) => void;
	/** Movement, `/` filter, Esc clearing the filter and the columns' sort keys; false for anything else. */
	readonly handleKey: (input: string, key: Key) => boolean;
}

/**
 * Selection, scrolling, filter and sort for a resource list: the same keys
 * and the same behaviour as the containers pane. The selection follows the
 * row's key, so a refresh that reorders rows keeps the same row selected.
 */
export function useResourceTable<T>(options: ResourceTableOptions<T>): ResourceTableState<T> {
	const {rows, columns, rowKey, width, height, setStatus, rememberAs, arrange} = options;
	// Still there after a pushed pane (an image's history, a volume's inspect) is closed.
	const [view, setViewState] = useRememberedState<TableView>(rememberAs && `${rememberAs}:view`, options.initialFilter ? {...initialTableView, filter: options.initialFilter} : initialTableView);
	// The view, the filter mode and the selection are mirrored in refs: not every caller of
	// handleKey waits for a commit between keys as the app's queue does (the component
	// tests call it straight from useInput, the next key before the last one's render).
	const viewRef = useRef(view);
	const setView = (next: TableView) => {
		viewRef.current = next;
		setViewState(next);
	};
	const [isFiltering, setFilteringState] = useState(false);
	const filteringRef = useRef(false);
	const setFiltering = (next: boolean) => {
		filteringRef.current = next;
		setFilteringState(next);
	};
	const [selectedKey, setSelectedKey] = useRememberedState<string | undefined>(rememberAs && `${rememberAs}:selected`, undefined);
	const shown = useMemo(() => (arrange ? arrange(rows, view) : visibleRows(rows, columns, view)), [rows, columns, view, arrange]);
	const layout = useMemo(() => layoutColumns(columns, width), [columns, width]);
	const found = shown.findIndex(row => rowKey(row) === selectedKey);
	const selectedIndex = found === -1 ? Math.min(shown.length - 1, 0) : found;
	const offsetRef = useRef(0);
	offsetRef.current = scrollOffset(offsetRef.current, selectedIndex, height, shown.length);
	const latest = useRef({shown, selectedIndex});
	latest.current = {shown, selectedIndex};

	const showPrompt = (filter: string) => setStatus({kind: 'input', prompt: '/', value: filter, hint: 'Enter keep · Esc clear'});

	const handleKey = (input: string, key: Key): boolean => {
		if (filteringRef.current) {
			const filter = viewRef.current.filter;
			if (key.escape) {
				setView({...viewRef.current, filter: ''});
				setFiltering(false);
				setStatus(undefined);
			} else if (key.return) {
				setFiltering(false);
				setStatus(undefined);
			} else if (key.backspace || key.delete) {
				setView({...viewRef.current, filter: filter.slice(0, -1)});
				showPrompt(filter.slice(0, -1));
			} else if (input && !key.ctrl && !key.meta) {
				const typed = splitTyped(input);
				setView({...viewRef.current, filter: filter + typed.text});
				if (!typed.submitted) showPrompt(filter + typed.text);
				else {
					setFiltering(false);
					setStatus(undefined);
				}
			}
			return true;
		}
		const movement = commandFor({input, ...key}, listKeys);
		if (movement) {
			const {shown: current, selectedIndex: index} = latest.current;
			const moved = moveSelection(movement, index, current.length, height);
			const row = moved === undefined ? undefined : current[moved];
			if (row !== undefined) {
				setSelectedKey(rowKey(row));
				latest.current = {shown: current, selectedIndex: moved ?? index};
			}
			return true;
		}
		if (input.startsWith('/') && !key.ctrl) {
			setFiltering(true);
			showPrompt(viewRef.current.filter);
			// "/web\r" can arrive as one chunk (a paste, a fast typist): the rest is filter text.
			if (input.length > 1) handleKey(input.slice(1), key);
			return true;
		}
		if (key.escape && viewRef.current.filter) {
			setView({...viewRef.current, filter: ''});
			return true;
		}
		const sortColumn = input && !key.ctrl ? columns.find(column => column.sortKey === input) : undefined;
		if (sortColumn) {
			setView(toggleSort(viewRef.current, sortColumn.id));
			return true;
		}
		return false;
	};

	const select = (row: T) => {
		setSelectedKey(rowKey(row));
		const index = latest.current.shown.indexOf(row);
		if (index !== -1) latest.current = {...latest.current, selectedIndex: index};
	};
	return {shown, selected: shown[selectedIndex], selectedIndex, offset: offsetRef.current, view, layout, isFiltering, handleKey, select};
}

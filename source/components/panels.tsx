// Sub-views a pane shows in place of its list (a text view, a form). Each
// hands its key handler to the pane through keysRef, so the pane stays the
// one place keys arrive (the app gives every key to the pane first).
import {Box, Text} from 'ink';
import {useLayoutEffect, type RefObject} from 'react';
import type {ResourceColumn} from './resource-table-model.js';
import {useResourceTable} from '../hooks/use-resource-table.js';
import {accent, color} from './theme.js';
import {ResourceTable} from './resource-table.js';
import {useForm, type FormField, type FormValues} from '../hooks/use-form.js';
import {useTextView} from '../hooks/use-text-view.js';
import type {KeyHandler} from './pane.js';
import type {StatusLineProps} from './status-line.js';
import {FormView} from './form-view.js';
import {TextView} from './text-view.js';

export interface TextPanelProps {
	readonly title: string;
	readonly lines: readonly string[];
	readonly height: number;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	readonly keysRef: RefObject<KeyHandler | undefined>;
	readonly followTail?: boolean;
	readonly hint?: string;
}

/**
 * While a sub-view is open the status line tells its keys. A layout effect, so
 * the hints are in place before the next key; no cleanup, because a passive
 * cleanup can land after the pane's next prompt and wipe it: the pane resets
 * its status itself when it closes the sub-view.
 */
function useIdleHints(setStatus: (status: StatusLineProps | undefined) => void, hints: string): (status: StatusLineProps | undefined) => void {
	useLayoutEffect(() => {
		setStatus({kind: 'hints', hints});
	}, [setStatus, hints]);
	return status => setStatus(status ?? {kind: 'hints', hints});
}

const textHints = 'j/k scroll · PgUp/PgDn · g/G ends · / search · n/N next match · Esc back';

export function TextPanel(props: TextPanelProps) {
	const setStatus = useIdleHints(props.setStatus, textHints);
	const view = useTextView(props.lines, props.height - 1, setStatus, props.followTail ? {followTail: true} : {});
	props.keysRef.current = view.handleKey;
	return <TextView title={props.title} lines={props.lines} top={view.top} height={props.height - 1} search={view.search} matches={view.matches} {...(props.hint ? {hint: props.hint} : {})} />;
}

export interface FormPanelProps {
	readonly title: string;
	readonly fields: readonly FormField[];
	readonly onSubmit: (values: FormValues) => void;
	readonly onCancel: () => void;
	readonly keysRef: RefObject<KeyHandler | undefined>;
	readonly hint?: string;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	readonly height?: number;
}

export function FormPanel(props: FormPanelProps) {
	useIdleHints(props.setStatus, 'Tab/↓ next field · ↑ previous · ←/→/Space change a choice · Enter go · Esc cancel');
	const form = useForm(props.fields, props.onSubmit, props.onCancel);
	props.keysRef.current = form.handleKey;
	return <FormView title={props.title} fields={form.fields} focus={form.focus} {...(props.hint ? {hint: props.hint} : {})} {...(props.height === undefined ? {} : {height: props.height})} />;
}

export interface PickItem {
	readonly id: string;
	readonly label: string;
	readonly detail: string;
}

export interface PickPanelProps {
	readonly title: string;
	readonly items: readonly PickItem[];
	readonly width: number;
	readonly height: number;
	readonly emptyText: string;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	readonly onPick: (item: PickItem) => void;
	readonly onCancel: () => void;
	readonly keysRef: RefObject<KeyHandler | undefined>;
}

const pickColumns: readonly ResourceColumn<PickItem>[] = [
	{id: 'label', title: 'NAME', width: 16, grow: 2, sortKey: 'N', text: item => item.label},
	{id: 'detail', title: '', width: 10, grow: 1, dropOrder: 1, text: item => item.detail},
];

/** Choose one item from a list that moves and filters like every other list; Enter picks, Esc cancels. */
export function PickPanel(props: PickPanelProps) {
	const setStatus = useIdleHints(props.setStatus, 'j/k move · / filter · Enter choose · Esc cancel');
	const tableHeight = Math.max(1, props.height - 2);
	const table = useResourceTable({rows: props.items, columns: pickColumns, rowKey: item => item.id, width: props.width, height: tableHeight, setStatus});
	props.keysRef.current = (input, key) => {
		if (table.handleKey(input, key)) return true;
		if (key.return && table.selected) props.onPick(table.selected);
		else if (key.escape) props.onCancel();
		return true;
	};
	return (
		<Box flexDirection="column" height={props.height}>
			<Text bold color={color(accent)} wrap="truncate-end">{props.title}<Text dimColor>  Enter choose · / filter · Esc cancel</Text></Text>
			<ResourceTable rows={table.shown} rowKey={item => item.id} layout={table.layout} view={table.view} selectedIndex={table.selectedIndex} offset={table.offset} height={tableHeight} emptyText={props.emptyText} />
		</Box>
	);
}

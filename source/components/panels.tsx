// Sub-views a pane shows in place of its list (a text view, a form). Each
// hands its key handler to the pane through keysRef, so the pane stays the
// one place keys arrive (the app gives every key to the pane first).
import type {RefObject} from 'react';
import {useForm, type FormField, type FormValues} from '../hooks/use-form.js';
import {useTextView} from '../hooks/use-text-view.js';
import type {KeyHandler} from '../panes/pane.js';
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

export function TextPanel(props: TextPanelProps) {
	const view = useTextView(props.lines, props.height - 1, props.setStatus, props.followTail ? {followTail: true} : {});
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
}

export function FormPanel(props: FormPanelProps) {
	const form = useForm(props.fields, props.onSubmit, props.onCancel);
	props.keysRef.current = form.handleKey;
	return <FormView title={props.title} fields={form.fields} focus={form.focus} {...(props.hint ? {hint: props.hint} : {})} />;
}

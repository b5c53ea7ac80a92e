import type {Key} from 'ink';
import {useRef, useState} from 'react';
import {splitTyped} from '../text/typed-text.js';

export type FormField =
	/** isMasked: drawn as dots (a secret's text must not stay on the screen). */
	| {readonly kind: 'text'; readonly name: string; readonly label: string; readonly value: string; readonly placeholder?: string; readonly isMasked?: boolean}
	| {readonly kind: 'choice'; readonly name: string; readonly label: string; readonly value: string; readonly options: readonly string[]}
	| {readonly kind: 'toggle'; readonly name: string; readonly label: string; readonly value: boolean};

export type FormValues = Readonly<Record<string, string | boolean>>;

export interface FormState {
	readonly fields: readonly FormField[];
	readonly focus: number;
	/** Takes every key while the form is open: Tab/↓ next, ↑ previous, ←/→/Space change a choice, Enter submits, Esc cancels. */
	readonly handleKey: (input: string, key: Key) => boolean;
}

/** A text field's value without the spaces around it ('' for a field that is not there). */
export const formText = (values: FormValues, name: string): string => String(values[name] ?? '').trim();

export function formValues(fields: readonly FormField[]): FormValues {
	return Object.fromEntries(fields.map(field => [field.name, field.value]));
}

export function useForm(initial: readonly FormField[], onSubmit: (values: FormValues) => void, onCancel: () => void): FormState {
	const [fields, setFieldsState] = useState(initial);
	// Fields and focus are mirrored in refs: not every caller of handleKey waits for a commit
	// between keys as the app's queue does (the component tests call it straight from useInput).
	const fieldsRef = useRef(initial);
	const [focus, setFocusState] = useState(0);
	const focusRef = useRef(0);
	const setFields = (next: readonly FormField[]) => {
		fieldsRef.current = next;
		setFieldsState(next);
	};
	const setFocus = (next: number) => {
		const count = fieldsRef.current.length;
		focusRef.current = (next + count) % count;
		setFocusState(focusRef.current);
	};
	const update = (change: (field: FormField) => FormField) => {
		setFields(fieldsRef.current.map((field, index) => (index === focusRef.current ? change(field) : field)));
	};
	const cycle = (direction: 1 | -1) => update(field => {
		if (field.kind === 'toggle') return {...field, value: !field.value};
		if (field.kind === 'choice') {
			const at = field.options.indexOf(field.value);
			return {...field, value: field.options[(at + direction + field.options.length) % field.options.length] ?? field.value};
		}
		return field;
	});

	const handleKey = (input: string, key: Key): boolean => {
		const field = fieldsRef.current[focusRef.current];
		if (key.escape) onCancel();
		else if (key.return) onSubmit(formValues(fieldsRef.current));
		else if ((key.tab && !key.shift) || key.downArrow) setFocus(focusRef.current + 1);
		else if ((key.tab && key.shift) || key.upArrow) setFocus(focusRef.current - 1);
		else if (field?.kind !== 'text' && (key.leftArrow || key.rightArrow || input === ' ')) cycle(key.leftArrow ? -1 : 1);
		else if (field?.kind === 'text' && (key.backspace || key.delete)) update(f => (f.kind === 'text' ? {...f, value: f.value.slice(0, -1)} : f));
		else if (field?.kind === 'text' && input && !key.ctrl && !key.meta) {
			const typed = splitTyped(input);
			update(f => (f.kind === 'text' ? {...f, value: f.value + typed.text} : f));
			if (typed.submitted) onSubmit(formValues(fieldsRef.current));
		}
		return true;
	};
	return {fields, focus, handleKey};
}

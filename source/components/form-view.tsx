import {Box, Text} from 'ink';
import type {FormField} from '../hooks/use-form.js';
import {accent, color} from './theme.js';

export interface FormViewProps {
	readonly title: string;
	readonly fields: readonly FormField[];
	readonly focus: number;
	readonly hint?: string;
	/** Rows the form may take; on a short terminal only the fields around the focused one show. */
	readonly height?: number;
}

export function FormView(props: FormViewProps) {
	const labelWidth = Math.max(...props.fields.map(field => field.label.length)) + 1;
	// Borders, title and hint take four rows.
	const room = Math.max(1, Math.min(props.fields.length, (props.height ?? Number.POSITIVE_INFINITY) - 4));
	const first = Math.max(0, Math.min(props.focus - Math.floor(room / 2), props.fields.length - room));
	const shown = props.fields.slice(first, first + room);
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color(accent)} paddingX={1}>
			<Text bold wrap="truncate-end">{props.title}{room < props.fields.length ? <Text dimColor>{`  (field ${props.focus + 1} of ${props.fields.length})`}</Text> : null}</Text>
			{shown.map((field, offset) => {
				const isFocused = first + offset === props.focus;
				const value = field.kind === 'toggle'
					? (field.value ? '[x] yes' : '[ ] no')
					: field.kind === 'choice' ? `‹ ${field.value} ›` : field.isMasked ? '•'.repeat(field.value.length) : field.value;
				return (
					<Text key={field.name} wrap="truncate-end">
						<Text color={isFocused ? color(accent) : undefined} bold={isFocused}>{`${isFocused ? '›' : ' '} ${field.label.padEnd(labelWidth)}`}</Text>
						{value}
						{isFocused && field.kind === 'text' ? <Text inverse> </Text> : null}
						{field.kind === 'text' && !field.value && field.placeholder ? <Text dimColor>{` ${field.placeholder}`}</Text> : null}
					</Text>
				);
			})}
			<Text dimColor wrap="truncate-end">{props.hint ?? 'Tab/↓ next field · ←/→ change · Enter go · Esc cancel'}</Text>
		</Box>
	);
}

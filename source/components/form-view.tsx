import {Box, Text} from 'ink';
import type {FormField} from '../hooks/use-form.js';
import {accent, color} from '../theme.js';

export interface FormViewProps {
	readonly title: string;
	readonly fields: readonly FormField[];
	readonly focus: number;
	readonly hint?: string;
}

export function FormView(props: FormViewProps) {
	const labelWidth = Math.max(...props.fields.map(field => field.label.length)) + 1;
	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color(accent)} paddingX={1}>
			<Text bold wrap="truncate-end">{props.title}</Text>
			{props.fields.map((field, index) => {
				const isFocused = index === props.focus;
				const value = field.kind === 'toggle'
					? (field.value ? '[x] yes' : '[ ] no')
					: field.kind === 'choice' ? `‹ ${field.value} ›` : field.value;
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

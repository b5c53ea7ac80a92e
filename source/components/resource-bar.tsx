import {Text} from 'ink';
import type {TableView} from './resource-table-model.js';
import {accent, color} from './theme.js';

/** A resource pane's title with counts and what narrows the list, so a filtered view is never mistaken for the whole. */
export function ResourceBar(props: {readonly title: string; readonly shown: number; readonly total: number; readonly view: TableView; readonly note?: string; readonly error?: string}) {
	return (
		<Text wrap="truncate-end">
			<Text bold color={color(accent)}>{props.title}</Text>
			<Text dimColor>{` ${props.shown}/${props.total}`}</Text>
			{props.note ? <Text color={color('yellow')}>{`  ${props.note}`}</Text> : null}
			{props.view.filter ? <Text color={color('yellow')}>{`  filter: ${props.view.filter}`}</Text> : null}
			{props.error ? <Text color={color('red')}>{`  could not list: ${props.error}`}</Text> : null}
		</Text>
	);
}

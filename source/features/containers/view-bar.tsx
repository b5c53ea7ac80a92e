import {Text} from 'ink';
import {isNumericSort, type ListView} from './columns.js';
import {accent, color} from '../../components/theme.js';

const sortNames = {default: 'running first', name: 'name', state: 'state', cpu: 'CPU', memory: 'memory', network: 'network I/O', block: 'block I/O'} as const;

/** The pane title with what narrows and orders the list, so a filtered view is never mistaken for the whole. */
export function ViewBar(props: {readonly view: ListView; readonly shown: number; readonly total: number; readonly marked?: number; readonly folded?: readonly string[]}) {
	const {view} = props;
	// As in the resource tables' headers (and k9s): ↑ smallest (or A) first, ↓ largest (or Z) first.
	const isAscending = view.descending === isNumericSort(view.sort);
	const arrow = view.sort === 'default' ? '' : isAscending ? ' ↑' : ' ↓';
	return (
		<Text wrap="truncate-end">
			<Text bold color={color(accent)}>Containers</Text>
			<Text dimColor>{` ${props.shown}/${props.total}`}</Text>
			{view.showStopped ? '' : <Text color={color('yellow')}>  running only</Text>}
			{view.filter ? <Text color={color('yellow')}>{`  filter: ${view.filter}`}</Text> : null}
			<Text dimColor>{`  sort: ${sortNames[view.sort]}${arrow}`}</Text>
			{view.isGrouped ? <Text dimColor>  by project</Text> : null}
			{props.marked ? <Text color={color('cyan')}>{`  ${props.marked} marked: keys act on them`}</Text> : null}
			{props.folded?.map(text => <Text key={text} color={color('red')}>{`  ${text}`}</Text>)}
		</Text>
	);
}

import {Box, Text} from 'ink';
import {memo} from 'react';
import type {EngineEvent} from '../../engine/streams/events.js';
import {eventCells, eventKey, eventsHeader, eventTone} from './event-view.js';
import {accent, color, eventTypeColor, selectedStyle} from '../../components/theme.js';
import {fitCell} from '../../text/cells.js';

/** The engine's name before each event, when berth follows several. */
const hostWidth = 12;

export interface EventListProps {
	/** Oldest first. */
	readonly rows: readonly EngineEvent[];
	readonly selectedIndex: number;
	readonly offset: number;
	readonly height: number;
	readonly width: number;
	readonly emptyText: string;
}

const EventRow = memo(function EventRow(props: {readonly event: EngineEvent; readonly width: number; readonly isSelected: boolean}) {
	const {host} = props.event;
	const cells = eventCells(props.event, props.width - (host === undefined ? 0 : hostWidth + 1));
	const tone = eventTone(props.event);
	return (
		<Text {...selectedStyle(props.isSelected)} wrap="truncate-end" dimColor={tone === 'quiet'}>
			{host === undefined ? null : <Text color={color(accent)}>{`${fitCell(host, hostWidth)} `}</Text>}
			<Text dimColor>{cells.time}</Text>
			{' '}
			<Text color={color(eventTypeColor[props.event.type] ?? 'white')}>{cells.type}</Text>
			{' '}
			<Text color={tone === 'trouble' ? color('red') : undefined} bold={tone === 'trouble'}>{cells.action}</Text>
			{' '}
			{cells.name}
			{cells.attributes ? <Text dimColor>{` ${cells.attributes}`}</Text> : null}
		</Text>
	);
});

/** A log-like list of events, oldest at the top, the selection inverse. */
export function EventList(props: EventListProps) {
	const visible = props.rows.slice(props.offset, props.offset + Math.max(0, props.height));
	return (
		<Box flexDirection="column" height={props.height + 1}>
			<Text bold wrap="truncate-end">{props.rows.some(event => event.host !== undefined) ? `${fitCell('HOST', hostWidth)} ${eventsHeader(props.width - hostWidth - 1)}` : eventsHeader(props.width)}</Text>
			{visible.length === 0 ? <Text dimColor>{props.emptyText}</Text> : null}
			{visible.map((event, index) => (
				<EventRow key={eventKey(event)} event={event} width={props.width} isSelected={props.offset + index === props.selectedIndex} />
			))}
		</Box>
	);
}

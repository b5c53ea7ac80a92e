import {Box, Text, type Key} from 'ink';
import {useMemo, useRef, useState} from 'react';
import {EventList} from './event-list.js';
import type {EngineEvent} from '../../engine/streams/events.js';
import {emptyQuery, formatQuery, parseQuery} from '../../engine/streams/event-query.js';
import {clockTime} from '../../text/event-line.js';
import {eventKey, visibleEvents, type EventView} from './event-view.js';
import {useEngine} from '../../hooks/engine-context.js';
import {useEventFeed} from '../../hooks/use-event-feed.js';
import {eventsKeys, type EventsCommand} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {moveSelection} from '../../components/selection.js';
import {accent, color} from '../../components/theme.js';
import {editDraft} from '../../keys/text-entry.js';
import {usePaneKeys, type PaneProps} from '../../components/pane.js';
import {useRememberedState} from '../../hooks/pane-memory.js';

const sinceChoices = [
	{label: 'live', ms: undefined},
	{label: '15m', ms: 15 * 60_000},
	{label: '1h', ms: 60 * 60_000},
	{label: '24h', ms: 24 * 60 * 60_000},
] as const;

type Mode = {readonly kind: 'list'} | {readonly kind: 'filter'; readonly draft: string};

/** params.since: '15m' | '1h' | '24h' to start with that much history (the engine's buffer allowing). */
function initialSince(params: Readonly<Record<string, unknown>>): number {
	const index = sinceChoices.findIndex(choice => choice.label === params['since']);
	return index === -1 ? 0 : index;
}

/** params.filter: initial filter text, e.g. "name=web" (the containers pane's E). */
function initialView(params: Readonly<Record<string, unknown>>): EventView {
	const parsed = typeof params['filter'] === 'string' ? parseQuery(params['filter']) : undefined;
	return {query: parsed?.ok ? parsed.query : emptyQuery, showHealthChecks: false};
}

export function EventsPane(props: PaneProps) {
	const {docker, fleet} = useEngine();
	const [sinceIndex, setSinceIndex] = useRememberedState('since-choice', () => initialSince(props.params));
	// The moment history starts is fixed when it is chosen, so a re-render never reloads.
	// What the person set up here is still there after a log view opened from an event is closed.
	const [since, setSince] = useRememberedState<number | undefined>('since', () => {
		const ms = sinceChoices[initialSince(props.params)]?.ms;
		return ms === undefined ? undefined : Date.now() - ms;
	});
	// A live view starts at the moment it was opened (or switched back to live). Kept
	// with the view, so coming back from a log view opened from one of its events
	// loads the events it had shown instead of starting empty.
	const [liveFrom, setLiveFrom] = useRememberedState('live-from', () => Date.now());
	const feed = useEventFeed(docker, since ?? liveFrom, undefined, fleet && fleet.length > 1 ? fleet : undefined);
	const [view, setView] = useRememberedState<EventView>('view', () => initialView(props.params));
	const [frozen, setFrozen] = useRememberedState<readonly EngineEvent[] | undefined>('frozen', undefined);
	// undefined follows the newest event, like tail -f.
	const [selectedKey, setSelectedKey] = useRememberedState<string | undefined>('selected', undefined);
	const [mode, setMode] = useState<Mode>({kind: 'list'});

	const source = frozen ?? feed.events;
	const {rows, folded} = useMemo(() => visibleEvents(source, view, feed.healthCommands), [source, view, feed.healthCommands]);
	const bodyHeight = Math.max(1, props.height - 2);
	const found = selectedKey === undefined ? -1 : rows.findIndex(event => eventKey(event) === selectedKey);
	const selectedIndex = found === -1 ? rows.length - 1 : found;
	const offsetRef = useRef(0);
	offsetRef.current = selectedKey === undefined || found === -1
		? Math.max(0, rows.length - bodyHeight)
		: Math.min(Math.max(offsetRef.current, selectedIndex - bodyHeight + 1), Math.max(0, selectedIndex));
	const newWhilePaused = frozen ? Math.max(0, feed.events.filter(event => event.time > (frozen.at(-1)?.time ?? 0)).length) : 0;

	const showPrompt = (draft: string, error?: string) => props.setStatus({kind: 'input', prompt: 'filter: ', value: draft, hint: 'type=… action=… name=… · Enter apply · Esc cancel', ...(error ? {error} : {})});

	const applyFilter = (draft: string): boolean => {
		const parsed = parseQuery(draft);
		if (!parsed.ok) {
			// The prompt stays open with the draft, so the refusal is said there.
			showPrompt(draft, parsed.message);
			return false;
		}
		setView(v => ({...v, query: parsed.query}));
		setSelectedKey(undefined);
		return true;
	};

	const runCommand = (command: EventsCommand) => {
		const current = selectedIndex;
		const moved = moveSelection(command, current, rows.length, bodyHeight);
		if (moved !== undefined) {
			setSelectedKey(moved >= rows.length - 1 ? undefined : eventKey(rows[moved] as EngineEvent));
			return;
		}
		switch (command) {
			case 'filter': {
				const draft = formatQuery(view.query);
				setMode({kind: 'filter', draft});
				showPrompt(draft);
				return;
			}
			case 'toggleHealthChecks':
				setView(v => ({...v, showHealthChecks: !v.showHealthChecks}));
				props.notify({text: view.showHealthChecks ? 'Health-check execs folded.' : 'Showing health-check execs.', tone: 'info'});
				return;
			case 'since': {
				const next = (sinceIndex + 1) % sinceChoices.length;
				const choice = sinceChoices[next] ?? sinceChoices[0];
				setSinceIndex(next);
				setSince(choice.ms === undefined ? undefined : Date.now() - choice.ms);
				if (choice.ms === undefined) setLiveFrom(Date.now());
				setFrozen(undefined);
				setSelectedKey(undefined);
				props.notify({text: choice.ms === undefined ? 'Live events only.' : `Loading the last ${choice.label}, then live. The engine keeps only its last 256 events.`, tone: 'info'});
				return;
			}
			case 'pause':
				setFrozen(frozen ? undefined : feed.events);
				return;
			case 'openContainer': {
				const event = rows[current];
				if (!event || event.type !== 'container') props.notify({text: 'Not a container event.', tone: 'error'});
				else props.open({pane: 'logs', params: {containerIds: [event.id]}});
				return;
			}
			default: return;
		}
	};

	const handleKey = (input: string, key: Key): boolean => {
		const current = mode;
		if (current.kind === 'filter') {
			if (key.escape) {
				setMode({kind: 'list'});
				props.setStatus(undefined);
			} else if (key.return) {
				if (applyFilter(current.draft)) {
					setMode({kind: 'list'});
					props.setStatus(undefined);
				}
			} else if (input || key.backspace || key.delete) {
				if (key.ctrl || key.meta) return true;
				const edited = editDraft(current.draft, input, key);
				setMode({kind: 'filter', draft: edited.draft});
				showPrompt(edited.draft);
				if (edited.submitted && applyFilter(edited.draft)) {
					setMode({kind: 'list'});
					props.setStatus(undefined);
				}
			}
			return true;
		}
		const command = commandFor({input, ...key}, eventsKeys);
		if (!command) return false;
		runCommand(command);
		return true;
	};
	usePaneKeys(props, handleKey);

	const choice = sinceChoices[sinceIndex] ?? sinceChoices[0];
	const filterText = formatQuery(view.query);
	const emptyText = feed.status === 'lost'
		? '  Waiting for the engine…'
		: feed.status === 'connecting' ? '  Connecting to the engine\'s events…' : filterText
			? `  No event matches ${filterText} yet.`
			: choice.ms === undefined ? '  Waiting for events (t loads history)…' : '  No events in the engine\'s history; waiting for new ones…';

	return (
		<Box flexDirection="column" height={props.height}>
			<Text wrap="truncate-end">
				<Text bold color={color(accent)}>Events</Text>
				<Text dimColor>{` ${rows.length}`}</Text>
				<Text dimColor>{choice.ms === undefined ? '  live' : `  since ${choice.label}`}</Text>
				{filterText ? <Text color={color('yellow')}>{`  ${filterText}`}</Text> : null}
				{folded > 0 ? <Text dimColor>{`  ${folded} health checks folded (h)`}</Text> : null}
				{view.showHealthChecks ? <Text dimColor>  health checks shown</Text> : null}
				{frozen
					? <Text color={color('yellow')} bold>{`  ‖ paused${newWhilePaused > 0 ? ` (${newWhilePaused} new)` : ''}`}</Text>
					: feed.status === 'lost' ? <Text color={color('red')}>{`  no events since ${clockTime(feed.lostSince ?? Date.now())}, retrying`}</Text> : null}
			</Text>
			<EventList rows={rows} selectedIndex={selectedIndex} offset={offsetRef.current} height={bodyHeight} width={props.width} emptyText={emptyText} />
		</Box>
	);
}

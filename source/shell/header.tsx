import {Box, Text} from 'ink';
import type {LinkState} from '../engine/transport/link-health.js';
import {clockTime} from '../text/event-line.js';
import type {Connection} from '../hooks/use-containers.js';
import {color} from '../components/theme.js';
import type {EngineBadge} from '../hooks/engine-context.js';
import {sanitizeInline} from '../text/sanitize.js';

export interface HeaderProps {
	readonly endpointLabel: string;
	readonly engineVersion: string;
	/** "Docker" unless the engine says otherwise (podman). */
	readonly engineProduct?: string;
	readonly apiVersion: string;
	readonly connection: Connection;
	/** Requests failing lately: the header says so instead of showing counts that may be stale. */
	readonly link?: LinkState;
	/** When the container list shown was read, while re-reading it fails. */
	readonly staleSince?: number;
	readonly counts: {readonly running: number; readonly paused: number; readonly stopped: number};
	/** New alerts nobody has looked at yet; shown as a red "! n" badge. */
	readonly unseenAlerts?: number;
	readonly width: number;
	/** All containers against the host, longest wording first; shown only where the rest still fits. */
	readonly totals?: readonly string[];
	/** Keys that change anything are refused: said after the endpoint, in the alert's colour. */
	readonly isReadOnly?: boolean;
	/** Several engines: each one's name and state in place of the one endpoint. */
	readonly engines?: readonly EngineBadge[];
}

const badgeLooks: Readonly<Record<EngineBadge['state'], {readonly mark: string; readonly color: string; readonly word: string}>> = {
	connected: {mark: '●', color: 'green', word: ''},
	connecting: {mark: '…', color: 'gray', word: ' connecting'},
	reconnecting: {mark: '◌', color: 'yellow', word: ' reconnecting'},
	unreachable: {mark: '✕', color: 'red', word: ' unreachable'},
};

/** Each engine of a fleet: its name and a mark, with its state in words unless it is connected. */
function FleetEngines(props: {readonly engines: readonly EngineBadge[]}) {
	return (
		<>
			{props.engines.map((engine, index) => {
				const looks = badgeLooks[engine.state];
				return (
					<Text key={engine.name}>
						{index > 0 ? <Text dimColor> · </Text> : null}
						{sanitizeInline(engine.name)}
						<Text color={color(looks.color)}>{` ${looks.mark}${looks.word}`}</Text>
					</Text>
				);
			})}
		</>
	);
}

/** The counts on the right, as long as there is room: in words, then in glyphs only, then not at all. */
export function countsText(counts: HeaderProps['counts'], room: number): {readonly running: string; readonly paused: string; readonly stopped: string} | undefined {
	const long = {running: `● ${counts.running} running`, paused: counts.paused > 0 ? `  ‖ ${counts.paused} paused` : '', stopped: `  ○ ${counts.stopped} stopped`};
	const short = {running: `●${counts.running}`, paused: counts.paused > 0 ? ` ‖${counts.paused}` : '', stopped: ` ○${counts.stopped}`};
	for (const candidate of [long, short]) {
		if (candidate.running.length + candidate.paused.length + candidate.stopped.length <= room) return candidate;
	}
	return undefined;
}

/** What the header says while the link fails but the event stream is up: longest first, the first that fits. */
export function reconnectingText(link: LinkState | undefined, staleSince: number | undefined, room: number): string | undefined {
	const since = link?.status === 'failing' ? Math.min(link.since, staleSince ?? link.since) : staleSince;
	if (since === undefined) return undefined;
	return [`reconnecting · failing since ${clockTime(since)}`, 'reconnecting', 'retry'].find(text => text.length <= room) ?? 'retry';
}

export function Header(props: HeaderProps) {
	// "berth" and a space always stay; the endpoint gives way before the counts do.
	const badge = props.unseenAlerts ? `! ${props.unseenAlerts}` : '';
	const readOnly = props.isReadOnly ? ' read-only' : '';
	const room = props.width - 7 - readOnly.length - (badge ? badge.length + 2 : 0);
	const fleet = props.engines && props.engines.length > 1 ? props.engines : undefined;
	const lostText = props.connection.status === 'lost'
		? (props.width >= 30 ? (fleet ? 'every engine unreachable' : 'engine unreachable') : 'lost')
		// A fleet says which engine fails on the left; the counts stay for the others.
		: fleet ? undefined : reconnectingText(props.link, props.staleSince, Math.max(0, room - 20));
	const lost = lostText !== undefined;
	const counts = lost ? undefined : countsText(props.counts, room);
	// Totals take only room the endpoint and counts do not need.
	const leftWidth = fleet
		? 6 + readOnly.length + fleet.reduce((sum, engine) => sum + engine.name.length + 3 + badgeLooks[engine.state].word.length + 2, 0)
		: 6 + readOnly.length + props.endpointLabel.length + ` · ${props.engineProduct ?? 'Docker'} ${props.engineVersion} · API ${props.apiVersion}`.length;
	const countsWidth = counts ? counts.running.length + counts.paused.length + counts.stopped.length : 0;
	const totals = counts ? props.totals?.find(text => leftWidth + 1 + (badge ? badge.length + 3 : 0) + countsWidth + 2 + text.length <= props.width) : undefined;
	return (
		<Box width={props.width} justifyContent="space-between">
			<Box flexShrink={1} flexGrow={1}>
				<Text wrap="truncate-end">
					<Text bold color={color('header')}>berth</Text>
					{readOnly ? <Text bold color={color('alert')}>{readOnly}</Text> : null}
					{' '}
					{fleet
						? <FleetEngines engines={fleet} />
						: <>{props.endpointLabel}<Text dimColor>{` · ${props.engineProduct ?? 'Docker'} ${props.engineVersion} · API ${props.apiVersion}`}</Text></>}
				</Text>
			</Box>
			{badge ? <Box flexShrink={0} marginLeft={1}><Text color={color('alert')} bold inverse>{` ${badge} `}</Text></Box> : null}
			{lost
				? <Box flexShrink={0} marginLeft={1}><Text color={color(props.connection.status === 'lost' ? 'red' : 'yellow')} bold>{lostText}</Text></Box>
				: counts
					? (
						<Box flexShrink={0} marginLeft={1}>
							<Text>
								<Text color={color('green')}>{counts.running}</Text>
								{counts.paused ? <Text color={color('yellow')}>{counts.paused}</Text> : null}
								<Text dimColor>{counts.stopped}</Text>
								{totals ? <Text>{`  ${totals}`}</Text> : null}
							</Text>
						</Box>
					)
					: null}
		</Box>
	);
}

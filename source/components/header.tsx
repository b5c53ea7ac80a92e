import {Box, Text} from 'ink';
import type {Connection} from '../hooks/use-containers.js';
import {accent, color} from '../theme.js';

export interface HeaderProps {
	readonly endpointLabel: string;
	readonly engineVersion: string;
	readonly apiVersion: string;
	readonly connection: Connection;
	readonly counts: {readonly running: number; readonly paused: number; readonly stopped: number};
	readonly width: number;
}

export function Header(props: HeaderProps) {
	const {counts} = props;
	const lost = props.connection.status === 'lost';
	return (
		<Box width={props.width} justifyContent="space-between">
			<Box flexShrink={1}>
				<Text wrap="truncate-end">
					<Text bold color={color(accent)}>berth</Text>
					{' '}
					{props.endpointLabel}
					<Text dimColor>{` · Docker ${props.engineVersion} · API ${props.apiVersion}`}</Text>
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				{lost
					? <Text color={color('red')} bold>engine unreachable</Text>
					: (
						<Text>
							<Text color={color('green')}>{`● ${counts.running} running`}</Text>
							{counts.paused > 0 ? <Text color={color('yellow')}>{`  ‖ ${counts.paused} paused`}</Text> : null}
							<Text dimColor>{`  ○ ${counts.stopped} stopped`}</Text>
						</Text>
					)}
			</Box>
		</Box>
	);
}

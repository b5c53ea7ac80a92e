import {Box, Text} from 'ink';
import {progressTotals, type TransferProgress} from '../engine/streams/layer-progress.js';
import {fitCell} from '../text/cells.js';
import {formatBytes} from '../text/units.js';
import {accent, color} from './theme.js';

export interface TransferProgressProps {
	readonly title: string;
	readonly progress: TransferProgress;
	readonly width: number;
	/** Rows available for layers. */
	readonly height: number;
	readonly state: 'running' | 'done' | 'failed' | 'cancelled';
	readonly error?: string;
}

export function progressBar(current: number, total: number, width: number): string {
	if (width <= 0) return '';
	const ratio = total > 0 ? Math.max(0, Math.min(1, current / total)) : 0;
	const filled = Math.round(ratio * width);
	return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** Per-layer bars and a total, like `docker pull`, with the outcome in plain words. */
export function TransferProgressView(props: TransferProgressProps) {
	const totals = progressTotals(props.progress);
	const barWidth = Math.max(5, Math.min(30, props.width - 60));
	const room = Math.max(1, props.height - 4);
	// The newest layers matter most while it runs; the list is cut from the top.
	const layers = props.progress.layers.slice(-room);
	const totalText = totals.total > 0 ? `${formatBytes(totals.current)} / ${formatBytes(totals.total)}` : '';
	const outcome = props.state === 'done' ? {text: 'Done.', tone: 'green'}
		: props.state === 'failed' ? {text: `Failed: ${props.error ?? ''}`, tone: 'red'}
			: props.state === 'cancelled' ? {text: 'Cancelled.', tone: 'yellow'} : {text: 'Esc cancels', tone: 'gray'};
	return (
		<Box flexDirection="column">
			<Text bold color={color(accent)} wrap="truncate-end">{props.title}</Text>
			<Text wrap="truncate-end">{`Total ${progressBar(totals.current, totals.total, barWidth)} ${totalText}  ${totals.doneLayers}/${totals.layers} layers`}</Text>
			{layers.map(layer => (
				<Text key={layer.id} wrap="truncate-end">
					{`${layer.id.slice(0, 12)} ${fitCell(layer.status, 18)} ${layer.isDone && layer.total === 0 ? progressBar(1, 1, barWidth) : progressBar(layer.current, layer.total, barWidth)} ${layer.total > 0 ? `${formatBytes(layer.current)}/${formatBytes(layer.total)}` : ''}`}
				</Text>
			))}
			{props.progress.messages.slice(-1).map((message, index) => <Text key={`m${index}`} dimColor wrap="truncate-end">{message}</Text>)}
			<Text color={color(outcome.tone)} wrap="truncate-end">{outcome.text}</Text>
		</Box>
	);
}

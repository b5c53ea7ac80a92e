import type {Key} from 'ink';
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {retryRead} from '../../engine/transport/retry-read.js';
import {TextPanel} from '../../components/panels.js';
import {containerChanges, containerProcesses, inspectContainerRaw, restartAndHealth} from '../../engine/resources/container-details.js';
import {changeLines, healthLines, inspectLines, processLines} from './inspect-model.js';
import {sanitizeInline} from '../../text/sanitize.js';
import {useEngine} from '../../hooks/engine-context.js';
import {inspectKeys} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from '../../components/pane.js';

type View = 'inspect' | 'processes' | 'changes' | 'health';
const views: readonly View[] = ['inspect', 'processes', 'changes', 'health'];
const viewTitles: Readonly<Record<View, string>> = {inspect: 'Inspect', processes: 'Processes', changes: 'Changes', health: 'Restart & health'};
const viewCommands = {inspectView: 'inspect', processesView: 'processes', changesView: 'changes', healthView: 'health'} as const;

/** Inspect, processes, filesystem changes and restart/health of one container (params: {containerId}). */
export function ContainerInspectPane(props: PaneProps) {
	const {docker, containers} = useEngine();
	const {notify, setStatus} = props;
	const containerId = typeof props.params['containerId'] === 'string' ? props.params['containerId'] : '';
	const name = containers.find(container => container.id === containerId)?.name ?? containerId.slice(0, 12);
	const [view, setView] = useState<View>('inspect');
	const [isMasked, setMasked] = useState(true);
	const [data, setData] = useState<{readonly view: View; readonly inspect?: Readonly<Record<string, unknown>>; readonly lines: readonly string[]}>({view: 'inspect', lines: ['Reading…']});
	const [generation, setGeneration] = useState(0);
	const subKeys = useRef<KeyHandler | undefined>(undefined);

	const load = useCallback(async (wanted: View): Promise<{inspect?: Readonly<Record<string, unknown>>; lines: readonly string[]}> => {
		switch (wanted) {
			case 'inspect': return {inspect: await inspectContainerRaw(docker, containerId), lines: []};
			case 'processes': return {lines: processLines(await containerProcesses(docker, containerId))};
			case 'changes': return {lines: changeLines(await containerChanges(docker, containerId))};
			case 'health': return {lines: healthLines(restartAndHealth(await inspectContainerRaw(docker, containerId)))};
		}
	}, [docker, containerId]);

	useEffect(() => {
		const controller = new AbortController();
		// A read lost on a faulty link is read again, so the view converges once the link heals.
		retryRead(docker, () => load(view), controller.signal, error => notify({text: `${error.message} Retrying…`, tone: 'error'})).then(
			result => {
				if (!controller.signal.aborted) setData({view, ...result});
			},
			(error: Error) => {
				if (controller.signal.aborted) return;
				setData({view, lines: [sanitizeInline(error.message)]});
				notify({text: error.message, tone: 'error'});
			},
		);
		return () => controller.abort();
	}, [docker, load, view, generation, notify]);

	const lines = useMemo(() => (data.view === 'inspect' && data.inspect ? inspectLines(data.inspect, isMasked) : data.lines), [data, isMasked]);

	const handleKey = (input: string, key: Key): boolean => {
		if (subKeys.current?.(input, key)) return true;
		const command = commandFor({input, ...key}, inspectKeys);
		if (!command) return false;
		if (command === 'nextView') setView(views[(views.indexOf(view) + 1) % views.length] ?? 'inspect');
		else if (command === 'reveal') {
			setMasked(!isMasked);
			notify({text: isMasked ? 'Secret-looking env values are shown.' : 'Secret-looking env values are masked.', tone: 'info'});
		} else if (command === 'refresh') setGeneration(generation + 1);
		else if (command in viewCommands) setView(viewCommands[command as keyof typeof viewCommands]);
		return true;
	};
	usePaneKeys(props, handleKey);

	const tabs = views.map((candidate, index) => (candidate === view ? `[${index + 1} ${viewTitles[candidate]}]` : ` ${index + 1} ${viewTitles[candidate]} `)).join(' ');
	return (
		<TextPanel
			key={data.view}
			title={`${name}  ${tabs}`}
			lines={data.view === view ? lines : ['Reading…']}
			height={props.height}
			setStatus={setStatus}
			keysRef={subKeys}
			hint={view === 'inspect' ? (isMasked ? 'v reveals secrets' : 'v masks secrets') : 'r refresh'}
		/>
	);
}

import {Box, type Key} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import {ConfirmBox} from '../components/confirm-box.js';
import {TextPanel} from '../components/panels.js';
import {diskUsage, engineInfo, previewSystemPrune, pruneSystem, type SystemPrunePreview} from '../engine/system.js';
import {pruneItems, systemLines} from '../format/system-views.js';
import {formatBytes} from '../format/units.js';
import {useEngine} from '../hooks/engine-context.js';
import {systemKeys} from '../keys/system-keys.js';
import {commandFor} from '../keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from './pane.js';
import {reportOutcome} from './report-outcome.js';
import {confirmKeys} from '../keys/confirm-keys.js';

type Mode = {readonly kind: 'view'} | {readonly kind: 'prune'; readonly preview?: SystemPrunePreview};

export function SystemPane(props: PaneProps) {
	const {docker} = useEngine();
	const {notify, setStatus} = props;
	const [lines, setLines] = useState<readonly string[]>(['Reading engine info and disk usage…']);
	const [mode, setModeState] = useState<Mode>({kind: 'view'});
	const modeRef = useRef<Mode>(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
		if (next.kind === 'prune') setStatus(undefined);
	};
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const alive = useRef(true);
	useEffect(() => () => {
		alive.current = false;
	}, []);

	const refresh = useCallback(() => {
		Promise.all([engineInfo(docker), diskUsage(docker)]).then(
			([info, usage]) => {
				if (alive.current) setLines(systemLines(info, usage));
			},
			(error: Error) => {
				if (alive.current) notify({text: error.message, tone: 'error'});
			},
		);
	}, [docker, notify]);
	useEffect(refresh, [refresh]);

	const handleKey = (input: string, key: Key): boolean => {
		const current = modeRef.current;
		if (current.kind === 'prune') {
			const answer = commandFor({input, ...key}, confirmKeys);
			// Yes waits for the list of what would go: nobody agrees to an unseen list.
			if (answer === 'no' || (answer === 'yes' && current.preview)) setMode({kind: 'view'});
			if (answer === 'yes' && current.preview && pruneItems(current.preview).length > 0) {
				notify({text: 'Pruning…', tone: 'progress'});
				reportOutcome(notify, pruneSystem(docker).finally(refresh),
					result => `Pruned ${result.containers} containers, ${result.networks} networks, ${result.images} images and the build cache; reclaimed ${formatBytes(result.reclaimed)}.`,
					error => `Could not prune: ${error.message}`);
			}
			return true;
		}
		if (subKeys.current?.(input, key)) return true;
		const command = commandFor({input, ...key}, systemKeys);
		if (command === 'refresh') {
			refresh();
			return true;
		}
		if (command === 'prune') {
			setMode({kind: 'prune'});
			previewSystemPrune(docker).then(
				preview => {
					if (modeRef.current.kind === 'prune') setMode({kind: 'prune', preview});
				},
				(error: Error) => {
					setMode({kind: 'view'});
					notify({text: error.message, tone: 'error'});
				},
			);
			return true;
		}
		return false;
	};
	usePaneKeys(props, handleKey);

	if (mode.kind === 'prune') {
		const items = mode.preview ? pruneItems(mode.preview) : [];
		return (
			<Box flexDirection="column" height={props.height}>
				{mode.preview
					? (
						<ConfirmBox
							title={items.length === 0 ? 'Nothing to prune.' : `Prune everything unused: ${items.length} item${items.length === 1 ? '' : 's'}, reclaiming up to ${formatBytes(mode.preview.reclaimable)}?`}
							items={items}
							maxItems={Math.max(1, props.height - 7)}
							lines={['Volumes and tagged images stay.']}
							verb={items.length === 0 ? 'close' : 'prune'}
						/>
					)
					: <ConfirmBox title="Working out what would be pruned…" verb="prune" />}
			</Box>
		);
	}
	return <TextPanel title="System" lines={lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="r refresh · X prune everything" />;
}

import {Box, type Key} from 'ink';
import {useCallback, useRef, useState} from 'react';
import {ConfirmBox} from '../components/confirm-box.js';
import {FormPanel, TextPanel} from '../components/panels.js';
import {ResourceList} from '../components/resource-list.js';
import {createVolume, inUseMessage, inspectVolume, listVolumes, previewVolumePrune, pruneVolumes, prunesNamedVolumes, removeVolume, type VolumeSummary} from '../engine/volumes.js';
import {formatBytes} from '../format/units.js';
import {volumeColumns, volumeDetailLines} from '../format/volume-views.js';
import type {EventFilters} from '../engine/events.js';
import {useEngine} from '../hooks/engine-context.js';
import {useResourceList} from '../hooks/use-resource-list.js';
import {useResourceTable} from '../hooks/use-resource-table.js';
import {volumesKeys, type VolumesCommand} from '../keys/volumes-keys.js';
import {commandFor} from '../keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from './pane.js';
import {reportOutcome} from './report-outcome.js';
import {confirmKeys} from '../keys/confirm-keys.js';
import {usePruneQuestion} from './use-prune-question.js';

type Mode =
	| {readonly kind: 'list'}
	| {readonly kind: 'text'; readonly title: string; readonly lines: readonly string[]}
	| {readonly kind: 'create'}
	| {readonly kind: 'remove'; readonly volume: VolumeSummary};

// Only the actions that change what the list shows (exec_* from health checks would re-list every interval).
const listEvents: EventFilters = {type: ['volume', 'container'], event: ['create', 'destroy', 'mount', 'unmount', 'prune', 'start', 'die']};
const rowKey = (volume: VolumeSummary) => volume.name;

export function VolumesPane(props: PaneProps) {
	const {docker} = useEngine();
	const {notify, setStatus} = props;
	const load = useCallback((signal: AbortSignal) => listVolumes(docker, {withSizes: true, signal}), [docker]);
	const list = useResourceList(docker, load, listEvents);
	const [mode, setModeState] = useState<Mode>({kind: 'list'});
	const modeRef = useRef<Mode>(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
		if (next.kind === 'list') setStatus(undefined);
	};
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const tableHeight = Math.max(1, props.height - 2);
	const table = useResourceTable({rows: list.rows, columns: volumeColumns, rowKey, width: props.width, height: tableHeight, setStatus, rememberAs: 'list'});
	const selected = table.selected;

	const prune = usePruneQuestion({
		preview: all => previewVolumePrune(docker, {all}),
		prune: all => pruneVolumes(docker, {all}),
		count: preview => preview.volumes.length,
		progress: 'Pruning volumes…',
		done: result => `Pruned ${result.deleted.length} volume${result.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		notify,
		canWidenToAll: true,
	});

	const runCommand = (command: VolumesCommand) => {
		if (command === 'create') return setMode({kind: 'create'});
		if (command === 'prune') return prune.ask();
		if (!selected) return notify({text: 'No volume selected.', tone: 'error'});
		if (command === 'inspect') {
			inspectVolume(docker, selected.name).then(
				detail => setMode({kind: 'text', title: `Volume ${selected.name}`, lines: volumeDetailLines(detail, selected.containers.map(user => `${user.name}${user.isRunning ? ' (running)' : ''}`))}),
				(error: Error) => notify({text: error.message, tone: 'error'}),
			);
		} else if (command === 'remove') {
			// Refuse up front in plain words; the engine would refuse too, less clearly.
			if (selected.containers.length > 0) notify({text: inUseMessage(selected.name, selected.containers), tone: 'error'});
			else setMode({kind: 'remove', volume: selected});
		}
	};

	const handleKey = (input: string, key: Key): boolean => {
		if (prune.handleKey(input, key)) return true;
		const current = modeRef.current;
		switch (current.kind) {
			case 'text':
				if (subKeys.current?.(input, key)) return true;
				if (key.escape) setMode({kind: 'list'});
				return key.escape;
			case 'create':
				return subKeys.current?.(input, key) ?? true;
			case 'remove': {
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer) setMode({kind: 'list'});
				if (answer === 'yes') reportOutcome(notify, removeVolume(docker, current.volume.name), () => `Removed volume ${current.volume.name}.`);
				return true;
			}
			case 'list': {
				if (table.handleKey(input, key)) return true;
				const command = commandFor({input, ...key}, volumesKeys);
				if (!command) return false;
				runCommand(command);
				return true;
			}
		}
	};
	usePaneKeys(props, handleKey);

	const {question} = prune;
	const body = (() => {
		if (question) {
			if (!question.preview) return <ConfirmBox title="Working out what would be pruned…" verb="prune" />;
			const named = prunesNamedVolumes(docker, question.all);
			const what = named ? 'unused volumes' : 'unused anonymous volumes';
			const {volumes, reclaimable} = question.preview;
			return (
				<ConfirmBox
					title={volumes.length === 0 ? `Nothing to prune (no ${what}).` : `Prune ${volumes.length} ${what}, reclaiming ${formatBytes(reclaimable)}?`}
					items={volumes.map(volume => `${volume.name}  ${volume.size === undefined ? '' : formatBytes(volume.size)}`)}
					maxItems={Math.max(1, props.height - 6)}
					toggles={named && !question.all ? [] : [{key: 'a', label: 'named volumes too, not only anonymous ones', isOn: question.all}]}
					verb={volumes.length === 0 ? 'close' : 'prune'}
				/>
			);
		}
		switch (mode.kind) {
			case 'text': return <TextPanel title={mode.title} lines={mode.lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="Esc back" />;
			case 'create':
				return (
					<FormPanel
						setStatus={setStatus}
						height={props.height}
						title="Create a volume"
						fields={[
							{kind: 'text', name: 'name', label: 'Name', value: '', placeholder: 'empty: the engine picks one'},
							{kind: 'text', name: 'driver', label: 'Driver', value: 'local'},
						]}
						keysRef={subKeys}
						onCancel={() => setMode({kind: 'list'})}
						onSubmit={values => {
							createVolume(docker, {name: String(values['name'] ?? ''), driver: String(values['driver'] ?? '')}).then(
								name => {
									setMode({kind: 'list'});
									notify({text: `Created volume ${name}.`, tone: 'info'});
								},
								(error: Error) => notify({text: error.message, tone: 'error'}),
							);
						}}
					/>
				);
			case 'remove':
				return <ConfirmBox title={`Remove volume ${mode.volume.name}?`} lines={[`${mode.volume.driver}  ${mode.volume.size === undefined ? '' : formatBytes(mode.volume.size)}  ${mode.volume.mountpoint}`, 'Its data is deleted for good.']} verb="remove" />;
			case 'list': return <ResourceList title="Volumes" noun="volume" emptyHint="c creates one." list={list} table={table} rowKey={rowKey} height={tableHeight} glyph={volume => (volume.containers.length > 0 ? {text: '●', color: 'green'} : {text: '○', color: 'gray'})} />;
		}
	})();

	return (
		<Box flexDirection="column" height={props.height}>
			{body}
		</Box>
	);
}

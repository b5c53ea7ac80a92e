import {Box, type Key} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import {ConfirmBox} from '../components/confirm-box.js';
import {FormPanel, TextPanel} from '../components/panels.js';
import {ResourceList} from '../components/resource-list.js';
import {TransferProgressView} from '../components/transfer-progress.js';
import {imageHistory, inspectImage, listImages, previewImagePrune, pruneImages, removeImage, tagImage, type ImageSummary} from '../engine/images.js';
import {runImage, type RestartPolicy} from '../engine/run-image.js';
import {formFields, formTitle, type FormKind} from './image-forms.js';
import {historyLines, imageColumns, imageDetailLines} from '../format/image-views.js';
import {formatBytes} from '../format/units.js';
import type {EventFilters} from '../engine/events.js';
import {useEngine} from '../hooks/engine-context.js';
import type {FormValues} from '../hooks/use-form.js';
import {useResourceList} from '../hooks/use-resource-list.js';
import {useResourceTable} from '../hooks/use-resource-table.js';
import {useBuild, useTransfer} from '../hooks/use-transfer.js';
import {imagesKeys, type ImagesCommand} from '../keys/images-keys.js';
import {commandFor} from '../keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from './pane.js';
// A cycle (the registry lists this pane), read only inside a handler, long after both modules loaded.
import {paneDefinitions} from './registry.js';
import {reportOutcome} from './report-outcome.js';
import {confirmKeys} from '../keys/confirm-keys.js';
import {usePruneQuestion} from './use-prune-question.js';

type Mode =
	| {readonly kind: 'list'}
	| {readonly kind: 'text'; readonly title: string; readonly lines: readonly string[]}
	| {readonly kind: 'form'; readonly form: FormKind; readonly image?: ImageSummary}
	| {readonly kind: 'transfer'}
	| {readonly kind: 'build'}
	| {readonly kind: 'remove'; readonly image: ImageSummary; readonly force: boolean};

// Only the actions that change what the list shows (exec_* from health checks would re-list every interval).
const listEvents: EventFilters = {type: ['image', 'container'], event: ['pull', 'tag', 'untag', 'delete', 'import', 'load', 'prune', 'create', 'destroy']};

/** One row per tag: an image with two tags is two rows. */
const imageKey = (image: ImageSummary): string => `${image.id}|${image.reference}`;

export function ImagesPane(props: PaneProps) {
	const {docker} = useEngine();
	const {notify, setStatus} = props;
	const [now] = useState(() => Date.now());
	const [showDangling, setShowDangling] = useState(true);
	const load = useCallback((signal: AbortSignal) => listImages(docker, signal), [docker]);
	const list = useResourceList(docker, load, listEvents);
	const [mode, setModeState] = useState<Mode>({kind: 'list'});
	const modeRef = useRef<Mode>(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
		if (next.kind === 'list') setStatus(undefined);
	};
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const transfer = useTransfer(docker, state => {
		if (state.status === 'done') notify({text: `${state.kind === 'pull' ? 'Pulled' : 'Pushed'} ${state.reference}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Could not ${state.kind} ${state.reference}: ${state.error ?? ''}`, tone: 'error'});
		list.reload();
	});
	const build = useBuild(docker, state => {
		if (state.status === 'done') notify({text: `Built ${state.tag}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Build of ${state.tag} failed: ${state.error ?? ''}`, tone: 'error'});
		list.reload();
	});

	const rows = useMemo(() => (showDangling ? list.rows : list.rows.filter(image => !image.isDangling)), [list.rows, showDangling]);
	const columns = useMemo(() => imageColumns(now), [now]);
	const tableHeight = Math.max(1, props.height - 2);
	const table = useResourceTable({rows, columns, rowKey: imageKey, width: props.width, height: tableHeight, setStatus, rememberAs: 'list'});
	const selected = table.selected;

	const openText = (title: string, fetchLines: () => Promise<string[]>) => {
		fetchLines().then(
			lines => setMode({kind: 'text', title, lines}),
			(error: Error) => notify({text: error.message, tone: 'error'}),
		);
	};

	const prune = usePruneQuestion({
		preview: all => previewImagePrune(docker, {all}),
		prune: all => pruneImages(docker, {all}),
		count: preview => preview.images.length,
		progress: 'Pruning images…',
		done: result => `Pruned ${result.deleted.length} image${result.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		notify,
		canWidenToAll: true,
	});

	const submitForm = (form: FormKind, image: ImageSummary | undefined, values: FormValues) => {
		const text = (name: string) => String(values[name] ?? '').trim();
		if (form === 'pull') {
			if (!text('reference')) return notify({text: 'Type an image name, e.g. busybox:latest.', tone: 'error'});
			setMode({kind: 'transfer'});
			transfer.start('pull', text('reference'));
			return;
		}
		if (form === 'build') {
			setMode({kind: 'build'});
			build.start(text('directory'), text('tag'));
			return;
		}
		if (!image) return setMode({kind: 'list'});
		const source = image.isDangling ? image.id : image.reference;
		if (form === 'tag') {
			tagImage(docker, source, text('target')).then(
				() => {
					setMode({kind: 'list'});
					notify({text: `Tagged ${source} as ${text('target')}.`, tone: 'info'});
				},
				(error: Error) => notify({text: error.message, tone: 'error'}),
			);
			return;
		}
		runImage(docker, {
			image: source, name: text('name'), command: text('command'), env: text('env'), ports: text('ports'), volumes: text('volumes'),
			restart: text('restart') as RestartPolicy, detached: values['detached'] === true,
		}).then(
			id => {
				setMode({kind: 'list'});
				notify({text: `Started ${text('name') || id.slice(0, 12)} from ${source}.`, tone: 'info'});
				// Not detached: show what it prints, the terminal-UI way of staying attached (when this build has a logs pane).
				if (values['detached'] !== true) {
					if (paneDefinitions.some(definition => definition.name === 'logs')) props.open({pane: 'logs', params: {containerIds: [id]}});
					else notify({text: `Started ${text('name') || id.slice(0, 12)}; this build has no logs pane to attach to, so it runs detached.`, tone: 'info'});
				}
			},
			(error: Error) => notify({text: error.message, tone: 'error'}),
		);
	};

	const runCommand = (command: ImagesCommand) => {
		if (command === 'toggleDangling') {
			setShowDangling(!showDangling);
			notify({text: showDangling ? 'Hiding dangling images.' : 'Showing dangling images.', tone: 'info'});
			return;
		}
		if (command === 'pull' || command === 'build') return setMode({kind: 'form', form: command});
		if (command === 'prune') return prune.ask();
		if (!selected) return notify({text: 'No image selected.', tone: 'error'});
		const reference = selected.isDangling ? selected.id : selected.reference;
		switch (command) {
			case 'inspect': return openText(`Image ${selected.reference}`, async () => imageDetailLines(await inspectImage(docker, reference)));
			case 'history': return openText(`History of ${selected.reference}`, async () => historyLines(await imageHistory(docker, reference), now));
			case 'tag': return setMode({kind: 'form', form: 'tag', image: selected});
			case 'run': return setMode({kind: 'form', form: 'run', image: selected});
			case 'push':
				if (selected.isDangling) return notify({text: 'A dangling image has no name to push; tag it first (t).', tone: 'error'});
				setMode({kind: 'transfer'});
				transfer.start('push', selected.reference);
				return;
			case 'remove': return setMode({kind: 'remove', image: selected, force: false});
			default: return;
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
			case 'form':
				return subKeys.current?.(input, key) ?? true;
			case 'transfer':
				if (!key.escape) return false;
				if (transfer.state?.status === 'running') transfer.cancel();
				else {
					transfer.close();
					setMode({kind: 'list'});
				}
				return true;
			case 'build':
				if (key.escape && build.state?.status === 'running') {
					build.cancel();
					return true;
				}
				if (subKeys.current?.(input, key)) return true;
				if (key.escape) {
					build.close();
					setMode({kind: 'list'});
				}
				return key.escape;
			case 'remove': {
				if (input === 'f') return (setMode({...current, force: !current.force}), true);
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer) setMode({kind: 'list'});
				if (answer === 'yes') {
					const {image, force} = current;
					reportOutcome(notify, removeImage(docker, image.isDangling ? image.id : image.reference, {force}),
						result => `Removed ${image.reference}: ${result.untagged.length} untagged${result.untagged.length ? ` (${result.untagged.join(', ')})` : ''}, ${result.deleted.length} deleted${result.deleted.length ? ` (${result.deleted.slice(0, 3).join(', ')}${result.deleted.length > 3 ? ', …' : ''})` : ''}.`,
						error => `Could not remove ${image.reference}: ${error.message}${force ? '' : ' (f forces)'}`);
				}
				return true;
			}
			case 'list': {
				if (table.handleKey(input, key)) return true;
				const command = commandFor({input, ...key}, imagesKeys);
				if (!command) return false;
				runCommand(command);
				return true;
			}
		}
	};
	usePaneKeys(props, handleKey);

	const {question} = prune;
	const wider = {key: 'a', label: 'all unused images, not only dangling ones', isOn: question?.all ?? false};
	const body = (() => {
		if (question) {
			if (!question.preview) return <ConfirmBox title="Working out what would be pruned…" toggles={[wider]} verb="prune" />;
			const {images, reclaimable} = question.preview;
			return (
				<ConfirmBox
					title={images.length === 0 ? `Nothing to prune (${question.all ? 'no unused images' : 'no dangling images'}).` : `Prune ${images.length} ${question.all ? 'unused' : 'dangling'} image${images.length === 1 ? '' : 's'}, reclaiming up to ${formatBytes(reclaimable)}?`}
					items={images.map(image => `${image.shortId}  ${image.reference}  ${formatBytes(image.size)}`)}
					maxItems={Math.max(1, props.height - 6)}
					toggles={[wider]}
					verb={images.length === 0 ? 'close' : 'prune'}
				/>
			);
		}
		switch (mode.kind) {
			case 'text': return <TextPanel title={mode.title} lines={mode.lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="Esc back" />;
			case 'form': {
				return <FormPanel key={mode.form} setStatus={setStatus} height={props.height} title={formTitle(mode.form, mode.image)} fields={formFields(mode.form, mode.image)} keysRef={subKeys} onSubmit={values => submitForm(mode.form, mode.image, values)} onCancel={() => setMode({kind: 'list'})} />;
			}
			case 'transfer':
				return transfer.state
					? <TransferProgressView title={`${transfer.state.kind === 'pull' ? 'Pulling' : 'Pushing'} ${transfer.state.reference}`} progress={transfer.state.progress} width={props.width} height={props.height} state={transfer.state.status} {...(transfer.state.error ? {error: transfer.state.error} : {})} />
					: null;
			case 'build': {
				const state = build.state;
				const outcome = state?.status === 'running' ? 'building… Esc cancels' : state?.status === 'done' ? 'SUCCEEDED · Esc back' : state?.status === 'failed' ? `FAILED: ${state.error ?? ''} · Esc back` : 'cancelled · Esc back';
				return <TextPanel title={`Build ${state?.tag ?? ''} — ${outcome}`} lines={state?.lines ?? []} height={props.height} setStatus={setStatus} keysRef={subKeys} followTail />;
			}
			case 'remove':
				return (
					<ConfirmBox
						title={`Remove image ${mode.image.reference}?`}
						lines={[`${mode.image.shortId}  ${formatBytes(mode.image.size)}  used by ${mode.image.containers} container${mode.image.containers === 1 ? '' : 's'}`]}
						toggles={[{key: 'f', label: 'force: remove even if containers use it or it has other tags', isOn: mode.force}]}
						verb="remove"
					/>
				);
			case 'list': return <ResourceList title="Images" noun="image" emptyHint="p pulls one." note={showDangling ? undefined : 'dangling hidden'} list={list} table={table} rowKey={imageKey} height={tableHeight} glyph={image => (image.containers > 0 ? {text: '●', color: 'green'} : image.isDangling ? {text: '◌', color: 'yellow'} : {text: '○', color: 'gray'})} />;
		}
	})();

	return (
		<Box flexDirection="column" height={props.height}>
			{body}
		</Box>
	);
}

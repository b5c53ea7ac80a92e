// The containers view's keys that change a container in place or move its
// files (rename, update, kill with a signal, copy, export, commit) and its
// prune. Each opens a small form or question in place of the list; the
// long ones (copy, export) then go on in the background with a progress bar in
// the status line, so the list stays usable meanwhile.
import type Docker from 'dockerode';
import {Box, type Key} from 'ink';
import {useRef, useState, type ReactNode} from 'react';
import {ConfirmBox} from '../../components/confirm-box.js';
import type {KeyHandler} from '../../components/pane.js';
import {FormPanel} from '../../components/panels.js';
import type {StatusLineProps, StatusMessage} from '../../components/status-line.js';
import {copyFromContainer, copyIntoContainer, exportContainer, type CopyProgress} from '../../engine/resources/container-copy.js';
import {commitContainer, previewContainerPrune, pruneContainers} from '../../engine/resources/container-prune.js';
import {containerSettings, killContainer, renameContainer, updateContainer} from '../../engine/resources/container-settings.js';
import {runContainerAction, type ContainerSummary} from '../../engine/resources/containers.js';
import type {FormField, FormValues} from '../../hooks/use-form.js';
import {usePruneQuestion} from '../../hooks/use-prune-question.js';
import type {PruneItem} from '../../engine/resources/system.js';
import {formatBytes} from '../../text/units.js';
import {summarize} from '../../text/summarize.js';
import {changeWords, commitFields, copyDirections, copyFields, exportFields, killFields, progressText, renameFields, settingsChange, updateFields} from './change-forms.js';
import {formText} from '../../hooks/use-form.js';

export type ChangeCommand = 'rename' | 'update' | 'copy' | 'export' | 'commit';

interface OpenForm {
	readonly title: string;
	readonly fields: readonly FormField[];
	/** Resolves with what to say; a rejection's words go to the status line and the form stays. */
	readonly submit: (values: FormValues) => Promise<string | undefined>;
}

interface Options {
	readonly notify: (message: StatusMessage | undefined) => void;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	readonly width: number;
	readonly height: number;
}

/** Progress is said at most this often: a fast copy must not redraw the frame for every chunk. */
const progressEveryMs = 100;

export function useContainerChanges(docker: Docker, options: Options) {
	const {notify, setStatus} = options;
	const [form, setForm] = useState<OpenForm | undefined>(undefined);
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const close = () => {
		setForm(undefined);
		setStatus(undefined);
	};

	const prune = usePruneQuestion({
		preview: () => previewContainerPrune(docker),
		prune: () => pruneContainers(docker),
		count: (preview: readonly PruneItem[]) => preview.length,
		progress: 'Pruning stopped containers…',
		done: result => `Pruned ${result.deleted} stopped container${result.deleted === 1 ? '' : 's'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		notify,
	});

	/** A throttled progress line for a copy or export still going. */
	const reporter = (what: string) => {
		let last = 0;
		return (progress: CopyProgress) => {
			const now = Date.now();
			if (now - last < progressEveryMs) return;
			last = now;
			notify({text: progressText(what, progress, options.width), tone: 'progress'});
		};
	};

	/** Runs in the background once the form is closed: its outcome goes to the status line. */
	const background = <T,>(what: string, work: Promise<T>, done: (result: T) => string) => {
		notify({text: `${what}…`, tone: 'progress'});
		work.then(result => notify({text: done(result), tone: 'info'}), (error: Error) => notify({text: error.message, tone: 'error'}));
	};

	const forms: Readonly<Record<ChangeCommand, (container: ContainerSummary) => OpenForm | Promise<OpenForm>>> = {
		rename: container => ({
			title: `Rename ${container.name}`,
			fields: renameFields(container.name),
			submit: async values => {
				await renameContainer(docker, container.id, formText(values, 'name'));
				return `Renamed ${container.name} to ${formText(values, 'name').replace(/^\//, '')}.`;
			},
		}),
		update: async container => {
			const settings = await containerSettings(docker, container.id);
			return {
				title: `Limits and restart policy of ${container.name} (as the engine holds them now)`,
				fields: updateFields(settings),
				submit: async values => {
					const change = settingsChange(settings, values);
					if (typeof change === 'string') throw new Error(change);
					const words = changeWords(change);
					if (!words) return `Nothing changed for ${container.name}.`;
					const warnings = await updateContainer(docker, container.id, change);
					return `Updated ${container.name}: ${words}.${warnings.length > 0 ? ` The engine warns: ${warnings.join(' ')}` : ''}`;
				},
			};
		},
		copy: container => ({
			title: `Copy files to or from ${container.name} (as docker cp)`,
			fields: copyFields(),
			submit: async values => {
				const inside = formText(values, 'inside');
				const local = formText(values, 'local');
				if (!inside) throw new Error('Type the path in the container, e.g. /etc/hosts.');
				if (!local) throw new Error('Type the local path: a folder to copy into, or a new name.');
				if (formText(values, 'direction') === copyDirections[1]) {
					const what = `Copying ${local} into ${container.name}:${inside}`;
					background(what, copyIntoContainer(docker, container.id, local, inside, reporter(what)), result => `Copied ${local} into ${container.name}:${result.target} (${formatBytes(result.bytes)}).`);
				} else {
					const what = `Copying ${container.name}:${inside} to ${local}`;
					background(what, copyFromContainer(docker, container.id, inside, local, reporter(what)), result => `Copied ${container.name}:${inside} to ${result.target} (${formatBytes(result.bytes)}).`);
				}
				return undefined;
			},
		}),
		export: container => ({
			title: `Export ${container.name}'s filesystem to a tar file (as docker export)`,
			fields: exportFields(container.name),
			submit: async values => {
				const file = formText(values, 'file');
				if (!file) throw new Error('Type the tar file to write, e.g. ./backup.tar.');
				const what = `Exporting ${container.name} to ${file}`;
				const report = reporter(what);
				background(what, exportContainer(docker, container.id, file, bytes => report({bytes, total: undefined})), result => `Exported ${container.name} to ${result.target} (${formatBytes(result.bytes)}).`);
				return undefined;
			},
		}),
		commit: container => ({
			title: `Commit ${container.name} to a new image (as docker commit)`,
			fields: commitFields(container.name),
			submit: async values => {
				const reference = formText(values, 'reference');
				const id = await commitContainer(docker, container.id, reference, formText(values, 'message'));
				return `Committed ${container.name} as ${reference} (${id.replace(/^sha256:/, '').slice(0, 12)}).`;
			},
		}),
	};

	const open = (command: ChangeCommand, container: ContainerSummary) => {
		new Promise<OpenForm>(resolve => resolve(forms[command](container))).then(setForm, (error: Error) => notify({text: error.message, tone: 'error'}));
	};

	/** K: which signal (SIGKILL first, Enter accepts), then to every container the plan named. */
	const askKill = (containers: readonly ContainerSummary[]) => {
		const names = summarize(containers.map(c => c.name), 3);
		setForm({
			title: `Kill ${names}: which signal? (Enter sends the one shown)`,
			fields: killFields(),
			submit: async values => {
				const signal = formText(values, 'signal') || 'SIGKILL';
				// SIGKILL goes the usual way, which reads the container back when the answer is lost.
				const send = (container: ContainerSummary) => (signal === 'SIGKILL' ? runContainerAction(docker, container.id, 'kill') : killContainer(docker, container.id, signal));
				const results = await Promise.allSettled(containers.map(send));
				const failed = results.flatMap((result, index) => (result.status === 'rejected' ? [`${containers[index]?.name ?? ''}: ${(result.reason as Error).message}`] : []));
				if (failed.length > 0) throw new Error(`Could not send ${signal} to ${failed.join('; ')}`);
				return `Sent ${signal} to ${names}.`;
			},
		});
	};

	const submit = (current: OpenForm, values: FormValues) => {
		current.submit(values).then(
			words => {
				close();
				if (words) notify({text: words, tone: 'info'});
			},
			(error: Error) => notify({text: error.message, tone: 'error'}),
		);
	};

	const handleKey = (input: string, key: Key): boolean => {
		if (prune.handleKey(input, key)) return true;
		if (!form) return false;
		return subKeys.current?.(input, key) ?? true;
	};

	const view: ReactNode = (() => {
		const {question} = prune;
		if (question) {
			const items = question.preview?.map(item => item.name) ?? [];
			return (
				<Box flexDirection="column" height={options.height}>
					{question.preview
						? <ConfirmBox title={items.length === 0 ? 'Nothing to prune: no stopped containers.' : `Remove ${items.length} stopped container${items.length === 1 ? '' : 's'}?`} items={items} maxItems={Math.max(1, options.height - 6)} verb={items.length === 0 ? 'close' : 'prune'} />
						: <ConfirmBox title="Working out what would be pruned…" verb="prune" />}
				</Box>
			);
		}
		if (!form) return undefined;
		return <FormPanel key={form.title} title={form.title} fields={form.fields} height={options.height} setStatus={setStatus} keysRef={subKeys} onSubmit={values => submit(form, values)} onCancel={close} />;
	})();

	return {view, handleKey, open, askKill, askPrune: () => prune.ask()};
}

// The images pane's own panel: a pull's, push's, load's or import's per-layer
// progress, a save's bytes written, or a build's output, in place of the list
// until Esc (which first cancels a job still running). It also remembers the
// registry that last refused a pull or push for want of a login, for `L`.
import {Box, Text} from 'ink';
import {useCallback, useEffect, useState} from 'react';
import type {ExtraPanel, SpecContext} from '../../components/resource-spec.js';
import {TextPanel} from '../../components/panels.js';
import {TransferProgressView} from '../../components/transfer-progress.js';
import {accent, color} from '../../components/theme.js';
import type {BuildOptions} from '../../engine/resources/build-image.js';
import {loggedInRegistries} from '../../engine/registry/credentials.js';
import {processConfigPlace} from '../../engine/registry/docker-config.js';
import {loginNeeded} from '../../engine/registry/login.js';
import {useBuild, useSave, useTransfer, type TransferKind, type TransferState} from '../../hooks/use-transfer.js';
import {summarize} from '../../text/summarize.js';
import {formatBytes} from '../../text/units.js';

export interface ImageJobs {
	readonly pull: (reference: string) => void;
	readonly push: (reference: string) => void;
	readonly build: (directory: string, tag: string, options: BuildOptions) => void;
	readonly save: (references: readonly string[], path: string, overwrite: boolean) => void;
	readonly load: (path: string) => void;
	readonly importTar: (path: string, tag: string, message: string) => void;
	/** The registry that last refused a pull or push for want of a (right) login: the login form offers it. */
	readonly refusedRegistry: string | undefined;
	/** Registries with a stored login, for the logout form; read when the pane opens and after each login or logout. */
	readonly storedRegistries: readonly string[];
	readonly rereadRegistries: () => void;
	readonly panel: ExtraPanel;
}

const verbs: Readonly<Record<TransferKind, readonly [string, string]>> = {
	pull: ['Pulling', 'Pulled'], push: ['Pushing', 'Pushed'], load: ['Loading', 'Loaded'], import: ['Importing', 'Imported'],
};

function finishedText(state: TransferState): string {
	if (state.kind === 'load') return `Loaded ${state.loaded && state.loaded.length > 0 ? summarize(state.loaded, 3) : 'nothing'} from ${state.reference}.`;
	if (state.kind === 'import') return `Imported ${state.reference} as ${state.importedAs ?? ''}.`;
	return `${verbs[state.kind][1]} ${state.reference}.`;
}

export function useImageJobs(context: Omit<SpecContext, 'extra'>): ImageJobs {
	const {docker, notify, reload} = context;
	const [shown, setShown] = useState<'transfer' | 'build' | 'save' | undefined>(undefined);
	const [refusedRegistry, setRefusedRegistry] = useState<string | undefined>(undefined);
	const [storedRegistries, setStoredRegistries] = useState<readonly string[]>([]);
	const rereadRegistries = useCallback(() => {
		// A config file berth cannot read only leaves the logout form without suggestions; login says why.
		loggedInRegistries(processConfigPlace()).then(setStoredRegistries, () => setStoredRegistries([]));
	}, []);
	useEffect(rereadRegistries, [rereadRegistries]);
	const transfer = useTransfer(docker, state => {
		if (state.status === 'done') notify({text: finishedText(state), tone: 'info'});
		else if (state.status === 'failed') {
			const needed = state.kind === 'pull' || state.kind === 'push' ? loginNeeded(state.error ?? '', state.reference, state.hadLogin === true) : undefined;
			if (needed) setRefusedRegistry(needed.registry);
			// The panel names the image; the status line keeps room for what to do.
			notify({text: needed && !needed.isAmbiguous ? `Could not ${state.kind}: ${needed.text}` : `Could not ${state.kind} ${state.reference}: ${needed?.text ?? state.error ?? ''}`, tone: 'error'});
		}
		reload();
	});
	const build = useBuild(docker, state => {
		const builder = state.builder === 'buildkit' ? 'BuildKit' : 'the classic builder';
		if (state.status === 'done') notify({text: `Built ${state.tag} with ${builder}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Build of ${state.tag} (${builder}) failed: ${state.error ?? ''}`, tone: 'error'});
		reload();
	});
	const saving = useSave(docker, state => {
		if (state.status === 'done') notify({text: `Saved ${summarize(state.references, 3)} to ${state.path}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Could not save ${summarize(state.references, 3)}: ${state.error ?? ''}`, tone: 'error'});
	});
	const startTransfer = (kind: TransferKind, reference: string, importAs?: {readonly tag: string; readonly message: string}) => {
		setShown('transfer');
		transfer.start(kind, reference, importAs);
	};
	return {
		pull: reference => startTransfer('pull', reference),
		push: reference => startTransfer('push', reference),
		load: path => startTransfer('load', path),
		importTar: (path, tag, message) => startTransfer('import', path, {tag, message}),
		build(directory, tag, options) {
			setShown('build');
			build.start(directory, tag, options);
		},
		save(references, path, overwrite) {
			setShown('save');
			saving.start(references, path, overwrite);
		},
		refusedRegistry,
		storedRegistries,
		rereadRegistries,
		panel: {
			isOpen: shown !== undefined,
			render(size, setStatus, keysRef) {
				if (shown === 'transfer') {
					const state = transfer.state;
					return state
						? <TransferProgressView title={`${verbs[state.kind][0]} ${state.reference}`} progress={state.progress} width={size.width} height={size.height} state={state.status} {...(state.error ? {error: state.error} : {})} />
						: null;
				}
				if (shown === 'save') {
					const state = saving.state;
					if (!state) return null;
					const outcome = state.status === 'running' ? 'Esc cancels' : state.status === 'done' ? 'Done. Esc back' : state.status === 'failed' ? `Failed: ${state.error ?? ''}` : 'Cancelled; no file left behind.';
					return (
						<Box flexDirection="column">
							<Text bold color={color(accent)} wrap="truncate-end">{`Saving ${summarize(state.references, 3)} to ${state.path}`}</Text>
							<Text>{`${formatBytes(state.bytes)} written`}</Text>
							<Text color={state.status === 'failed' ? 'red' : state.status === 'done' ? 'green' : 'gray'} wrap="wrap">{outcome}</Text>
						</Box>
					);
				}
				const state = build.state;
				const outcome = state?.status === 'running' ? 'building… Esc cancels' : state?.status === 'done' ? 'SUCCEEDED · Esc back' : state?.status === 'failed' ? `FAILED: ${state.error ?? ''} · Esc back` : 'cancelled · Esc back';
				return <TextPanel title={`Build ${state?.tag ?? ''} — ${outcome}`} lines={state?.lines ?? []} height={size.height} setStatus={setStatus} keysRef={keysRef} followTail />;
			},
			handleKey(input, key, keysRef) {
				if (shown === 'transfer' || shown === 'save') {
					const job = shown === 'transfer' ? transfer : saving;
					if (!key.escape) return false;
					if (job.state?.status === 'running') job.cancel();
					else {
						job.close();
						setShown(undefined);
					}
					return true;
				}
				if (key.escape && build.state?.status === 'running') {
					build.cancel();
					return true;
				}
				if (keysRef.current?.(input, key)) return true;
				if (key.escape) {
					build.close();
					setShown(undefined);
				}
				return key.escape;
			},
		},
	};
}

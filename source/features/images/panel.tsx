// The images pane's own panel: a pull's or push's per-layer progress, or a
// build's output, in place of the list until Esc (which first cancels a job
// still running).
import {useState} from 'react';
import type {ExtraPanel, SpecContext} from '../../components/resource-spec.js';
import {TextPanel} from '../../components/panels.js';
import {TransferProgressView} from '../../components/transfer-progress.js';
import {useBuild, useTransfer} from '../../hooks/use-transfer.js';

export interface ImageJobs {
	readonly pull: (reference: string) => void;
	readonly push: (reference: string) => void;
	readonly build: (directory: string, tag: string) => void;
	readonly panel: ExtraPanel;
}

export function useImageJobs(context: Omit<SpecContext, 'extra'>): ImageJobs {
	const {docker, notify, reload} = context;
	const [shown, setShown] = useState<'transfer' | 'build' | undefined>(undefined);
	const transfer = useTransfer(docker, state => {
		if (state.status === 'done') notify({text: `${state.kind === 'pull' ? 'Pulled' : 'Pushed'} ${state.reference}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Could not ${state.kind} ${state.reference}: ${state.error ?? ''}`, tone: 'error'});
		reload();
	});
	const build = useBuild(docker, state => {
		if (state.status === 'done') notify({text: `Built ${state.tag}.`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `Build of ${state.tag} failed: ${state.error ?? ''}`, tone: 'error'});
		reload();
	});
	const close = (setStatus?: () => void) => {
		setShown(undefined);
		setStatus?.();
	};
	return {
		pull(reference) {
			setShown('transfer');
			transfer.start('pull', reference);
		},
		push(reference) {
			setShown('transfer');
			transfer.start('push', reference);
		},
		build(directory, tag) {
			setShown('build');
			build.start(directory, tag);
		},
		panel: {
			isOpen: shown !== undefined,
			render(size, setStatus, keysRef) {
				if (shown === 'transfer') {
					const state = transfer.state;
					return state
						? <TransferProgressView title={`${state.kind === 'pull' ? 'Pulling' : 'Pushing'} ${state.reference}`} progress={state.progress} width={size.width} height={size.height} state={state.status} {...(state.error ? {error: state.error} : {})} />
						: null;
				}
				const state = build.state;
				const outcome = state?.status === 'running' ? 'building… Esc cancels' : state?.status === 'done' ? 'SUCCEEDED · Esc back' : state?.status === 'failed' ? `FAILED: ${state.error ?? ''} · Esc back` : 'cancelled · Esc back';
				return <TextPanel title={`Build ${state?.tag ?? ''} — ${outcome}`} lines={state?.lines ?? []} height={size.height} setStatus={setStatus} keysRef={keysRef} followTail />;
			},
			handleKey(input, key, keysRef) {
				if (shown === 'transfer') {
					if (!key.escape) return false;
					if (transfer.state?.status === 'running') transfer.cancel();
					else {
						transfer.close();
						close();
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
					close();
				}
				return key.escape;
			},
		},
	};
}

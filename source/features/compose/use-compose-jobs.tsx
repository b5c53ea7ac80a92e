// The Compose view's own state: live stats for the sums, the Compose CLI (looked
// for once per visit), a verb's output streamed into a panel (Esc cancels, then
// closes), and a shell in a container row (the containers list's e).
import type {Key} from 'ink';
import {useEffect, useRef, useState} from 'react';
import type {ExtraPanel, SpecContext} from '../../components/resource-spec.js';
import type {KeyHandler} from '../../components/pane.js';
import {TextPanel} from '../../components/panels.js';
import type {StatusLineProps} from '../../components/status-line.js';
import {cliEnvironment, composeArguments, findComposeCli, runCompose, type ComposeCli, type ComposeRun} from '../../engine/resources/compose-cli.js';
import type {ContainerSummary} from '../../engine/resources/containers.js';
import type {StatsSample} from '../../engine/streams/stats.js';
import {useEngineStats} from '../../hooks/engine-context.js';
import {useContainerSession} from '../../hooks/use-container-session.js';
import {useJob, type JobStatus} from '../../hooks/use-job.js';

export type CliState = {readonly kind: 'looking'} | {readonly kind: 'found'; readonly cli: ComposeCli} | {readonly kind: 'missing'};

interface VerbJob {
	readonly status: JobStatus;
	readonly error?: string;
	readonly title: string;
	readonly lines: readonly string[];
}

export interface ComposeJobs {
	readonly stats: ReadonlyMap<string, StatsSample>;
	readonly cli: CliState;
	readonly isRunning: boolean;
	/** Starts a verb (the caller checked the files), once the CLI is found; its outcome goes to the status line. */
	readonly run: (run: ComposeRun) => void;
	readonly shell: (container: ContainerSummary) => void;
	/** Why the CLI cannot reach berth's engine, if it cannot. */
	readonly engineRefusal: string | undefined;
	readonly panel: ExtraPanel;
}

/** A chatty build keeps its last lines, as the log view does. */
const maxLines = 2000;

// Looking takes a second or two (docker-compose is a Python program): once per PATH, not per visit.
let probe: {readonly path: string | undefined; readonly found: Promise<ComposeCli | undefined>} | undefined;
function lookForCli(): Promise<ComposeCli | undefined> {
	if (probe && probe.path === process.env['PATH']) return probe.found;
	const found = findComposeCli();
	probe = {path: process.env['PATH'], found};
	return found;
}

export const missingCliText = (verb: string) => `${verb} needs the Compose CLI (docker compose or docker-compose), and neither runs here. s, r, p, d, l and E work without it.`;

export function useComposeJobs(context: Omit<SpecContext, 'extra'>): ComposeJobs {
	const {docker, notify, reload} = context;
	const stats = useEngineStats();
	const [cli, setCli] = useState<CliState>({kind: 'looking'});
	useEffect(() => {
		let isCurrent = true;
		void lookForCli().then(found => {
			if (isCurrent) setCli(found ? {kind: 'found', cli: found} : {kind: 'missing'});
		});
		return () => {
			isCurrent = false;
		};
	}, []);
	const environment = cliEnvironment(docker);
	const [isShown, setShown] = useState(false);
	const job = useJob<VerbJob>(state => {
		if (state.status === 'done') notify({text: `${state.title}: done.`, tone: 'info'});
		else if (state.status === 'cancelled') notify({text: `${state.title}: cancelled (the CLI was stopped).`, tone: 'info'});
		else if (state.status === 'failed') notify({text: `${state.title} failed: ${state.error ?? ''}`, tone: 'error'});
		reload();
	});
	// The session's run prompt is not offered here (only the shell), but it speaks through the panel's status line.
	const statusRef = useRef<((status: StatusLineProps | undefined) => void) | undefined>(undefined);
	const session = useContainerSession(docker, {notify, setStatus: status => statusRef.current?.(status), height: 24});

	const run = (request: ComposeRun) => {
		if ('refusal' in environment) return;
		if (cli.kind === 'found') return start(cli.cli, environment.env, request);
		// A key pressed while berth is still looking waits for the answer rather than being refused.
		notify({text: 'Looking for the Compose CLI…', tone: 'progress'});
		void lookForCli().then(found => (found ? start(found, environment.env, request) : notify({text: missingCliText(request.verb), tone: 'error'})));
	};

	const start = (found: ComposeCli, env: NodeJS.ProcessEnv, request: ComposeRun) => {
		const title = `${found.label} ${composeArguments({...found, prefix: []}, {...request, files: []}).join(' ')}`;
		setShown(true);
		job.start({status: 'running', title, lines: [`$ ${found.label} ${composeArguments({...found, prefix: []}, request).join(' ')}`]}, async (signal, update) => {
			const outcome = await runCompose(found, request, env, line => update(state => ({...state, lines: [...state.lines, line].slice(-maxLines)})), signal);
			if (outcome.isCancelled) return 'cancelled';
			if (outcome.exitCode !== 0) {
				const last = outcome.stderrTail.at(-1);
				throw new Error(`exit code ${outcome.exitCode ?? '?'}${last ? `: ${last}` : ''}`);
			}
			return 'done';
		});
	};

	const state = job.state;
	const outcome = state?.status === 'running' ? 'running… Esc cancels'
		: state?.status === 'done' ? 'done · Esc back'
		: state?.status === 'failed' ? `FAILED (${state.error ?? ''}) · Esc back`
		: 'cancelled · Esc back';
	return {
		stats,
		cli,
		isRunning: state?.status === 'running',
		run,
		shell: container => session.start('exec', container),
		engineRefusal: 'refusal' in environment ? environment.refusal : undefined,
		panel: {
			isOpen: session.view !== undefined || (isShown && state !== undefined),
			render(size, setStatus, keysRef) {
				statusRef.current = setStatus;
				if (session.view !== undefined) return session.view;
				return <TextPanel title={`${state?.title ?? ''} — ${outcome}`} lines={state?.lines ?? []} height={size.height} setStatus={setStatus} keysRef={keysRef} followTail />;
			},
			handleKey(input: string, key: Key, keysRef: {current: KeyHandler | undefined}) {
				if (session.handleKey(input, key)) return true;
				if (key.escape && state?.status === 'running') {
					job.cancel();
					return true;
				}
				if (keysRef.current?.(input, key)) return true;
				if (key.escape) {
					job.close();
					setShown(false);
				}
				return key.escape;
			},
		},
	};
}

import type Docker from 'dockerode';
import {Box, Text, type Key} from 'ink';
import {useEffect, useRef, useState, type ReactNode} from 'react';
import type {StatusLineProps, StatusMessage} from '../components/status-line.js';
import type {ContainerSummary} from '../engine/resources/containers.js';
import {lineInput} from '../keys/line-input.js';
import {attachToContainer, findShell, runCommand, splitCommandLine, startShell, type CommandResult, type InteractiveSession} from '../engine/streams/exec.js';
import {lendTerminal, type LentTerminal} from '../terminal/terminal-handoff.js';
import {accent, color} from '../components/theme.js';
import {splitTyped} from '../text/typed-text.js';

export type SessionKind = 'exec' | 'attach' | 'run';

type State =
	| {readonly kind: 'idle'}
	/** Berth's frame shows this while the terminal is (about to be) lent out, then once more after. */
	| {readonly kind: 'away'; readonly text: string}
	| {readonly kind: 'run'; readonly container: ContainerSummary; readonly draft: string; readonly isRunning: boolean; readonly command?: string; readonly result?: CommandResult};

export interface ContainerSession {
	readonly start: (kind: SessionKind, container: ContainerSummary) => void;
	/** True when the session took the key (the command runner is open, or the terminal is away). */
	readonly handleKey: (input: string, key: Key) => boolean;
	/** Replaces the pane's body while a session is shown. */
	readonly view: ReactNode | undefined;
}

interface SessionProps {
	readonly notify: (message: StatusMessage) => void;
	readonly setStatus: (status: StatusLineProps | undefined) => void;
	readonly height: number;
}

// Ink paints at most 20 frames a second: wait for the "away" frame to be on
// screen before lending the terminal, and for the one after before the real view.
const frameSettleMs = 120;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Pipes the lent terminal to the session until it ends; resizes follow the window. */
async function connect(terminal: LentTerminal, session: InteractiveSession, docker: Docker): Promise<void> {
	terminal.onResize(size => void session.resize(size));
	const type = session.isTty
		? (chunk: Buffer) => session.stream.write(chunk)
		: lineInput({
			send: text => session.stream.write(text),
			echo: text => terminal.stdout.write(text),
			// Closing the connection leaves the container running (its stdin stays open unless StdinOnce).
			detach: () => (session.stream as NodeJS.ReadWriteStream & {destroy: () => void}).destroy(),
		});
	terminal.stdin.on('data', type);
	terminal.stdin.resume();
	if (session.isTty) session.stream.on('data', (chunk: Buffer) => terminal.stdout.write(chunk));
	else docker.modem.demuxStream(session.stream as NodeJS.ReadableStream, terminal.stdout, process.stderr);
	await new Promise<void>(resolve => {
		session.stream.on('end', resolve);
		session.stream.on('close', resolve);
		session.stream.on('error', () => resolve());
	});
}

export function useContainerSession(docker: Docker, props: SessionProps): ContainerSession {
	const {notify, setStatus} = props;
	const [state, setState] = useState<State>({kind: 'idle'});
	const runController = useRef<AbortController | undefined>(undefined);
	useEffect(() => () => runController.current?.abort(), []);

	const showRunPrompt = (draft: string) => setStatus({kind: 'input', prompt: '$ ', value: draft, hint: 'Enter run · Esc close'});

	const interactive = async (kind: 'exec' | 'attach', container: ContainerSummary) => {
		const verb = kind === 'exec' ? 'shell' : 'attach';
		try {
			const shell = kind === 'exec' ? await findShell(docker, container.id) : undefined;
			if (kind === 'exec' && !shell) {
				notify({text: `${container.name} has no /bin/bash or /bin/sh; x runs a single command instead.`, tone: 'error'});
				return;
			}
			setState({kind: 'away', text: kind === 'exec' ? `Shell ${shell} in ${container.name}…` : `Attached to ${container.name} (ctrl+p ctrl+q detaches)…`});
			await sleep(frameSettleMs);
			const exitCode = await lendTerminal(async terminal => {
				terminal.stdout.write(kind === 'exec'
					? `berth: ${shell} in ${container.name}; exit the shell to come back.\r\n`
					: `berth: attached to ${container.name}; ctrl+p ctrl+q detaches.\r\n`);
				const session = kind === 'exec'
					? await startShell(docker, container.id, [shell!], terminal.size())
					: await attachToContainer(docker, container.id, terminal.size());
				await connect(terminal, session, docker);
				return session.exitCode();
			});
			setState({kind: 'away', text: `Back from ${container.name}.`});
			await sleep(frameSettleMs);
			setState({kind: 'idle'});
			notify({text: kind === 'exec' ? `The shell in ${container.name} exited${exitCode === undefined ? '' : ` with code ${exitCode}`}.` : `Detached from ${container.name}.`, tone: 'info'});
		} catch (error) {
			setState({kind: 'idle'});
			notify({text: `Could not ${verb} ${container.name}: ${(error as Error).message}`, tone: 'error'});
		}
	};

	const execute = (current: Extract<State, {kind: 'run'}>, draft: string) => {
		const argv = splitCommandLine(draft);
		if (argv.length === 0) return;
		runController.current?.abort();
		const controller = new AbortController();
		runController.current = controller;
		setState({...current, draft: '', isRunning: true, command: draft});
		showRunPrompt('');
		runCommand(docker, current.container.id, argv, controller.signal).then(
			// Resolving long after this render: an updater sees the state as it is by then.
			result => {
				if (!controller.signal.aborted) setState(now => (now.kind === 'run' ? {...now, isRunning: false, result} : now));
			},
			(error: Error) => {
				setState(now => (now.kind === 'run' ? {...now, isRunning: false} : now));
				notify({text: `Could not run ${argv[0]}: ${error.message}`, tone: 'error'});
			},
		);
	};

	const start = (kind: SessionKind, container: ContainerSummary) => {
		if (container.state !== 'running') {
			notify({text: `${container.name} is ${container.state}; start it first.`, tone: 'error'});
			return;
		}
		if (kind === 'run') {
			setState({kind: 'run', container, draft: '', isRunning: false});
			showRunPrompt('');
		} else void interactive(kind, container);
	};

	const handleKey = (input: string, key: Key): boolean => {
		const current = state;
		if (current.kind === 'away') return true;
		if (current.kind !== 'run') return false;
		if (key.escape) {
			runController.current?.abort();
			setState({kind: 'idle'});
			setStatus(undefined);
		} else if (key.return) execute(current, current.draft);
		else if (key.backspace || key.delete) {
			setState({...current, draft: current.draft.slice(0, -1)});
			showRunPrompt(current.draft.slice(0, -1));
		} else if (key.ctrl && input === 'u') {
			setState({...current, draft: ''});
			showRunPrompt('');
		} else if (input && !key.ctrl && !key.meta) {
			const typed = splitTyped(input);
			const draft = current.draft + typed.text;
			if (typed.submitted) execute(current, draft);
			else {
				setState({...current, draft});
				showRunPrompt(draft);
			}
		}
		return true;
	};

	let view: ReactNode | undefined;
	if (state.kind === 'away') view = <Box height={props.height}><Text dimColor>{`  ${state.text}`}</Text></Box>;
	else if (state.kind === 'run') {
		const room = Math.max(1, props.height - 2);
		const lines = state.result?.lines ?? [];
		const shown = lines.slice(-room);
		const summary = state.isRunning
			? `running ${state.command ?? ''}…`
			: state.result
				? `${state.command ?? ''} · exit code ${state.result.exitCode ?? 'unknown'} · ${lines.length} lines${state.result.isCut ? ' (oldest cut)' : ''}`
				: 'type a command (no shell needed: it runs directly; quotes group words)';
		view = (
			<Box flexDirection="column" height={props.height}>
				<Text wrap="truncate-end"><Text color={color(accent)} bold>{`Run in ${state.container.name}`}</Text><Text dimColor>{`  ${summary}`}</Text></Text>
				{shown.map((line, index) => (
					<Text key={index} wrap="truncate-end"><Text color={color('red')}>{line.stream === 'stderr' ? '▌' : ' '}</Text>{line.text}</Text>
				))}
			</Box>
		);
	}
	return {start, handleKey, view};
}

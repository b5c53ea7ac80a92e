import type Docker from 'dockerode';
import {abortableSleep} from '../transport/abortable-sleep.js';
import type {ContainerAction} from './containers.js';
import {EngineError, toEngineError} from '../transport/errors.js';

export interface ReadBack {
	/** The engine is where the action would have put it. */
	readonly isDone: boolean;
	/** What the engine shows now, in words: "running", "paused", "exited (0)", "gone". */
	readonly state: string;
}

interface StateNow {
	readonly exists: boolean;
	readonly running: boolean;
	readonly paused: boolean;
	readonly exitCode: number;
	readonly startedAt: number;
}

/** A few tries over about ten seconds: the link that lost the answer may still be failing. */
const readBackTries = 5;

/**
 * After an action's answer was lost (cut, late, garbled), asks the engine where
 * the container is now. Actions are never sent again blindly: the engine may
 * have done it already, and a second stop or kill is not the same as one.
 */
export async function readBackContainer(docker: Docker, id: string, action: ContainerAction, sentAt: number): Promise<ReadBack> {
	let lastError: unknown;
	for (let attempt = 0; attempt < readBackTries; attempt++) {
		try {
			const now = await stateNow(docker, id);
			return {isDone: isDone(action, now, sentAt), state: describe(now)};
		} catch (error) {
			lastError = error;
			await abortableSleep(500 * 2 ** attempt, new AbortController().signal);
		}
	}
	throw new EngineError('unreachable', `The engine's answer was lost and berth could not read the container back: ${toEngineError(lastError).message}`);
}

async function stateNow(docker: Docker, id: string): Promise<StateNow> {
	try {
		const info = await docker.getContainer(id).inspect();
		return {
			exists: true,
			running: Boolean(info.State?.Running),
			paused: Boolean(info.State?.Paused),
			exitCode: info.State?.ExitCode ?? 0,
			startedAt: Date.parse(info.State?.StartedAt ?? '') || 0,
		};
	} catch (error) {
		if (toEngineError(error).kind === 'not-found') return {exists: false, running: false, paused: false, exitCode: 0, startedAt: 0};
		throw error;
	}
}

function isDone(action: ContainerAction, now: StateNow, sentAt: number): boolean {
	switch (action) {
		case 'remove': return !now.exists;
		case 'start': return now.running;
		case 'stop':
		case 'kill': return now.exists && !now.running;
		case 'pause': return now.paused;
		case 'unpause': return now.running && !now.paused;
		// Running is not enough: it must have started again since the call (a second of clock skew allowed).
		case 'restart': return now.running && now.startedAt >= sentAt - 1000;
	}
}

function describe(now: StateNow): string {
	if (!now.exists) return 'gone';
	if (now.paused) return 'paused';
	return now.running ? 'running' : `exited (${now.exitCode})`;
}

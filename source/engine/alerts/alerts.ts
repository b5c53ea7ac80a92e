// Alert rules as pure code: events (and, for a die, one inspect's answer) in,
// alerts out. Times come from the events, not the clock, so the rules are
// deterministic and tested without an engine.
import type {EngineEvent} from '../streams/events.js';

export type AlertKind = 'oom' | 'exit' | 'unhealthy' | 'restart-loop' | 'unreachable' | 'not-converging' | 'task-failed' | 'node-down';

export interface AlertRules {
	/** This many restarts the container did not ask for ... */
	readonly restartCount: number;
	/** ... within this window is a restart loop. Also how long repeats fold into one alert. */
	readonly restartWindowMs: number;
}

export const defaultAlertRules: AlertRules = {restartCount: 3, restartWindowMs: 60_000};

export interface AlertDraft {
	readonly kind: AlertKind;
	/** The container it is about; undefined for the engine itself (and for Swarm alerts). */
	readonly containerId?: string | undefined;
	/** What repeats fold by when it is not a container: a Swarm service or node. */
	readonly key?: string | undefined;
	readonly name: string;
	readonly message: string;
	/** Milliseconds since the epoch. */
	readonly time: number;
}

/** What inspect said about a container that just died (only asked when wantsOomCheck is true). */
export interface DieFacts {
	readonly oomKilled?: boolean | undefined;
}

// Signals people and tools send to stop a container (docker stop sends TERM,
// then KILL; docker kill KILL; Ctrl+C INT). A die after one of these was
// asked for, so it is not an alert; a HUP or USR1 (reload, log rotation) is not a stop.
const stopSignals = new Set(['2', '3', '9', '15', 'SIGINT', 'SIGQUIT', 'SIGKILL', 'SIGTERM', 'INT', 'QUIT', 'KILL', 'TERM']);

interface ContainerTrack {
	stopRequested: boolean;
	/** When the last oom event (or OOMKilled inspect) was seen since the last start. */
	oomAt: number | undefined;
	/** The last die was not asked for: the next start is a restart the container did not ask for. */
	diedOnItsOwn: boolean;
	restarts: number[];
	isLooping: boolean;
	health: string | undefined;
}

const exitMeanings: Readonly<Record<string, string>> = {
	'1': 'general error',
	'2': 'misuse of a shell builtin',
	'125': 'the engine could not run it',
	'126': 'command not executable',
	'127': 'command not found',
	'130': 'interrupted (SIGINT)',
	'134': 'aborted (SIGABRT)',
	'137': 'killed (SIGKILL)',
	'139': 'segmentation fault (SIGSEGV)',
	'143': 'terminated (SIGTERM)',
};

export function exitMessage(code: string): string {
	const meaning = exitMeanings[code];
	return `exited with code ${code}${meaning ? ` (${meaning})` : ''}`;
}

export class AlertDetector {
	private readonly tracks = new Map<string, ContainerTrack>();
	private isLost = false;

	constructor(private readonly rules: AlertRules = defaultAlertRules, private readonly capacity = 5000) {}

	/** A die with a non-zero code and no oom event before it: inspect State.OOMKilled once and pass it to observe. */
	wantsOomCheck(event: EngineEvent): boolean {
		if (event.type !== 'container' || event.action !== 'die') return false;
		const track = this.tracks.get(event.id);
		return (event.attributes['exitCode'] ?? '0') !== '0' && track?.oomAt === undefined && !track?.stopRequested;
	}

	observe(event: EngineEvent, facts: DieFacts = {}): AlertDraft[] {
		if (event.type !== 'container') return [];
		const name = event.name ?? event.id.slice(0, 12);
		const alert = (kind: AlertKind, message: string): AlertDraft => ({kind, containerId: event.id, name, message: `${name} ${message}`, time: event.time});
		if (event.action === 'destroy') {
			this.tracks.delete(event.id);
			return [];
		}
		const track = this.track(event.id);
		if (event.action === 'oom') {
			// The inspect fallback may have reported this OOM already.
			const already = track.oomAt !== undefined;
			track.oomAt = event.time;
			return already ? [] : [alert('oom', 'was killed: out of memory (hit its memory limit)')];
		}
		if (event.action === 'kill') {
			if (stopSignals.has(event.attributes['signal'] ?? '')) track.stopRequested = true;
			return [];
		}
		if (event.action === 'die') return this.died(track, event, facts, alert);
		if (event.action === 'start') return this.started(track, event, alert);
		if (event.action.startsWith('health_status')) {
			const status = event.action.slice(event.action.indexOf(':') + 1).trim();
			const was = track.health;
			track.health = status;
			return status === 'unhealthy' && was !== 'unhealthy' ? [alert('unhealthy', 'is unhealthy: its health check keeps failing')] : [];
		}
		return [];
	}

	/** The event stream was lost; one alert per outage. */
	lost(message: string, time: number): AlertDraft[] {
		if (this.isLost) return [];
		this.isLost = true;
		return [{kind: 'unreachable', name: 'engine', message: `Lost the Docker engine: ${message}`, time}];
	}

	connected(): void {
		this.isLost = false;
	}

	private died(track: ContainerTrack, event: EngineEvent, facts: DieFacts, alert: (kind: AlertKind, message: string) => AlertDraft): AlertDraft[] {
		const code = event.attributes['exitCode'] ?? '0';
		const out: AlertDraft[] = [];
		if (track.oomAt === undefined && facts.oomKilled) {
			track.oomAt = event.time;
			out.push(alert('oom', 'was killed: out of memory (hit its memory limit)'));
		} else if (track.oomAt === undefined && !track.stopRequested && code !== '0') {
			out.push(alert('exit', exitMessage(code)));
		}
		track.diedOnItsOwn = track.oomAt !== undefined || !track.stopRequested;
		track.stopRequested = false;
		return out;
	}

	private started(track: ContainerTrack, event: EngineEvent, alert: (kind: AlertKind, message: string) => AlertDraft): AlertDraft[] {
		const out: AlertDraft[] = [];
		track.restarts = track.restarts.filter(time => time > event.time - this.rules.restartWindowMs);
		if (track.diedOnItsOwn) track.restarts.push(event.time);
		if (track.restarts.length >= this.rules.restartCount && !track.isLooping) {
			track.isLooping = true;
			out.push(alert('restart-loop', `is restarting in a loop: ${track.restarts.length} restarts in ${formatWindow(this.rules.restartWindowMs)}`));
		} else if (track.restarts.length < this.rules.restartCount) {
			track.isLooping = false;
		}
		track.diedOnItsOwn = false;
		track.stopRequested = false;
		track.oomAt = undefined;
		return out;
	}

	private track(id: string): ContainerTrack {
		let track = this.tracks.get(id);
		if (!track) {
			track = {stopRequested: false, oomAt: undefined, diedOnItsOwn: false, restarts: [], isLooping: false, health: undefined};
			this.tracks.set(id, track);
			// Containers removed while berth was away never send destroy to us.
			if (this.tracks.size > this.capacity) this.tracks.delete(this.tracks.keys().next().value as string);
		}
		return track;
	}
}

export function formatWindow(ms: number): string {
	return ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

export interface Alert extends AlertDraft {
	/** Unique, increasing: the newest alert has the highest. */
	readonly seq: number;
	/** How many times it happened; repeats within the window fold into one alert. */
	readonly count: number;
	readonly lastTime: number;
}

export interface AlertLog {
	readonly alerts: readonly Alert[];
	readonly nextSeq: number;
}

export const emptyAlertLog: AlertLog = {alerts: [], nextSeq: 1};

/**
 * Adds an alert, newest first. The same kind for the same container within
 * `mergeWindowMs` of its last time folds into it (count + 1, moved to the top):
 * a crash loop is one alert that counts up, not a screenful. isNew says whether
 * a person should be told again (toast, bell).
 */
export function recordAlert(log: AlertLog, draft: AlertDraft, mergeWindowMs: number, capacity = 200): {log: AlertLog; alert: Alert; isNew: boolean} {
	const index = log.alerts.findIndex(a => a.kind === draft.kind && (a.key ?? a.containerId) === (draft.key ?? draft.containerId) && draft.time - a.lastTime <= mergeWindowMs);
	const existing = index === -1 ? undefined : log.alerts[index];
	const rest = index === -1 ? log.alerts : log.alerts.filter((_, i) => i !== index);
	const alert: Alert = existing
		? {...existing, message: draft.message, name: draft.name, count: existing.count + 1, lastTime: Math.max(existing.lastTime, draft.time)}
		: {...draft, seq: log.nextSeq, count: 1, lastTime: draft.time};
	return {log: {alerts: [alert, ...rest].slice(0, capacity), nextSeq: existing ? log.nextSeq : log.nextSeq + 1}, alert, isNew: !existing};
}

/** The events the alert rules read; the engine filters the rest out. */
export const alertEventFilters = {
	type: ['container'],
	event: ['oom', 'kill', 'die', 'start', 'destroy', 'health_status'],
} as const;

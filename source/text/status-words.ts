// The engine's own status words ("Up 3 minutes", "Exited (1) 2 hours ago"),
// written by berth at any moment from a container's start and finish times.
// The engine writes them only when it lists, so a list read a while ago says
// what was true then; these say what the engine would say now. The wording and
// rounding follow moby's State.String() (container/state.go) and go-units'
// HumanDuration exactly, so the two can be compared word for word.
import type {ContainerState, Health} from '../engine/resources/containers.js';

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;

/** go-units HumanDuration: Go's int() truncates toward zero, and hours are rounded to the nearest. */
export function humanDuration(ms: number): string {
	const seconds = Math.trunc(ms / second);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.trunc(ms / minute);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.trunc(ms / hour + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
	// Years count whole hours, not rounded ones: 17519.5 hours reads "1 years", as the engine writes it.
	return `${Math.trunc(Math.trunc(ms / hour) / 24 / 365)} years`;
}

/** Where trunc(hours + 0.5) reaches `rounded`. */
const roundedHourAt = (rounded: number) => (rounded - 0.5) * hour;

/** The smallest age after `ms` at which humanDuration says something else: when a shown status must be redrawn. */
export function humanDurationChangesAt(ms: number): number {
	if (ms < second) return second;
	if (ms < minute) return (Math.trunc(ms / second) + 1) * second;
	if (ms < 2 * minute) return 2 * minute;
	if (ms < hour) return (Math.trunc(ms / minute) + 1) * minute;
	const hours = Math.trunc(ms / hour + 0.5);
	const next = (unit: number, end: number) => roundedHourAt(Math.min((Math.trunc(hours / unit) + 1) * unit, end));
	if (hours < 48) return roundedHourAt(hours + 1);
	if (hours < 24 * 7 * 2) return next(24, 24 * 7 * 2);
	if (hours < 24 * 30 * 2) return next(24 * 7, 24 * 30 * 2);
	if (hours < 24 * 365 * 2) return next(24 * 30, 24 * 365 * 2);
	return (Math.trunc(Math.trunc(ms / hour) / (24 * 365)) + 1) * 24 * 365 * hour;
}

/** A container's times as the engine keeps them: ms on the engine's clock, 0 for never (Go's zero time). */
export interface StateTimes {
	readonly state: ContainerState;
	readonly health: Health;
	readonly startedAt: number;
	readonly finishedAt: number;
	readonly exitCode: number;
}

const healthWords: Readonly<Record<Health, string>> = {starting: ' (health: starting)', healthy: ' (healthy)', unhealthy: ' (unhealthy)', none: ''};

/** moby's State.String() at engine time `now`. */
export function stateWords(times: StateTimes, now: number): string {
	switch (times.state) {
		case 'paused': return `Up ${humanDuration(now - times.startedAt)} (Paused)`;
		case 'restarting': return `Restarting (${times.exitCode}) ${humanDuration(now - times.finishedAt)} ago`;
		case 'running': return `Up ${humanDuration(now - times.startedAt)}${healthWords[times.health]}`;
		case 'removing': return 'Removal In Progress';
		case 'dead': return 'Dead';
		case 'created': return 'Created';
		case 'exited':
			if (times.startedAt === 0) return 'Created';
			return times.finishedAt === 0 ? '' : `Exited (${times.exitCode}) ${humanDuration(now - times.finishedAt)} ago`;
	}
}

/** Which time a state's words count from; undefined when its words do not change with time. */
export function countsFrom(state: ContainerState): 'startedAt' | 'finishedAt' | undefined {
	if (state === 'running' || state === 'paused') return 'startedAt';
	if (state === 'restarting' || state === 'exited') return 'finishedAt';
	return undefined;
}

/** The engine time at which the words of `times` next change, or undefined if they never do. */
export function stateWordsChangeAt(times: StateTimes, now: number): number | undefined {
	const from = countsFrom(times.state);
	if (!from || times[from] === 0) return undefined;
	return times[from] + humanDurationChangesAt(now - times[from]);
}

/** The ages (ms, `fromMs` inclusive, `toMs` exclusive) a HumanDuration phrase stands for; undefined if it is not one. */
export function durationRange(phrase: string): {readonly fromMs: number; readonly toMs: number} | undefined {
	if (phrase === 'Less than a second') return {fromMs: Number.NEGATIVE_INFINITY, toMs: second};
	const about: Readonly<Record<string, number>> = {'About a minute': minute, 'About an hour': hour};
	const match = /^(\d+) (seconds?|minutes|hours|days|weeks|months|years)$/.exec(phrase);
	const n = Number(match?.[1]);
	// The first age each phrase is written for; the phrase lasts until humanDuration moves on.
	const firstAge: Readonly<Record<string, number>> = {
		second: n * second, seconds: n * second, minutes: n * minute, hours: roundedHourAt(n),
		days: roundedHourAt(n * 24), weeks: roundedHourAt(n * 24 * 7), months: roundedHourAt(n * 24 * 30),
		years: Math.max(n * 24 * 365 * hour, roundedHourAt(24 * 365 * 2)),
	};
	const fromMs = about[phrase] ?? (match ? firstAge[match[2] ?? ''] : undefined);
	// A phrase the engine never writes ("1 days", "75 seconds") is no reading at all.
	if (fromMs === undefined || humanDuration(fromMs) !== phrase) return undefined;
	return {fromMs, toMs: humanDurationChangesAt(fromMs)};
}

/** What the engine's words at list time say: the exit code, and how long ago the container started or finished. */
export interface ReadWords {
	readonly exitCode?: number;
	readonly age?: {readonly fromMs: number; readonly toMs: number};
}

/** Reads "Up 5 seconds (healthy)", "Exited (1) 2 hours ago", "Restarting (1) 3 seconds ago"; undefined for other words. */
export function readStatusWords(words: string): ReadWords | undefined {
	const up = /^Up (.+?)(?: \((?:Paused|healthy|unhealthy|health: starting)\))?$/.exec(words);
	if (up) {
		const age = durationRange(up[1] ?? '');
		return age ? {age} : undefined;
	}
	const ended = /^(?:Exited|Restarting) \((-?\d+)\) (.+) ago$/.exec(words);
	if (!ended) return undefined;
	const age = durationRange(ended[2] ?? '');
	return {exitCode: Number(ended[1]), ...(age ? {age} : {})};
}

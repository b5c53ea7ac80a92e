// How long berth waits for each kind of engine call. Reads are short, so a
// request lost on a faulty link fails and is retried instead of holding a view
// still; actions get what the engine may really need; streams only have to
// start in time, and what keeps them honest after that is their own watchdog.

export type CallDeadline =
	/** The whole answer, body included, within ms. */
	| {readonly kind: 'answer'; readonly ms: number}
	/** The answer's head within ms; a stream after that, watched by its reader. */
	| {readonly kind: 'head'; readonly ms: number}
	/** The head within ms, then never silent for longer than silenceMs (pull, push, build, load). */
	| {readonly kind: 'progress'; readonly ms: number; readonly silenceMs: number};

export interface CallShape {
	readonly method: string;
	/** Without the /v1.xx prefix and without the query. */
	readonly path: string;
	readonly query: Readonly<Record<string, unknown>>;
	readonly isStream: boolean;
	readonly isHijack: boolean;
}

export const readMs = 10_000;
/** A stream's head: a local engine sends it at once, a remote one within a round trip or two. */
const headMs = 5_000;
/** The engine's own default stop timeout, used when the call names none. */
const engineStopSeconds = 10;
const stopMarginMs = 20_000;

const progressSilenceMs: readonly (readonly [RegExp, number])[] = [
	[/^\/build$/, 600_000],
	[/^\/images\/create$/, 120_000],
	[/^\/images\/.+\/push$/, 120_000],
	[/^\/images\/load$/, 120_000],
	// Copying out of a container and exporting one: long for a big filesystem, but never long silent.
	[/^\/containers\/[^/]+\/(archive|export)$/, 120_000],
	[/^\/plugins\/pull$/, 120_000],
];

const actionMs: readonly (readonly [RegExp, number])[] = [
	[/^\/containers\/[^/]+\/(kill|pause|unpause|rename|resize)$/, 15_000],
	[/^\/containers\/[^/]+\/start$/, 60_000],
	[/^\/(containers|images|volumes|networks|build)\/prune$/, 300_000],
	[/^\/commit$/, 300_000],
	// A copy into a container is answered after its last byte: the copy itself watches that bytes keep going.
	[/^\/containers\/[^/]+\/archive$/, 30 * 60_000],
	[/^\/plugins\/[^/]+\/(enable|disable)$/, 60_000],
];

/** The deadline for one call, or undefined for calls that wait by design (container wait). */
export function deadlineFor(call: CallShape): CallDeadline | undefined {
	if (/^\/containers\/[^/]+\/wait$/.test(call.path)) return undefined;
	if (call.isHijack) return {kind: 'head', ms: headMs};
	if (call.isStream) {
		const progress = progressSilenceMs.find(([pattern]) => pattern.test(call.path));
		return progress ? {kind: 'progress', ms: 30_000, silenceMs: progress[1]} : {kind: 'head', ms: headMs};
	}
	if (call.method === 'GET' || call.method === 'HEAD') {
		// Disk usage sums every layer and volume: seconds on a busy host.
		return {kind: 'answer', ms: call.path === '/system/df' ? 120_000 : readMs};
	}
	if (/^\/containers\/[^/]+\/(stop|restart)$/.test(call.path)) {
		const seconds = Number(call.query['t'] ?? engineStopSeconds);
		return {kind: 'answer', ms: (Number.isFinite(seconds) && seconds >= 0 ? seconds : engineStopSeconds) * 1000 + stopMarginMs};
	}
	const action = actionMs.find(([pattern]) => pattern.test(call.path));
	return {kind: 'answer', ms: action ? action[1] : 60_000};
}

/** "/v1.47/containers/json?all=1" as "/containers/json". */
export function apiPath(path: string): string {
	return path.replace(/\?.*$/, '').replace(/^\/v\d+\.\d+(?=\/)/, '');
}

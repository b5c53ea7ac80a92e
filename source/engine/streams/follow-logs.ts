import type Docker from 'dockerode';
import {abortableSleep} from '../transport/abortable-sleep.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {backoffDelay, jittered, livenessIntervalMs, ping} from './events.js';
import type {LogLine} from './log-lines.js';
import {streamLogs} from './logs.js';
import {retryRead} from '../transport/retry-read.js';
import {inspectService} from '../resources/swarm-services.js';
import {isServiceLogTarget, serviceIdOf} from './service-logs.js';

export interface FollowLogsOptions {
	readonly tail: number | 'all';
	readonly sinceNs?: bigint | undefined;
	readonly isTty: boolean;
	readonly maxPending: number;
	readonly signal: AbortSignal;
	readonly onLines: (lines: readonly LogLine[], skipped: number) => void;
	/** The stream broke while the container runs: it is being opened again. */
	readonly onBroken?: (error: EngineError) => void;
	/** The stream is open (first time and after every break). */
	readonly onOpen?: () => void;
	/** See LogDelivery.rewrite (a service's lines name their task and node). */
	readonly rewrite?: ((raw: string) => string) | undefined;
}

/**
 * Follows a container's log for as long as the container runs. A stream that
 * is cut, garbled or ends while the container still runs (a faulty link, a
 * restart) is opened again from the last line shown, and the lines it sends
 * again are dropped, so nothing is shown twice and nothing is lost. Resolves
 * when the container has stopped and its log is read to the end, or on abort.
 */
export async function followLogs(docker: Docker, id: string, options: FollowLogsOptions): Promise<void> {
	const {signal} = options;
	const cursor = new LogCursor();
	for (let attempt = 0; !signal.aborted;) {
		const since = cursor.resumePoint();
		let failure: EngineError | undefined;
		// A quiet log is normal, so silence alone proves nothing: after a while of
		// it, the engine is asked for a ping, and a stream on a dead link is reopened.
		const stream = new AbortController();
		const liveness = new QuietCheck(docker, signal, () => {
			failure = new EngineError('unreachable', 'The engine stopped answering while the log was quiet.');
			stream.abort();
		});
		try {
			await streamLogs(docker, id, since === undefined
				? {tail: options.tail, follow: true, ...(options.sinceNs === undefined ? {} : {sinceNs: options.sinceNs})}
				: {tail: 'all', follow: true, sinceNs: since}, {
				signal: AbortSignal.any([signal, stream.signal]),
				isTty: options.isTty,
				maxPending: options.maxPending,
				rewrite: options.rewrite,
				onOpen() {
					attempt = 0;
					options.onOpen?.();
				},
				onLines(lines, skipped) {
					liveness.heard();
					const fresh = cursor.admit(lines);
					if (fresh.length > 0 || skipped > 0) options.onLines(fresh, skipped);
				},
			});
		} catch (error) {
			failure = toEngineError(error);
			// No such container: its log is over.
			if (failure.kind === 'not-found') return;
		} finally {
			liveness.stop();
		}
		if (signal.aborted) return;
		const isRunning = await retryRead(docker, () => runningNow(docker, id, signal), signal).catch(() => false);
		if (!isRunning && !failure) return;
		if (failure) options.onBroken?.(failure);
		await abortableSleep(jittered(backoffDelay(attempt++)), signal);
	}
}

/** Pings the engine after each quiet spell of a followed log; calls onDead when the ping fails. */
class QuietCheck {
	private timer: NodeJS.Timeout | undefined;

	constructor(private readonly docker: Docker, private readonly signal: AbortSignal, private readonly onDead: () => void) {
		this.arm();
	}

	heard(): void {
		clearTimeout(this.timer);
		this.arm();
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	private arm(): void {
		const timer = setTimeout(() => {
			// Lines heard meanwhile, or a stop, make this ping's answer moot.
			const isCurrent = () => this.timer === timer && !this.signal.aborted;
			ping(this.docker, this.signal).then(() => {
				if (isCurrent()) this.arm();
			}, () => {
				if (isCurrent()) this.onDead();
			});
		}, livenessIntervalMs);
		this.timer = timer;
	}
}

async function runningNow(docker: Docker, id: string, signal: AbortSignal): Promise<boolean> {
	// A service's log goes on while the service exists (inspect throws not-found when it is gone).
	if (isServiceLogTarget(id)) return inspectService(docker, serviceIdOf(id), signal).then(() => true);
	const info = await docker.getContainer(id).inspect({abortSignal: signal} as object);
	return Boolean(info.State?.Running || info.State?.Restarting);
}

/**
 * The last line shown, by its timestamp and how many lines shown share it: the
 * engine's `since` is inclusive, so a reopened stream starts with lines already shown.
 */
export class LogCursor {
	private ns: bigint | undefined;
	private atNs = 0;
	private skip: {ns: bigint; count: number} | undefined;

	/** Where to open again (undefined before any line), arming the skip of what comes again. */
	resumePoint(): bigint | undefined {
		if (this.ns === undefined) return undefined;
		this.skip = {ns: this.ns, count: this.atNs};
		return this.ns;
	}

	/** The lines not shown before, in order; records them as shown. */
	admit(lines: readonly LogLine[]): LogLine[] {
		const fresh: LogLine[] = [];
		for (const line of lines) {
			if (this.skip) {
				if (line.ns < this.skip.ns) continue;
				if (line.ns === this.skip.ns && this.skip.count > 0) {
					this.skip.count--;
					continue;
				}
				this.skip = undefined;
			}
			if (line.ns === this.ns) this.atNs++;
			else {
				this.ns = line.ns;
				this.atNs = 1;
			}
			fresh.push(line);
		}
		return fresh;
	}
}

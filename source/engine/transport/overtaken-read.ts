import {EngineError} from './errors.js';
import type {LinkHealth} from './link-health.js';

/** How long a read may still take once a request sent after it has been answered. */
export const overtakenGraceMs = 2_000;

export interface ProbeTiming {
	/** A read watched this long with no later-sent request answered is stuck: the link is asked with a probe. */
	readonly stuckMs: number;
	/** Probes go one at a time and at least this far apart. */
	readonly everyMs: number;
	/** How long after a later-sent request's answer an overtaken read is given up. */
	readonly graceMs: number;
}

export const probeTiming: ProbeTiming = {stuckMs: 2_000, everyMs: 1_500, graceMs: overtakenGraceMs};

/** A read given up because requests sent after it were answered: it is retried at once, not after a backoff. */
export class OvertakenRead extends EngineError {
	constructor(what: string) {
		super('timeout', `The engine did not answer ${what} while later requests were answered; it is asked again.`);
	}
}

export function isOvertaken(error: unknown): boolean {
	return error instanceof OvertakenRead;
}

/**
 * The reads of one client sent while its link was failing. Such a read gives
 * up graceMs after a request sent later was answered: the link works again,
 * and this read most likely went into a connection that never answers. Given
 * up, it is retried at once instead of holding its view until its deadline.
 *
 * When nothing else is sent (a quiet screen), no later request would ever be
 * answered, so a read stuck for stuckMs has the link asked with a probe (a
 * ping): once the link heals, the probe's answer is the later answer that
 * releases the read. Probes go only while such a read is stuck and the link
 * is failing, so a healthy link never sees one.
 */
export class OvertakenReads {
	private readonly stuck = new Set<object>();
	private isProbing = false;
	private lastProbeAt = Number.NEGATIVE_INFINITY;
	private probeTimer: NodeJS.Timeout | undefined;

	/** probe sends one cheap request through the client, resolving when it ends however it ends. */
	constructor(private readonly health: LinkHealth, private readonly probe: () => Promise<void>, private readonly timing: ProbeTiming = probeTiming) {}

	/** Watches a read sent at sentAt; giveUp is called when it is overtaken. Returns the function that stops watching. */
	watch(sentAt: number, giveUp: () => void): () => void {
		const read = {};
		let graceTimer: NodeJS.Timeout | undefined;
		const stopListening = this.health.onAnswered(answeredSentAt => {
			if (answeredSentAt <= sentAt || graceTimer) return;
			this.stuck.delete(read);
			graceTimer = setTimeout(giveUp, this.timing.graceMs);
		});
		const stuckTimer = setTimeout(() => {
			if (graceTimer) return;
			this.stuck.add(read);
			this.probeSoon();
		}, Math.max(0, sentAt + this.timing.stuckMs - Date.now()));
		return () => {
			stopListening();
			clearTimeout(graceTimer);
			clearTimeout(stuckTimer);
			this.stuck.delete(read);
			if (this.stuck.size === 0) {
				clearTimeout(this.probeTimer);
				this.probeTimer = undefined;
			}
		};
	}

	private probeSoon(): void {
		if (this.isProbing || this.probeTimer || this.stuck.size === 0 || this.health.current.status !== 'failing') return;
		const wait = this.lastProbeAt + this.timing.everyMs - Date.now();
		if (wait > 0) {
			this.probeTimer = setTimeout(() => {
				this.probeTimer = undefined;
				this.probeSoon();
			}, wait);
			return;
		}
		this.isProbing = true;
		this.lastProbeAt = Date.now();
		void this.probe().finally(() => {
			this.isProbing = false;
			// An answered probe has released every read it overtook; a failed one leaves them stuck, to be asked again.
			this.probeSoon();
		});
	}
}

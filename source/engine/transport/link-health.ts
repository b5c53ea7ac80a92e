import type Docker from 'dockerode';

export type LinkState =
	| {readonly status: 'ok'}
	/** Requests or streams failed lately: since the first of them, with the last reason. */
	| {readonly status: 'failing'; readonly since: number; readonly lastError: string; readonly failures: number};

type Listener = () => void;

/** How long after its last failure the link still counts as failing: one good answer amid failures proves little. */
export const failingHoldMs = 8_000;

/**
 * What every request of one client says about the link to the engine. The
 * header reads it, so a link that drops or garbles answers is never shown as
 * healthy while views wait for their retries.
 */
export class LinkHealth {
	private state: LinkState = {status: 'ok'};
	private lastFailure = 0;
	private lastSuccess = 0;
	/** When the latest-sent request that was answered was sent. */
	private newestAnsweredSentAt = 0;
	private holdTimer: NodeJS.Timeout | undefined;
	private readonly listeners = new Set<Listener>();
	private readonly answerListeners = new Set<(sentAt: number) => void>();

	constructor(private readonly now: () => number = Date.now) {}

	get current(): LinkState {
		return this.state;
	}

	subscribe(listener: Listener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * A request sent at sentAt failed. When a request sent after it has
	 * already been answered, the link worked since; the old request's end
	 * (a deadline passing, a slow answer cut) says nothing about the link now.
	 */
	/** Called with the send time of every request answered from now on. */
	onAnswered(listener: (sentAt: number) => void): () => void {
		this.answerListeners.add(listener);
		return () => this.answerListeners.delete(listener);
	}

	failed(what: string, error: unknown, sentAt?: number): void {
		if (sentAt !== undefined && sentAt < this.newestAnsweredSentAt) return;
		const now = this.now();
		this.lastFailure = now;
		const lastError = error instanceof Error ? error.message : String(error);
		const since = this.state.status === 'failing' ? this.state.since : now;
		const failures = this.state.status === 'failing' ? this.state.failures + 1 : 1;
		this.set({status: 'failing', since, lastError: lastError || what, failures});
	}

	/** The link is well again once an answer came after the last failure and none failed for a while. */
	succeeded(sentAt?: number): void {
		this.lastSuccess = this.now();
		this.newestAnsweredSentAt = Math.max(this.newestAnsweredSentAt, sentAt ?? this.lastSuccess);
		for (const listener of this.answerListeners) listener(sentAt ?? this.lastSuccess);
		this.scheduleRecovery();
	}

	private scheduleRecovery(): void {
		if (this.state.status === 'ok' || this.holdTimer) return;
		this.holdTimer = setTimeout(() => {
			this.holdTimer = undefined;
			if (this.state.status === 'ok' || this.lastSuccess < this.lastFailure) return;
			if (this.now() - this.lastFailure >= failingHoldMs) this.set({status: 'ok'});
			else this.scheduleRecovery();
		}, Math.max(0, this.lastFailure + failingHoldMs - this.now()));
		// Nothing waits on the recovery but the header: it must not keep a command alive.
		this.holdTimer.unref();
	}

	private set(state: LinkState): void {
		this.state = state;
		for (const listener of this.listeners) listener();
	}
}

const byClient = new WeakMap<Docker, LinkHealth>();

/** The one LinkHealth of a client, made on first use. */
export function linkHealthOf(docker: Docker): LinkHealth {
	let health = byClient.get(docker);
	if (!health) {
		health = new LinkHealth();
		byClient.set(docker, health);
	}
	return health;
}

/**
 * Fires once when a stream has been silent for longer than it may be: fed on
 * every item, it gives the stream `firstMs` for its first item (opening it
 * takes a round trip more) and `silenceMs` after each item.
 */
export class StreamWatchdog {
	private timer: NodeJS.Timeout | undefined;
	private fired = false;

	constructor(private readonly onSilent: () => void, private readonly silenceMs: number, firstMs = silenceMs * 2) {
		this.arm(firstMs);
	}

	get hasFired(): boolean {
		return this.fired;
	}

	fed(): void {
		if (this.fired) return;
		clearTimeout(this.timer);
		this.arm(this.silenceMs);
	}

	stop(): void {
		clearTimeout(this.timer);
		this.timer = undefined;
	}

	private arm(ms: number): void {
		this.timer = setTimeout(() => {
			this.fired = true;
			this.onSilent();
		}, ms);
	}
}

// Times as the engine writes them. The stand-in computes its own status words
// from the container's times, the engine's way (moby's State.String and
// go-units' HumanDuration), rather than borrowing berth's reader of them: a
// test must be able to catch berth misreading what a real engine says.

/** Go's zero time, which inspect shows for "never". */
export const goZeroTime = '0001-01-01T00:00:00Z';

/** RFC 3339 as Go's RFC3339Nano writes it (fraction without trailing zeros), or Go's zero time for 0. */
export function rfc3339(ms: number): string {
	if (ms <= 0) return goZeroTime;
	const iso = new Date(ms).toISOString();
	const fraction = iso.slice(20, 23).replace(/0+$/, '');
	return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** A log line's timestamp: always nine digits of fraction (moby's RFC3339NanoFixed). */
export function logTimestamp(ns: bigint): string {
	const ms = Number(ns / 1_000_000n);
	const fraction = String(ns % 1_000_000_000n).padStart(9, '0');
	return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** go-units HumanDuration. */
export function humanDuration(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	if (seconds < 1) return 'Less than a second';
	if (seconds === 1) return '1 second';
	if (seconds < 60) return `${seconds} seconds`;
	const minutes = Math.floor(seconds / 60);
	if (minutes === 1) return 'About a minute';
	if (minutes < 60) return `${minutes} minutes`;
	const hours = Math.floor(ms / 3_600_000 + 0.5);
	if (hours === 1) return 'About an hour';
	if (hours < 48) return `${hours} hours`;
	if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
	if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
	if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
	return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/**
 * A time in a query as the engine takes it (moby's timetypes.GetTimestamp):
 * "seconds[.nanoseconds]", an RFC 3339 date, or a duration before now ("10m").
 * Nanoseconds since the epoch, or undefined when the text is none of those.
 */
export function parseQueryTime(text: string, nowMs = Date.now()): bigint | undefined {
	const numeric = /^(\d+)(?:\.(\d{1,9}))?$/.exec(text);
	if (numeric) return BigInt(numeric[1] ?? '0') * 1_000_000_000n + BigInt((numeric[2] ?? '').padEnd(9, '0'));
	const duration = /^(\d+)(s|m|h)$/.exec(text);
	if (duration) {
		const unit = {s: 1000, m: 60_000, h: 3_600_000}[duration[2] as 's' | 'm' | 'h'];
		return BigInt(nowMs - Number(duration[1]) * unit) * 1_000_000n;
	}
	const date = Date.parse(text);
	return Number.isFinite(date) ? BigInt(date) * 1_000_000n : undefined;
}

/**
 * The engine's clock in nanoseconds, strictly increasing: events and log lines
 * that happen in the same millisecond still have an order. The step is a
 * microsecond, wider than a double's spacing at today's nanosecond counts, so
 * two events stay apart once JSON.parse has made numbers of them.
 */
export class EngineClock {
	private last = 0n;

	nowNs(atMs = Date.now()): bigint {
		const wanted = BigInt(Math.floor(atMs)) * 1_000_000n;
		this.last = wanted > this.last ? wanted : this.last + 1000n;
		return this.last;
	}
}

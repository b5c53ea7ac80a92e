// The lines a log view holds: ordered by time (several containers interleave),
// bounded (a flood drops the oldest), and able to take older pages at the front.
import {compareLines, type LogLine} from './log-lines.js';

export const defaultLogCapacity = 50_000;

export class LogBuffer {
	private items: LogLine[] = [];
	/** Newest lines were dropped to make room for older ones: new lines are not appended until a reload. */
	isDetached = false;
	/** Lines left out while detached (shown to the person). */
	missed = 0;
	/** Lines a flood outran: they came faster than a flush could take them (shown to the person). */
	skipped = 0;
	/** Bumped on every change so a view can memoise on it. */
	version = 0;

	constructor(readonly capacity = defaultLogCapacity) {}

	get lines(): readonly LogLine[] {
		return this.items;
	}

	get size(): number {
		return this.items.length;
	}

	/** New lines (a batch, oldest first). Returns how many of the oldest lines were dropped. */
	append(unordered: readonly LogLine[]): number {
		if (unordered.length === 0) return 0;
		// The engine sends stdout and stderr as it reads them, not always in time order.
		const batch = isOrdered(unordered) ? unordered : [...unordered].sort(compareLines);
		if (this.isDetached) {
			this.missed += batch.length;
			return 0;
		}
		const first = batch[0]!;
		const last = this.items[this.items.length - 1];
		if (!last || compareLines(last, first) <= 0) {
			for (const line of batch) this.items.push(line);
		} else {
			// Another container's lines arrived first with later times (or the engine sent a
			// stretch again after rotating the log file): merge the overlapping tail. No spread:
			// a tail of the whole buffer would overflow the call stack as arguments.
			const at = this.insertionPoint(first);
			const merged = mergeSorted(this.items.slice(at), batch);
			this.items.length = at;
			for (const line of merged) this.items.push(line);
		}
		this.version++;
		const excess = this.items.length - this.capacity;
		if (excess <= 0) return 0;
		this.items.splice(0, excess);
		return excess;
	}

	/** An older page (oldest first). If the buffer overflows, the newest lines go and the buffer detaches. */
	prepend(page: readonly LogLine[]): void {
		if (page.length === 0) return;
		this.items = [...page, ...this.items];
		this.version++;
		const excess = this.items.length - this.capacity;
		if (excess > 0) {
			this.items.length = this.capacity;
			this.isDetached = true;
		}
	}

	/** Everything replaced (a fresh tail, a new `since`). */
	reset(lines: readonly LogLine[] = []): void {
		this.items = lines.length > this.capacity ? lines.slice(lines.length - this.capacity) : [...lines];
		this.isDetached = false;
		this.missed = 0;
		this.skipped = 0;
		this.version++;
	}

	/** Index of the first line later than the given one (binary search). */
	private insertionPoint(line: LogLine): number {
		let lo = 0;
		let hi = this.items.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (compareLines(this.items[mid]!, line) <= 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

function isOrdered(lines: readonly LogLine[]): boolean {
	for (let i = 1; i < lines.length; i++) if (compareLines(lines[i - 1]!, lines[i]!) > 0) return false;
	return true;
}

function mergeSorted(a: readonly LogLine[], b: readonly LogLine[]): LogLine[] {
	const out: LogLine[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) out.push(compareLines(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
	while (i < a.length) out.push(a[i++]!);
	while (j < b.length) out.push(b[j++]!);
	return out;
}

/** A fixed-capacity buffer that drops the oldest item: streams never grow memory without bound. */
export class Ring<T> {
	private readonly items: Array<T | undefined>;
	private start = 0;
	private count = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
		this.items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	push(item: T): void {
		const index = (this.start + this.count) % this.capacity;
		this.items[index] = item;
		if (this.count < this.capacity) this.count++;
		else this.start = (this.start + 1) % this.capacity;
	}

	/** Oldest first. */
	toArray(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
		return out;
	}

	last(): T | undefined {
		return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
	}

	clear(): void {
		this.items.fill(undefined);
		this.start = 0;
		this.count = 0;
	}
}

// BuildKit's build output through the classic /build endpoint: each
// `moby.buildkit.trace` line carries a base64 protobuf StatusResponse
// (moby/buildkit control.proto). Only the few fields a person reads are
// decoded (steps, their logs, cached/done/error) and turned into lines shaped
// like `docker build --progress=plain`.

type Field = {readonly number: number; readonly wire: number; readonly value: bigint | Uint8Array};

/** The fields of one protobuf message; a malformed one yields what came before the fault. */
function fields(bytes: Uint8Array): Field[] {
	const out: Field[] = [];
	let at = 0;
	const varint = (): bigint => {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			if (at >= bytes.length) throw new Error('truncated');
			const byte = bytes[at++] ?? 0;
			result |= BigInt(byte & 0x7f) << shift;
			if ((byte & 0x80) === 0) return result;
			shift += 7n;
		}
	};
	try {
		while (at < bytes.length) {
			const key = Number(varint());
			const wire = key & 7;
			const number = key >>> 3;
			if (wire === 0) out.push({number, wire, value: varint()});
			else if (wire === 2) {
				const length = Number(varint());
				if (at + length > bytes.length) throw new Error('truncated');
				out.push({number, wire, value: bytes.subarray(at, at + length)});
				at += length;
			} else if (wire === 1) at += 8;
			else if (wire === 5) at += 4;
			else throw new Error('unknown wire type');
		}
	} catch {
		// Keep what was read.
	}
	return out;
}

const utf8 = new TextDecoder();
const text = (field: Field | undefined) => (field && field.value instanceof Uint8Array ? utf8.decode(field.value) : '');
const first = (list: readonly Field[], number: number) => list.find(field => field.number === number);

/** The state of one build's trace: steps are numbered in the order they first appear, as BuildKit's plain output does. */
export class BuildkitTrace {
	private readonly numbers = new Map<string, number>();
	private readonly started = new Set<string>();
	private readonly finished = new Set<string>();
	private readonly doneTasks = new Set<string>();

	/** Lines for one trace message (base64 of a StatusResponse); nothing for one that does not decode. */
	lines(base64: string): string[] {
		const out: string[] = [];
		const message = fields(Buffer.from(base64, 'base64'));
		for (const field of message) {
			if (!(field.value instanceof Uint8Array)) continue;
			if (field.number === 1) this.vertex(fields(field.value), out);
			else if (field.number === 2) this.status(fields(field.value), out);
			else if (field.number === 3) this.log(fields(field.value), out);
		}
		return out;
	}

	private numberOf(digest: string): number {
		let number = this.numbers.get(digest);
		if (number === undefined) {
			number = this.numbers.size + 1;
			this.numbers.set(digest, number);
		}
		return number;
	}

	private vertex(vertex: readonly Field[], out: string[]): void {
		const digest = text(first(vertex, 1));
		const name = text(first(vertex, 3));
		const cached = first(vertex, 4)?.value === 1n;
		const isStarted = first(vertex, 5) !== undefined;
		const isCompleted = first(vertex, 6) !== undefined;
		const error = text(first(vertex, 7));
		if (!digest || this.finished.has(digest)) return;
		const number = this.numberOf(digest);
		if ((isStarted || cached || isCompleted) && !this.started.has(digest)) {
			this.started.add(digest);
			out.push(`#${number} ${name}`);
		}
		if (error) {
			this.finished.add(digest);
			out.push(`#${number} ERROR: ${error}`);
		} else if (cached) {
			this.finished.add(digest);
			out.push(`#${number} CACHED`);
		} else if (isCompleted) {
			this.finished.add(digest);
			out.push(`#${number} DONE`);
		}
	}

	/** A step's named task ("naming to docker.io/library/app:1"), once, when it completes. */
	private status(status: readonly Field[], out: string[]): void {
		const id = text(first(status, 1));
		const digest = text(first(status, 2));
		if (!id || first(status, 8) === undefined || this.doneTasks.has(`${digest} ${id}`)) return;
		this.doneTasks.add(`${digest} ${id}`);
		out.push(`#${this.numberOf(digest)} ${id} done`);
	}

	private log(log: readonly Field[], out: string[]): void {
		const digest = text(first(log, 1));
		const number = this.numberOf(digest);
		for (const line of text(first(log, 4)).split('\n')) if (line.trim()) out.push(`#${number} ${line}`);
	}
}

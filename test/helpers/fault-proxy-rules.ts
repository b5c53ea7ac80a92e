// Which fault, if any, a connection gets: the deterministic rules first, then
// seeded random faults, and the counts of what was applied.
import {requestKinds, type RequestKind} from './fault-proxy-request.js';

export type Fault =
	/** Hang up before answering or forwarding anything. */
	| {readonly kind: 'refuse'}
	/** Pass the first afterBytes of the engine's answer (head included), then destroy both sides. */
	| {readonly kind: 'cut'; readonly afterBytes: number}
	/** Wait ms before forwarding the request; the rest is clean. */
	| {readonly kind: 'delay'; readonly ms: number}
	/** Send the answer one byte every intervalMs. */
	| {readonly kind: 'drip'; readonly intervalMs: number}
	/** Read the request and never answer or close. */
	| {readonly kind: 'hang'}
	/** Pass the first afterBytes of the answer, then `bytes` random bytes (64 by default), then destroy both sides. */
	| {readonly kind: 'garbage'; readonly afterBytes: number; readonly bytes?: number}
	/** Keep the HTTP framing, replace every body byte with a printable character that is not JSON. */
	| {readonly kind: 'corrupt'};

export type FaultKind = Fault['kind'];

export const faultKinds: readonly FaultKind[] = ['refuse', 'cut', 'delay', 'drip', 'hang', 'garbage', 'corrupt'];

export interface FaultRule {
	readonly paths: RequestKind | readonly RequestKind[] | 'all';
	readonly fault: Fault;
	/** Apply to the next N matching requests only; forever when absent. */
	readonly times?: number;
}

export interface RandomFaults {
	readonly seed: number;
	/** The chance, 0..1, that a matching request gets a fault. */
	readonly probability: number;
	/** The faults to choose from, evenly; all of them when absent. */
	readonly kinds?: readonly FaultKind[];
	readonly paths?: readonly RequestKind[] | 'all';
}

/** How many connections of each request kind got each fault, and how many went clean. */
export type FaultCounts = Readonly<Record<RequestKind, Readonly<Record<FaultKind | 'clean', number>>>>;

export interface Decision {
	readonly fault: Fault | undefined;
	/** Seeds the bytes garbage and corrupt write, so a replayed decision writes the same ones. */
	readonly byteSeed: number;
}

/** mulberry32: small, fast and good enough to pick faults; the same seed gives the same numbers. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const matches = (paths: FaultRule['paths'], kind: RequestKind): boolean =>
	paths === 'all' || paths === kind || (Array.isArray(paths) && paths.includes(kind));

/** Random faults get parameters from the same generator, so a replay repeats them too. */
function randomFault(kind: FaultKind, next: () => number): Fault {
	const upTo = (most: number) => Math.floor(next() * (most + 1));
	switch (kind) {
		case 'refuse':
		case 'hang':
		case 'corrupt':
			return {kind};
		case 'cut':
			return {kind, afterBytes: upTo(512)};
		case 'delay':
			return {kind, ms: 100 + upTo(900)};
		case 'drip':
			return {kind, intervalMs: 1 + upTo(9)};
		case 'garbage':
			return {kind, afterBytes: upTo(512), bytes: 1 + upTo(63)};
	}
}

export class FaultPlan {
	private rules: Array<{rule: FaultRule; left: number}> = [];
	private random: {options: RandomFaults; next: () => number} | undefined;
	private readonly byteRandom: () => number;
	private readonly tally = new Map<RequestKind, Record<FaultKind | 'clean', number>>();

	constructor(seed: number, private readonly log: (line: string) => void) {
		this.byteRandom = mulberry32(seed);
		for (const kind of requestKinds) {
			this.tally.set(kind, {clean: 0, refuse: 0, cut: 0, delay: 0, drip: 0, hang: 0, garbage: 0, corrupt: 0});
		}
	}

	setRules(rules: readonly FaultRule[]): void {
		this.rules = rules.map(rule => ({rule, left: rule.times ?? Number.POSITIVE_INFINITY}));
	}

	setRandom(options: RandomFaults | undefined): void {
		this.random = options && {options, next: mulberry32(options.seed)};
		if (options) this.log(`fault-proxy: random faults with seed ${options.seed}, probability ${options.probability}`);
	}

	clear(): void {
		this.rules = [];
		this.random = undefined;
	}

	/** Decides for one connection and counts the decision. */
	decide(kind: RequestKind): Decision {
		const decision = this.choose(kind);
		const counts = this.tally.get(kind);
		if (counts) counts[decision.fault?.kind ?? 'clean']++;
		return decision;
	}

	get counts(): FaultCounts {
		return Object.fromEntries([...this.tally].map(([kind, counts]) => [kind, {...counts}])) as Record<RequestKind, Record<FaultKind | 'clean', number>>;
	}

	private choose(kind: RequestKind): Decision {
		const rule = this.rules.find(entry => entry.left > 0 && matches(entry.rule.paths, kind));
		if (rule) {
			rule.left--;
			return {fault: rule.rule.fault, byteSeed: Math.floor(this.byteRandom() * 2 ** 32)};
		}
		if (!this.random || !matches(this.random.options.paths ?? 'all', kind)) return {fault: undefined, byteSeed: 0};
		const {options, next} = this.random;
		if (next() >= options.probability) return {fault: undefined, byteSeed: 0};
		const kinds = options.kinds ?? faultKinds;
		const chosen = kinds[Math.floor(next() * kinds.length)];
		if (!chosen) return {fault: undefined, byteSeed: 0};
		return {fault: randomFault(chosen, next), byteSeed: Math.floor(next() * 2 ** 32)};
	}
}

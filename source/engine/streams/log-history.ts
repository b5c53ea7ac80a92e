// Paging back through a log. The engine applies `tail` before `until` (a tail
// of the whole file, then filtered), so "the 1000 lines before T" cannot be
// asked for directly; instead berth reads time windows [since, until] going
// back from T, widening them until enough lines are found or the container's
// creation is reached, keeping only the newest lines it needs (bounded).
import type Docker from 'dockerode';
import {compareLines, type LogLine} from './log-lines.js';
import {readLogWindow} from './logs.js';

export interface HistoryRequest {
	readonly containerId: string;
	readonly isTty: boolean;
	/** The oldest loaded line's time: lines at or before it are wanted. */
	readonly beforeNs: bigint;
	/** Loaded lines of this container at exactly beforeNs (the engine returns them again). */
	readonly loadedAtBoundary: number;
	/** Nothing is older than this (the container's creation, or the chosen `since`). */
	readonly floorNs: bigint;
	/** First window width; widened four times on each empty-handed round. */
	readonly windowNs: bigint;
}

export interface HistoryPage {
	/** Oldest first. */
	readonly lines: readonly LogLine[];
	/** Containers whose log has nothing older than the page. */
	readonly exhausted: ReadonlySet<string>;
}

const second = 1_000_000_000n;

async function pageOf(docker: Docker, request: HistoryRequest, count: number, signal: AbortSignal): Promise<{lines: LogLine[]; isExhausted: boolean}> {
	const rounds: LogLine[][] = [];
	let have = 0;
	let hi = request.beforeNs;
	let skip = request.loadedAtBoundary;
	let width = request.windowNs > second ? request.windowNs : second;
	for (;;) {
		const lo = hi - width + 1n > request.floorNs ? hi - width + 1n : request.floorNs;
		const maxLines = count - have + skip;
		const window = await readLogWindow(docker, request.containerId, {sinceNs: lo, untilNs: hi}, {signal, isTty: request.isTty, maxLines});
		if (signal.aborted) return {lines: [], isExhausted: false};
		let lines = window.lines;
		let total = window.total;
		// The engine's until is inclusive: the lines already loaded at the boundary come back last.
		while (skip > 0 && lines.length > 0 && lines[lines.length - 1]!.ns === request.beforeNs) {
			lines = lines.slice(0, -1);
			skip--;
			total--;
		}
		skip = 0;
		rounds.unshift(lines);
		have += lines.length;
		const isAll = total <= lines.length;
		if (lo <= request.floorNs) return {lines: rounds.flat(), isExhausted: isAll};
		if (have >= count) return {lines: rounds.flat(), isExhausted: false};
		hi = lo - 1n;
		width *= 4n;
	}
}

/**
 * The `count` newest lines before the boundary across one or more containers,
 * interleaved by time. A container is exhausted only when all its older lines
 * made it into the page.
 */
export async function readHistory(docker: Docker, requests: readonly HistoryRequest[], count: number, signal: AbortSignal): Promise<HistoryPage> {
	const pages = await Promise.all(requests.map(async request => ({request, ...(await pageOf(docker, request, count, signal))})));
	const merged = pages.flatMap(page => page.lines).sort(compareLines);
	const kept = merged.length > count ? merged.slice(merged.length - count) : merged;
	const keptPerContainer = new Map<string, number>();
	for (const line of kept) keptPerContainer.set(line.containerId, (keptPerContainer.get(line.containerId) ?? 0) + 1);
	const exhausted = new Set<string>();
	for (const page of pages) {
		if (page.isExhausted && (keptPerContainer.get(page.request.containerId) ?? 0) === page.lines.length) exhausted.add(page.request.containerId);
	}
	return {lines: kept, exhausted};
}

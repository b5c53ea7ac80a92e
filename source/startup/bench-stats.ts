// For bench/log-flood.ts and bench/soak.ts only: with BERTH_BENCH_STATS=<file>,
// berth writes its log counters and what it holds open (timers, sockets) there a
// few times a second, so a benchmark can measure a running berth without
// scraping the screen.
import {writeFileSync} from 'node:fs';
import {logCounters} from '../engine/streams/logs.js';

export function startBenchStats(path: string | undefined): void {
	if (!path) return;
	const write = () => {
		try {
			const resources: Record<string, number> = {};
			for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
			writeFileSync(path, JSON.stringify({...logCounters, resources, time: Date.now()}));
		} catch {
			// A benchmark aid; never worth disturbing the app for.
		}
	};
	setInterval(write, 500).unref();
}

// For bench/log-flood.ts only: with BERTH_BENCH_STATS=<file>, berth writes its
// log counters there a few times a second, so the benchmark can measure how
// many lines a running berth ingests without scraping the screen.
import {writeFileSync} from 'node:fs';
import {logCounters} from './engine/logs.js';

export function startBenchStats(path: string | undefined): void {
	if (!path) return;
	const write = () => {
		try {
			writeFileSync(path, JSON.stringify({...logCounters, time: Date.now()}));
		} catch {
			// A benchmark aid; never worth disturbing the app for.
		}
	};
	setInterval(write, 500).unref();
}

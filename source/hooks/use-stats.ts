import type Docker from 'dockerode';
import {useEffect, useRef, useState} from 'react';
import {containerStats, type StatsSample} from '../engine/stats.js';

// The daemon samples every subscribed container in one loop about once a
// second, so samples arrive in a burst; waiting this long after the first one
// turns the burst into a single render.
const flushDelayMs = 150;

/**
 * One streaming stats subscription per running container, opened and closed as
 * containers start and stop (never polled). Returns the latest sample per id.
 */
export function useStats(docker: Docker, runningIds: readonly string[], isLive: boolean): ReadonlyMap<string, StatsSample> {
	const [samples, setSamples] = useState<ReadonlyMap<string, StatsSample>>(() => new Map());
	const subscriptions = useRef(new Map<string, AbortController>());
	const latest = useRef(new Map<string, StatsSample>());
	const flushTimer = useRef<NodeJS.Timeout | undefined>(undefined);
	const idsKey = isLive ? [...runningIds].sort().join(',') : '';

	useEffect(() => {
		const flush = () => {
			flushTimer.current = undefined;
			setSamples(new Map(latest.current));
		};
		const scheduleFlush = () => {
			flushTimer.current ??= setTimeout(flush, flushDelayMs);
		};
		const wanted = new Set(idsKey ? idsKey.split(',') : []);
		for (const [id, controller] of subscriptions.current) {
			if (wanted.has(id)) continue;
			controller.abort();
			subscriptions.current.delete(id);
			if (latest.current.delete(id)) scheduleFlush();
		}
		for (const id of wanted) {
			if (subscriptions.current.has(id)) continue;
			const controller = new AbortController();
			subscriptions.current.set(id, controller);
			void (async () => {
				try {
					for await (const sample of containerStats(docker, id, controller.signal)) {
						latest.current.set(id, sample);
						scheduleFlush();
					}
				} catch {
					// The container went away or the engine did; the list will tell.
				} finally {
					if (subscriptions.current.get(id) === controller) subscriptions.current.delete(id);
				}
			})();
		}
	}, [docker, idsKey]);

	useEffect(() => () => {
		for (const controller of subscriptions.current.values()) controller.abort();
		subscriptions.current.clear();
		if (flushTimer.current) clearTimeout(flushTimer.current);
	}, []);

	return samples;
}

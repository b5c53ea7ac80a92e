// The alert rules fed by the client's one event stream (event-hub.ts): what `berth alerts` and the
// app's alert hook both run. Events are handled one at a time, in order,
// because a die may wait for one inspect (did the kernel OOM-kill it?).
import type Docker from 'dockerode';
import {AlertDetector, alertEventFilters, defaultAlertRules, type AlertDraft, type AlertRules} from './alerts.js';
import {eventHubOf} from '../streams/event-hub.js';
import type {EngineEvent, EventFilters} from '../streams/events.js';
import {inspectHealth} from '../resources/health.js';
import {watchSwarmAlerts, type SwarmAlertOptions} from './swarm-alert-watch.js';

export interface AlertListener {
	readonly onAlert: (alert: AlertDraft) => void;
	readonly onConnected?: () => void;
	readonly onLost?: (message: string, retryInMs: number) => void;
}

export async function watchAlerts(docker: Docker, listener: AlertListener, signal: AbortSignal, rules: AlertRules = defaultAlertRules, swarm: SwarmAlertOptions = {}): Promise<void> {
	const detector = new AlertDetector(rules);
	// Swarm alerts come from polling a manager (tasks send no events every client sees); a no-op elsewhere but for a look now and then.
	const swarmWatch = watchSwarmAlerts(docker, alert => listener.onAlert(alert), signal, swarm).catch(() => undefined);
	let queue = Promise.resolve();

	const handle = async (event: EngineEvent) => {
		let oomKilled: boolean | undefined;
		if (detector.wantsOomCheck(event)) {
			try {
				// The usual read deadline: a busy engine answering late still gets an OOM kill called one.
				const health = await inspectHealth(docker, event.id, AbortSignal.any([signal, AbortSignal.timeout(10_000)]));
				oomKilled = health.oomKilled;
			} catch {
				// Removed already (--rm) or the engine is busy: judge by the exit code alone.
			}
		}
		if (signal.aborted) return;
		for (const alert of detector.observe(event, {oomKilled})) listener.onAlert(alert);
	};

	const unsubscribe = eventHubOf(docker).subscribe({
		filters: alertEventFilters as unknown as EventFilters,
		onConnected() {
			detector.connected();
			listener.onConnected?.();
		},
		onEvent(event) {
			queue = queue.then(() => handle(event));
		},
		onLost(error, retryInMs) {
			for (const alert of detector.lost(error.message, Date.now())) listener.onAlert(alert);
			listener.onLost?.(error.message, retryInMs);
		},
	});
	await new Promise<void>(resolve => {
		if (signal.aborted) resolve();
		else signal.addEventListener('abort', () => resolve(), {once: true});
	});
	unsubscribe();
	await queue;
	await swarmWatch;
}

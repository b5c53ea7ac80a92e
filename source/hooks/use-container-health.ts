import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import {coalesce} from '../engine/coalesce.js';
import {followEvents} from '../engine/events.js';
import {inspectHealth, type ContainerHealth} from '../engine/health.js';

export interface HealthState {
	readonly health: ContainerHealth | undefined;
	readonly error: string | undefined;
}

/**
 * One container's health check and its last results. Inspected when asked for
 * and again when that container's events say something changed (a check
 * finished, the status turned, it died or started), never on a timer.
 */
export function useContainerHealth(docker: Docker, id: string | undefined): HealthState {
	const [state, setState] = useState<HealthState>({health: undefined, error: undefined});

	useEffect(() => {
		setState({health: undefined, error: undefined});
		if (!id) return;
		const controller = new AbortController();
		const refresh = coalesce(async () => {
			try {
				const health = await inspectHealth(docker, id, controller.signal);
				if (!controller.signal.aborted) setState({health, error: undefined});
			} catch (error) {
				if (!controller.signal.aborted) setState(previous => ({...previous, error: (error as Error).message}));
			}
		}, 50, 500);
		void followEvents(docker, {type: ['container'], container: [id], event: ['exec_die', 'health_status', 'die', 'start', 'destroy']}, {
			onConnected: () => refresh.runNow(),
			onEvent: () => refresh.trigger(),
			onLost: () => undefined,
		}, controller.signal);
		return () => {
			controller.abort();
			refresh.cancel();
		};
	}, [docker, id]);

	return state;
}

import type Docker from 'dockerode';
import {useEffect, useState} from 'react';
import {refreshOnEvents} from '../../engine/streams/event-refresh.js';
import {inspectHealth, type ContainerHealth} from '../../engine/resources/health.js';

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
		if (!id) return undefined;
		return refreshOnEvents(docker, {type: ['container'], container: [id], event: ['exec_die', 'health_status', 'die', 'start', 'destroy']}, async signal => {
			try {
				const health = await inspectHealth(docker, id, signal);
				if (!signal.aborted) setState({health, error: undefined});
			} catch (error) {
				if (!signal.aborted) setState(previous => ({...previous, error: (error as Error).message}));
				throw error;
			}
		}, {delayMs: 50, minIntervalMs: 500}).stop;
	}, [docker, id]);

	return state;
}

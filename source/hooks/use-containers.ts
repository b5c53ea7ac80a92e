import type Docker from 'dockerode';
import {useEffect, useRef, useState} from 'react';
import {refreshOnEvents} from '../engine/streams/event-refresh.js';
import {listChangingEvents, listContainers, type ContainerSummary} from '../engine/resources/containers.js';
import {isListBehind} from '../engine/resources/container-list-lag.js';

export type Connection =
	| {readonly status: 'connecting'}
	| {readonly status: 'live'}
	| {readonly status: 'lost'; readonly message: string; readonly retryInMs: number; readonly since: number};

export interface ContainersState {
	readonly containers: readonly ContainerSummary[];
	readonly isLoaded: boolean;
	readonly connection: Connection;
	/** A failed list that did not mean the engine went away. */
	readonly listError?: string;
	/** When the list shown was last read, while reading it again keeps failing (it is being retried). */
	readonly staleSince?: number;
}


/** The container list, kept current by the engine's events and re-listed at most a few times a second. */
export function useContainers(docker: Docker, initialContainers?: readonly ContainerSummary[]): ContainersState {
	// A list fetched before the first frame (cli.tsx) lets that frame show it; the
	// list made once the events stream is open follows and changes nothing if it is the same.
	const [state, setState] = useState<ContainersState>(() => ({containers: initialContainers ?? [], isLoaded: initialContainers !== undefined, connection: {status: 'connecting'}}));
	const hasFirstList = useRef(initialContainers !== undefined);

	useEffect(() => {
		let lastRead = Date.now();
		const refresh = refreshOnEvents(docker, listChangingEvents, async (signal, events) => {
			try {
				const containers = await listContainers(docker, signal);
				if (signal.aborted) return undefined;
				setState(previous => {
					// A re-list often finds nothing new (a reconnect): keep the same array so nothing re-renders.
					const same = previous.isLoaded && previous.listError === undefined && previous.staleSince === undefined && JSON.stringify(previous.containers) === JSON.stringify(containers);
					lastRead = Date.now();
					return same ? previous : {...previous, containers, isLoaded: true, listError: undefined, staleSince: undefined};
				});
				// Shown all the same (most of it is news); read again shortly for the rest.
				return isListBehind(containers, events) ? 'behind' : undefined;
			} catch (error) {
				if (!signal.aborted) setState(previous => ({...previous, listError: (error as Error).message, staleSince: previous.staleSince ?? lastRead}));
				throw error;
			}
		}, {
			delayMs: 50,
			minIntervalMs: 250,
			// Without a first list, list at once rather than after the events handshake
			// (ping, then /events): the first frame with the list comes two round trips
			// sooner. The list made once the stream is open still follows, so nothing between is missed.
			isRunAtOnce: !hasFirstList.current,
			onConnected: () => setState(previous => ({...previous, connection: {status: 'live'}})),
			onLost(error, retryInMs) {
				setState(previous => ({
					...previous,
					connection: {
						status: 'lost',
						message: error.message,
						retryInMs,
						since: previous.connection.status === 'lost' ? previous.connection.since : Date.now(),
					},
				}));
			},
		});

		// No timed re-list: the status words are written from each container's times
		// as they change (use-status-words.ts); everything else in the list changes by an event.
		return () => refresh.stop();
	}, [docker]);

	return state;
}

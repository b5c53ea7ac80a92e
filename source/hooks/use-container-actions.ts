import type Docker from 'dockerode';
import {useCallback} from 'react';
import {runContainerAction, type ContainerAction, type ContainerSummary, type RemoveOptions} from '../engine/containers.js';
import type {StatusMessage} from '../components/status-line.js';

const words: Readonly<Record<ContainerAction, readonly [doing: string, done: string]>> = {
	start: ['Starting', 'Started'],
	stop: ['Stopping', 'Stopped'],
	restart: ['Restarting', 'Restarted'],
	pause: ['Pausing', 'Paused'],
	unpause: ['Unpausing', 'Unpaused'],
	kill: ['Killing', 'Killed'],
	remove: ['Removing', 'Removed'],
};

/**
 * Runs an action and reports it in the status line. The list is not patched
 * here: the engine's own event brings the change back through the re-list.
 */
export function useContainerActions(docker: Docker, notify: (message: StatusMessage) => void) {
	return useCallback((container: ContainerSummary, action: ContainerAction, removeOptions?: RemoveOptions) => {
		const [doing, done] = words[action];
		notify({text: `${doing} ${container.name}…`, tone: 'progress'});
		runContainerAction(docker, container.id, action, removeOptions).then(
			() => notify({text: `${done} ${container.name}.`, tone: 'info'}),
			(error: Error) => notify({text: `Could not ${action} ${container.name}: ${error.message}`, tone: 'error'}),
		);
	}, [docker, notify]);
}

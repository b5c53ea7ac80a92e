import type Docker from 'dockerode';
import {useCallback} from 'react';
import {runContainerAction, type ContainerAction, type ContainerSummary, type RemoveOptions} from '../../engine/resources/containers.js';
import type {StatusMessage} from '../../components/status-line.js';
import {moreText, summarize} from '../../text/summarize.js';

const words: Readonly<Record<ContainerAction, readonly [doing: string, done: string]>> = {
	start: ['Starting', 'Started'],
	stop: ['Stopping', 'Stopped'],
	restart: ['Restarting', 'Restarted'],
	pause: ['Pausing', 'Paused'],
	unpause: ['Unpausing', 'Unpaused'],
	kill: ['Killing', 'Killed'],
	remove: ['Removing', 'Removed'],
};

const listed = (containers: readonly ContainerSummary[]) => summarize(containers.map(c => c.name), 3);

/**
 * Runs an action on one container or several at once and reports it in the
 * status line: one line for all, naming what failed and why. The list is not
 * patched here: the engine's own events bring the change back through the re-list.
 */
export function useContainerActions(docker: Docker, notify: (message: StatusMessage) => void) {
	return useCallback((containers: readonly ContainerSummary[], action: ContainerAction, removeOptions?: RemoveOptions) => {
		const [doing, done] = words[action];
		const [only] = containers;
		if (containers.length === 1 && only) {
			notify({text: `${doing} ${only.name}…`, tone: 'progress'});
			runContainerAction(docker, only.id, action, removeOptions).then(
				outcome => notify({text: outcome === 'already' ? `${only.name} was already ${action === 'start' ? 'running' : 'stopped'}.` : outcome === 'read-back' ? `${done} ${only.name} (its answer was lost; the engine shows it done).` : `${done} ${only.name}.`, tone: 'info'}),
				(error: Error) => notify({text: `Could not ${action} ${only.name}: ${error.message}`, tone: 'error'}),
			);
			return;
		}
		notify({text: `${doing} ${containers.length} containers…`, tone: 'progress'});
		void Promise.allSettled(containers.map(async c => runContainerAction(docker, c.id, action, removeOptions))).then(results => {
			const failed = containers.flatMap((c, index) => {
				const result = results[index];
				return result?.status === 'rejected' ? [{name: c.name, reason: (result.reason as Error).message}] : [];
			});
			if (failed.length === 0) {
				notify({text: `${done} ${containers.length} containers: ${listed(containers)}.`, tone: 'info'});
				return;
			}
			const [first] = failed;
			const more = failed.length > 1 ? ` (${moreText(failed.length - 1)})` : '';
			notify({text: `${done} ${containers.length - failed.length} of ${containers.length}; could not ${action} ${first?.name}: ${first?.reason}${more}`, tone: 'error'});
		});
	}, [docker, notify]);
}

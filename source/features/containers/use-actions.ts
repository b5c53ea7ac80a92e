import type Docker from 'dockerode';
import {useCallback} from 'react';
import {runContainerAction, type ContainerAction, type ContainerSummary, type RemoveOptions} from '../../engine/resources/containers.js';
import {containerSettings, type ContainerSettings} from '../../engine/resources/container-settings.js';
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

type StopTimeout = Pick<ContainerSettings, 'stopSeconds' | 'hasOwnStopTimeout'>;

/**
 * Each container's own stop timeout (StopTimeout, else the engine's 10 s). One that
 * could not be read is left out: its stop then names no timeout, and the engine uses its own.
 */
async function stopTimeouts(docker: Docker, containers: readonly ContainerSummary[]): Promise<ReadonlyMap<string, StopTimeout>> {
	const read = await Promise.allSettled(containers.map(async c => containerSettings(docker, c.id)));
	return new Map(containers.flatMap((c, index) => {
		const result = read[index];
		return result?.status === 'fulfilled' ? [[c.id, result.value] as const] : [];
	}));
}

/** "(it may take up to 30 s: its own stop timeout)": how long a stop can take before the engine kills it. */
function stopWait(longest: StopTimeout | undefined): string {
	if (!longest) return '(as long as its stop timeout, before the engine kills it)';
	if (longest.stopSeconds === 0) return '(no grace: its stop timeout is 0)';
	return `(it may take up to ${longest.stopSeconds} s: ${longest.hasOwnStopTimeout ? 'its own stop timeout' : `the engine's stop timeout`})`;
}

/**
 * Runs an action on one container or several at once and reports it in the
 * status line: one line for all, naming what failed and why. The list is not
 * patched here: the engine's own events bring the change back through the re-list.
 */
export function useContainerActions(docker: Docker, notify: (message: StatusMessage) => void) {
	const run = useCallback((containers: readonly ContainerSummary[], action: ContainerAction, removeOptions?: RemoveOptions, timeouts?: ReadonlyMap<string, StopTimeout>) => {
		const [doing, done] = words[action];
		const [only] = containers;
		const longest = [...(timeouts?.values() ?? [])].reduce<StopTimeout | undefined>((most, next) => (most && most.stopSeconds >= next.stopSeconds ? most : next), undefined);
		const wait = timeouts ? ` ${stopWait(longest)}` : '';
		if (containers.length === 1 && only) {
			notify({text: `${doing} ${only.name}…${wait}`, tone: 'progress'});
			runContainerAction(docker, only.id, action, removeOptions, timeouts?.get(only.id)?.stopSeconds).then(
				outcome => notify({text: outcome === 'already' ? `${only.name} was already ${action === 'start' ? 'running' : 'stopped'}.` : outcome === 'read-back' ? `${done} ${only.name} (its answer was lost; the engine shows it done).` : `${done} ${only.name}.`, tone: 'info'}),
				(error: Error) => notify({text: `Could not ${action} ${only.name}: ${error.message}`, tone: 'error'}),
			);
			return;
		}
		notify({text: `${doing} ${containers.length} containers…${wait}`, tone: 'progress'});
		void Promise.allSettled(containers.map(async c => runContainerAction(docker, c.id, action, removeOptions, timeouts?.get(c.id)?.stopSeconds))).then(results => {
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
	// A stop or restart first reads each container's own timeout: the call waits that long, and the status line says so.
	return useCallback((containers: readonly ContainerSummary[], action: ContainerAction, removeOptions?: RemoveOptions) => {
		if (action !== 'stop' && action !== 'restart') return run(containers, action, removeOptions);
		notify({text: `${words[action][0]} ${containers.length === 1 ? containers[0]?.name ?? '' : `${containers.length} containers`}…`, tone: 'progress'});
		void stopTimeouts(docker, containers).then(timeouts => run(containers, action, removeOptions, timeouts));
	}, [docker, notify, run]);
}

// A project's or a service's containers driven through the Engine API, so it
// works on any engine berth reaches: one key, one action for all of them, one
// sentence about how it went. Each call reads back (runContainerAction).
import type Docker from 'dockerode';
import {availableActions, runContainerAction, type ContainerAction, type ContainerSummary} from './containers.js';
import {toEngineError} from '../transport/errors.js';
import {moreText, summarize} from '../../text/summarize.js';

export type GroupCommand = 'startStop' | 'restart' | 'pause' | 'remove';

export interface GroupPlan {
	readonly action: ContainerAction;
	readonly containers: readonly ContainerSummary[];
}

const offers = (action: ContainerAction) => (container: ContainerSummary) => availableActions(container.state).includes(action);

/**
 * s stops every running container, or starts them all when none runs; p pauses
 * the running ones, or unpauses when none runs and some are paused; r restarts
 * all that can be; d removes all. `what` names the group in a refusal.
 */
export function planGroup(command: GroupCommand, containers: readonly ContainerSummary[], what: string): GroupPlan | {readonly refusal: string} {
	if (containers.length === 0) return {refusal: `${what} has no containers.`};
	const action: ContainerAction = (() => {
		switch (command) {
			case 'startStop': return containers.some(offers('stop')) ? 'stop' : 'start';
			case 'pause': return !containers.some(c => c.state === 'running') && containers.some(c => c.state === 'paused') ? 'unpause' : 'pause';
			case 'restart': return 'restart';
			case 'remove': return 'remove';
		}
	})();
	const chosen = action === 'remove' ? containers : containers.filter(offers(action));
	if (chosen.length > 0) return {action, containers: chosen};
	return {refusal: action === 'pause' ? `Nothing in ${what} is running or paused.` : `Nothing in ${what} can ${action} now.`};
}

const pastTense: Readonly<Record<ContainerAction, string>> = {
	start: 'Started', stop: 'Stopped', restart: 'Restarted', pause: 'Paused', unpause: 'Unpaused', kill: 'Killed', remove: 'Removed',
};

export const progressWords: Readonly<Record<ContainerAction, string>> = {
	start: 'Starting', stop: 'Stopping', restart: 'Restarting', pause: 'Pausing', unpause: 'Unpausing', kill: 'Killing', remove: 'Removing',
};

export interface GroupRemoveOptions {
	/** Anonymous volumes go with the containers (docker rm -v). */
	readonly volumes: boolean;
}

/**
 * Runs the plan on every container at once. A container that left meanwhile
 * is not a failure for stop or remove (what was asked is true); the sentence
 * names the first failure and how many more. Remove stops the running ones
 * first, gracefully, as `compose rm -s` does, rather than killing them.
 */
export async function runGroup(docker: Docker, plan: GroupPlan, what: string, removeOptions: GroupRemoveOptions = {volumes: false}): Promise<string> {
	const one = async (container: ContainerSummary): Promise<'done' | 'gone'> => {
		try {
			if (plan.action === 'remove' && (container.state === 'running' || container.state === 'restarting')) await runContainerAction(docker, container.id, 'stop');
			await runContainerAction(docker, container.id, plan.action, {force: plan.action === 'remove', volumes: removeOptions.volumes});
			return 'done';
		} catch (error) {
			const engineError = toEngineError(error);
			if (engineError.kind === 'not-found') {
				if (plan.action === 'remove' || plan.action === 'stop') return 'gone';
				throw new Error(`${container.name} left meanwhile`);
			}
			throw engineError;
		}
	};
	const results = await Promise.allSettled(plan.containers.map(one));
	const failed = plan.containers.flatMap((container, index) => {
		const result = results[index];
		return result?.status === 'rejected' ? [{name: container.name, reason: (result.reason as Error).message}] : [];
	});
	const total = plan.containers.length;
	const noun = total === 1 ? 'container' : 'containers';
	if (failed.length === 0) return `${pastTense[plan.action]} ${what}: ${total} ${noun} (${summarize(plan.containers.map(c => c.name), 3)}).`;
	const [first] = failed;
	const more = failed.length > 1 ? ` (${moreText(failed.length - 1)})` : '';
	throw new Error(`${pastTense[plan.action]} ${total - failed.length} of ${total} in ${what}; could not ${plan.action} ${first?.name}: ${first?.reason}${more}`);
}

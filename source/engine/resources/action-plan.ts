import {availableActions, type ContainerAction, type ContainerSummary} from './containers.js';

/** The container keys that act on containers: s, r, p, K, d. */
export const actionCommands = ['startStop', 'restart', 'pause', 'kill', 'remove'] as const;
export type ActionCommand = typeof actionCommands[number];

export interface ActionPlan {
	readonly action: ContainerAction;
	/** The containers the action applies to (those of the targets it is offered for). */
	readonly containers: readonly ContainerSummary[];
}

/**
 * What a key does to one container, or to several marked ones. For one, its
 * state decides (s stops a running container and starts a stopped one). For
 * several, one action for all: s stops those running if any runs, else starts
 * them; p pauses those running if any runs, else unpauses; the rest apply to
 * whichever marked containers offer them. A plan names why when nothing can.
 */
export function planAction(command: ActionCommand, targets: readonly ContainerSummary[]): ActionPlan | {readonly refusal: string} {
	if (targets.length === 0) return {refusal: 'No container selected.'};
	const offers = (action: ContainerAction) => (container: ContainerSummary) => availableActions(container.state).includes(action);
	const isRunning = (container: ContainerSummary) => container.state === 'running' || container.state === 'restarting';
	const action: ContainerAction = (() => {
		switch (command) {
			case 'startStop': return targets.some(offers('stop')) ? 'stop' : 'start';
			case 'pause': return !targets.some(c => c.state === 'running') && targets.some(c => c.state === 'paused') ? 'unpause' : 'pause';
			case 'restart': return 'restart';
			case 'kill': return 'kill';
			case 'remove': return 'remove';
		}
	})();
	const containers = targets.filter(offers(action));
	if (containers.length > 0) return {action, containers};
	if (targets.length === 1) return {refusal: `Cannot ${action} ${targets[0]!.name}: it is ${targets[0]!.state}.`};
	const why = action === 'kill' || action === 'stop' || action === 'pause' ? (targets.some(isRunning) ? '' : ': none is running') : '';
	return {refusal: `Cannot ${action} any of the ${targets.length} marked containers${why}.`};
}

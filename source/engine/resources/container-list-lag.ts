// The engine sends a container's die (and pause, destroy…) as it happens, but its
// list is a copy the daemon updates a moment later: a re-list made at once for
// the event may still show the container as it was, and no further event comes
// to correct it. These checks say when a list is behind the events it was read for.
import type {EngineEvent} from '../streams/events.js';
import type {ContainerState, ContainerSummary} from './containers.js';

const lifecycle = new Set(['start', 'die', 'pause', 'unpause', 'destroy']);

/** Whether a state is what the last lifecycle event says it must be by now. */
function agrees(action: string, state: ContainerState | undefined): boolean {
	switch (action) {
		// Restarting or dead are fine too: a restart policy may already be at work.
		case 'die': return state !== 'running' && state !== 'paused';
		case 'destroy': return state === undefined;
		case 'pause': return state === 'paused' || state === undefined;
		case 'unpause': return state !== 'paused';
		// A container that exits at once after its start is not behind: its die follows.
		case 'start': return state !== 'created';
		default: return true;
	}
}

/** True when some container's row contradicts the last event about it. */
export function isListBehind(containers: readonly ContainerSummary[], events: readonly EngineEvent[]): boolean {
	const last = new Map<string, string>();
	for (const event of events) if (event.type === 'container' && lifecycle.has(event.action)) last.set(event.id, event.action);
	if (last.size === 0) return false;
	const stateOf = new Map(containers.map(container => [container.id, container.state]));
	for (const [id, action] of last) if (!agrees(action, stateOf.get(id))) return true;
	return false;
}

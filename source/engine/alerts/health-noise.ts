// Every health-check interval the engine runs the check with exec and says so
// three times: exec_create, exec_start (both naming the command) and exec_die
// (naming only the exec id). That is most of what /events says on a host with
// health checks, so berth folds those away unless asked, and keeps every exec a
// person ran themselves.
import type {EngineEvent} from '../streams/events.js';

/** The command line the engine's exec events show for a health check test, or undefined for no check. */
export function healthCheckCommand(test: readonly string[] | undefined, shell: readonly string[] | undefined): string | undefined {
	if (!test || test.length === 0) return undefined;
	const [kind, ...rest] = test;
	switch (kind) {
		case 'NONE': return undefined;
		case 'CMD': return rest.length > 0 ? rest.join(' ') : undefined;
		// The engine runs CMD-SHELL through the container's SHELL, /bin/sh -c by default.
		case 'CMD-SHELL': return rest.length > 0 ? [...(shell && shell.length > 0 ? shell : ['/bin/sh', '-c']), rest.join(' ')].join(' ') : undefined;
		default: return undefined;
	}
}

const execActions = ['exec_create', 'exec_start', 'exec_die'] as const;

export function isExecEvent(event: EngineEvent): boolean {
	return event.type === 'container' && execActions.some(action => event.action === action || event.action.startsWith(`${action}:`));
}

/** The command an exec_create/exec_start event names ("exec_start: /bin/sh -c false" -> "/bin/sh -c false"). */
export function execCommand(event: EngineEvent): string | undefined {
	const colon = event.action.indexOf(':');
	return colon === -1 ? undefined : event.action.slice(colon + 1).trim();
}

/**
 * Decides, event by event in the order they came, which exec events are a
 * container's own health check. `commands` maps container id -> the check's
 * command line (see healthCheckCommand). The exec ids it has folded are
 * remembered (bounded) so the matching exec_die folds too.
 */
export class HealthNoiseFolder {
	private readonly execIds = new Set<string>();

	constructor(private readonly capacity = 1000) {}

	isNoise(event: EngineEvent, commands: ReadonlyMap<string, string>): boolean {
		if (!isExecEvent(event)) return false;
		const execId = event.attributes['execID'] ?? '';
		if (event.action === 'exec_die' || event.action.startsWith('exec_die:')) {
			if (!this.execIds.has(execId)) return false;
			this.execIds.delete(execId);
			return true;
		}
		const command = commands.get(event.id);
		if (command === undefined || execCommand(event) !== command) return false;
		if (execId) {
			this.execIds.add(execId);
			// A check whose exec_die never came (engine restart) must not pin memory.
			if (this.execIds.size > this.capacity) this.execIds.delete(this.execIds.values().next().value as string);
		}
		return true;
	}
}

/** The events without health-check noise, and how many were folded. */
export function foldHealthNoise(events: readonly EngineEvent[], commands: ReadonlyMap<string, string>): {readonly shown: EngineEvent[]; readonly folded: number} {
	const folder = new HealthNoiseFolder();
	const shown: EngineEvent[] = [];
	let folded = 0;
	for (const event of events) {
		if (folder.isNoise(event, commands)) folded++;
		else shown.push(event);
	}
	return {shown, folded};
}

// Which command is each container's health check? Asked of the engine once per
// container, the first time one of its execs shows up, so folding health-check
// noise costs one inspect per container rather than one per check.
import type Docker from 'dockerode';
import {inspectHealth} from '../resources/health.js';

export class HealthCommands {
	private readonly known = new Map<string, string | undefined>();
	private readonly asking = new Map<string, Promise<void>>();

	constructor(private readonly docker: Docker, private readonly capacity = 2000) {}

	/** What is known now: container id -> health-check command line. */
	snapshot(): ReadonlyMap<string, string> {
		const out = new Map<string, string>();
		for (const [id, command] of this.known) if (command !== undefined) out.set(id, command);
		return out;
	}

	has(id: string): boolean {
		return this.known.has(id);
	}

	/** Learns a container's check (once; concurrent callers share the request). A container that is gone has none. */
	learn(id: string, signal: AbortSignal): Promise<void> {
		if (this.known.has(id)) return Promise.resolve();
		let pending = this.asking.get(id);
		if (!pending) {
			pending = inspectHealth(this.docker, id, AbortSignal.any([signal, AbortSignal.timeout(3000)]))
				.then(health => this.remember(id, health.config?.command), () => this.remember(id, undefined))
				.finally(() => this.asking.delete(id));
			this.asking.set(id, pending);
		}
		return pending;
	}

	private remember(id: string, command: string | undefined): void {
		this.known.set(id, command);
		if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value as string);
	}
}

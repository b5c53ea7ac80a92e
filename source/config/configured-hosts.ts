// The named engines of the configuration file (`hosts:`), kept for the views
// that list them (`:ctx`). Set once before the first frame (cli.tsx).
import type {HostConfig} from './config-schema.js';

let hosts: readonly HostConfig[] = [];

export function setConfiguredHosts(configured: readonly HostConfig[]): void {
	hosts = configured;
}

/** name, host or context, and readOnly of each configured engine, in the file's order. */
export function configuredHosts(): readonly HostConfig[] {
	return hosts;
}

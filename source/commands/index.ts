import {alertsCommand} from './alerts.js';
import {eventsCommand} from './events.js';
import {statsCommand} from './stats.js';
import type {Subcommand} from './subcommand.js';

// Add a subcommand by importing it and listing it here.
export const subcommands: readonly Subcommand[] = [statsCommand, eventsCommand, alertsCommand];

export function findSubcommand(name: string | undefined): Subcommand | undefined {
	return subcommands.find(command => command.name === name);
}

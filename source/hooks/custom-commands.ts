// Custom commands from the configuration file (as lazydocker's): per view, a
// key, a label and a command template. They join the view's keys as bindings,
// so help, conflicts and read-only treat them like berth's own actions.
// Set once before the first frame (cli.tsx).
import type {KeyBinding} from '../keys/keymap.js';
import type {CustomCommand} from '../config/config-schema.js';

let commands: readonly CustomCommand[] = [];
let engineHost = '';
let bindings = new Map<string, readonly KeyBinding[]>();

/** The id part after the view: `containers.custom.backup-db`. */
export function customCommandId(command: CustomCommand): string {
	return `custom.${command.label.toLowerCase().replace(/[^a-z\d]+/g, '-').replace(/^-|-$/g, '') || 'command'}`;
}

/** The commands, and the engine address {{.Host}} stands for. */
export function setCustomCommands(configured: readonly CustomCommand[], host = ''): void {
	commands = configured;
	engineHost = host;
	bindings = new Map();
	for (const command of configured) {
		const binding: KeyBinding = {
			command: customCommandId(command),
			keys: [command.key],
			description: `${command.label}: ${command.command.join(' ')}`,
			group: 'Custom commands',
			...(command.safe ? {} : {mutates: true}),
		};
		bindings.set(command.view, [...(bindings.get(command.view) ?? []), binding]);
	}
}

/** After a switch (`:ctx`): {{.Host}} is the new engine's address. */
export function setCustomCommandHost(host: string): void {
	engineHost = host;
}

export function customCommandHost(): string {
	return engineHost;
}

export function customBindings(view: string): readonly KeyBinding[] {
	return bindings.get(view) ?? [];
}

export function customCommandFor(view: string, id: string): CustomCommand | undefined {
	return commands.find(command => command.view === view && customCommandId(command) === id);
}

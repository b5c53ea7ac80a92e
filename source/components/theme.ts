import type {ContainerState, Health} from '../engine/resources/containers.js';

// https://no-color.org: any non-empty NO_COLOR turns colour off; glyphs stay,
// so state is still readable without colour.
// Read on first use, not as the module loads: berth's start-up snapshot loads
// its modules once, at install, in another environment.
let colorEnabled: boolean | undefined;
export function isColorEnabled(): boolean {
	colorEnabled ??= !process.env['NO_COLOR'];
	return colorEnabled;
}

export function color(name: string): string | undefined {
	return isColorEnabled() ? name : undefined;
}

export const stateGlyph: Readonly<Record<ContainerState, string>> = {
	running: '●',
	paused: '‖',
	restarting: '↻',
	created: '◌',
	exited: '○',
	dead: '✗',
	removing: '…',
};

export const stateColor: Readonly<Record<ContainerState, string>> = {
	running: 'green',
	paused: 'yellow',
	restarting: 'yellow',
	created: 'cyan',
	exited: 'gray',
	dead: 'red',
	removing: 'gray',
};

export const healthColor: Readonly<Record<Health, string>> = {
	healthy: 'green',
	starting: 'yellow',
	unhealthy: 'red',
	none: 'gray',
};

export const accent = 'cyan';

/** Event types in the events pane; unknown types are plain. */
export const eventTypeColor: Readonly<Record<string, string>> = {
	container: 'cyan',
	image: 'magenta',
	volume: 'yellow',
	network: 'blue',
	daemon: 'red',
	plugin: 'green',
	service: 'green',
	node: 'green',
	secret: 'yellow',
	config: 'yellow',
};

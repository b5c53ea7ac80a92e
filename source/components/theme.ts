import chalk from 'chalk';
import type {ContainerState, Health} from '../engine/resources/containers.js';

// Colours go through roles and a theme: views ask for a role ('header',
// 'running') or a plain colour name, and the theme (dark, light, high-contrast,
// none; `colors:` in the configuration file) decides what the terminal gets.
// https://no-color.org: any non-empty NO_COLOR turns colour off whatever the
// theme; glyphs stay, so state is still readable without colour.
// Set at run time (applyTheme) or read on first use, never as the module loads:
// berth's start-up snapshot loads its modules once, at install, elsewhere.

export const themeNames = ['dark', 'light', 'high-contrast', 'none'] as const;
export type ThemeName = typeof themeNames[number];

/** What `colors:` may set: the frame's parts, state glyphs, health words, chart series. */
export const colorRoles = [
	'header', 'tabs', 'accent', 'selected', 'alert',
	'running', 'paused', 'restarting', 'created', 'exited', 'dead', 'removing',
	'healthy', 'starting', 'unhealthy',
	'chart1', 'chart2',
] as const;
export type ColorRole = typeof colorRoles[number];

const darkRoles: Readonly<Record<ColorRole, string | undefined>> = {
	header: 'cyan', tabs: 'cyan', accent: 'cyan', selected: undefined, alert: 'red',
	running: 'green', paused: 'yellow', restarting: 'yellow', created: 'cyan', exited: 'gray', dead: 'red', removing: 'gray',
	healthy: 'green', starting: 'yellow', unhealthy: 'red',
	chart1: 'cyan', chart2: 'magenta',
};

// Light terminals wash out yellow, cyan and gray; high contrast takes the bright ones.
const themeColors: Readonly<Record<Exclude<ThemeName, 'none'>, Readonly<Record<string, string>>>> = {
	dark: {},
	light: {yellow: '#8a6100', cyan: 'blue', gray: '#5f5f5f', green: '#1a7f37', magenta: '#8250df', white: 'black'},
	'high-contrast': {green: 'greenBright', yellow: 'yellowBright', cyan: 'cyanBright', red: 'redBright', gray: 'white', blue: 'blueBright', magenta: 'magentaBright'},
};

const namedColors = new Set([
	'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey',
	'blackBright', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
]);

/** Whether a value is a colour the terminal can be given: a name Ink knows, or #rgb / #rrggbb. */
export function isColorValue(value: string): boolean {
	return namedColors.has(value) || /^#(?:[\da-f]{3}|[\da-f]{6})$/i.test(value);
}

interface ActiveTheme {
	readonly name: ThemeName;
	readonly overrides: Readonly<Partial<Record<ColorRole, string>>>;
}

let active: ActiveTheme = {name: 'dark', overrides: {}};
let colorEnabled: boolean | undefined;

/** Sets the theme for this run; NO_COLOR still turns colour off. */
export function applyTheme(name: ThemeName, overrides: Readonly<Partial<Record<ColorRole, string>>> = {}, env: NodeJS.ProcessEnv = process.env): void {
	active = {name, overrides};
	colorEnabled = name !== 'none' && !env['NO_COLOR'];
}

export function isColorEnabled(): boolean {
	colorEnabled ??= !process.env['NO_COLOR'];
	return colorEnabled;
}

/** A role's or a colour name's colour in the theme in use; undefined without colour. */
export function color(name: string): string | undefined {
	if (!isColorEnabled()) return undefined;
	const override = active.overrides[name as ColorRole];
	if (override) return override;
	const base = name in darkRoles ? darkRoles[name as ColorRole] : name;
	if (base === undefined) return undefined;
	return active.name === 'none' ? undefined : themeColors[active.name][base] ?? base;
}

/** The escape that starts a colour, for text drawn outside Ink (asciichart); '' without colour. */
export function colorOpen(name: string): string {
	const value = color(name);
	if (!value) return '';
	const paint = value.startsWith('#') ? chalk.hex(value) : (chalk as unknown as Record<string, (text: string) => string>)[value];
	const sample = paint?.('x') ?? 'x';
	return sample.slice(0, sample.indexOf('x'));
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

/** Roles, which color() turns into the theme's colour. */
export const stateColor: Readonly<Record<ContainerState, ColorRole>> = {
	running: 'running',
	paused: 'paused',
	restarting: 'restarting',
	created: 'created',
	exited: 'exited',
	dead: 'dead',
	removing: 'removing',
};

export const healthColor: Readonly<Record<Health, string>> = {
	healthy: 'healthy',
	starting: 'starting',
	unhealthy: 'unhealthy',
	none: 'gray',
};

/** Titles and the focus: a role, so themes and `colors: {accent: …}` reach every title. */
export const accent = 'accent';

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

/** The selected row: inverse video, or the `selected` role's colour as its background when one is set. */
export function selectedStyle(isSelected: boolean): {readonly inverse?: boolean; readonly backgroundColor?: string} {
	if (!isSelected) return {};
	const background = color('selected');
	return background ? {backgroundColor: background} : {inverse: true};
}

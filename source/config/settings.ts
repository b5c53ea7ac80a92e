// The settings of one run and where each came from: a flag wins over the
// environment, which wins over the file, which wins over berth's default.
// `berth config` prints this; cli.tsx applies it.
import type {ThemeName} from '../components/theme.js';
import {defaultAlertRules} from '../engine/alerts/alerts.js';
import {defaultLogCapacity} from '../engine/streams/log-buffer.js';
import type {FileConfig, HostConfig} from './config-schema.js';

export type SettingSource = 'default' | 'file' | 'flag' | 'environment';

export interface Settings {
	readonly tail: number | 'all';
	readonly logBuffer: number;
	readonly bell: boolean;
	readonly restarts: number;
	readonly restartWindow: number;
	readonly chartWindow: number;
	readonly readOnly: boolean;
	readonly theme: ThemeName;
}

export type SettingName = keyof Settings;

export interface SettingOrigin {
	readonly source: SettingSource;
	/** Which flag, variable, line or host. */
	readonly detail?: string;
}

export const defaultSettings: Settings = {
	tail: 1000,
	logBuffer: defaultLogCapacity,
	bell: true,
	restarts: defaultAlertRules.restartCount,
	restartWindow: defaultAlertRules.restartWindowMs / 1000,
	chartWindow: 120,
	readOnly: false,
	theme: 'dark',
};

/** Flags as given on the command line, already checked; absent when not given. */
export interface FlagSettings {
	readonly tail?: number | 'all';
	readonly logBuffer?: number;
	readonly bell?: boolean;
	readonly restarts?: number;
	readonly restartWindow?: number;
	readonly readOnly?: boolean;
}

const flagNames: Readonly<Record<keyof FlagSettings, string>> = {
	tail: '--tail', logBuffer: '--log-buffer', bell: '--no-bell', restarts: '--restarts', restartWindow: '--restart-window', readOnly: '--readonly',
};

export interface ResolvedSettings {
	readonly settings: Settings;
	readonly origins: Readonly<Record<SettingName, SettingOrigin>>;
}

export function resolveSettings(input: {readonly flags: FlagSettings; readonly file?: FileConfig; readonly path?: string; readonly env: NodeJS.ProcessEnv; readonly host?: HostConfig}): ResolvedSettings {
	const settings: Record<string, unknown> = {...defaultSettings};
	const origins: Record<string, SettingOrigin> = Object.fromEntries(Object.keys(defaultSettings).map(name => [name, {source: 'default'}]));
	for (const [name, value] of Object.entries(input.file?.values ?? {})) {
		if (value === undefined) continue;
		settings[name] = value;
		origins[name] = {source: 'file', detail: `${input.path ?? 'file'}:${input.file?.lines[name] ?? 0}`};
	}
	if (input.host?.readOnly && !settings['readOnly']) {
		settings['readOnly'] = true;
		origins['readOnly'] = {source: 'file', detail: `${input.path ?? 'file'}:${input.host.line} (host ${input.host.name})`};
	}
	if (input.env['NO_COLOR']) {
		settings['theme'] = 'none';
		origins['theme'] = {source: 'environment', detail: 'NO_COLOR'};
	}
	for (const name of Object.keys(flagNames) as Array<keyof FlagSettings>) {
		const value = input.flags[name];
		if (value === undefined) continue;
		// --readonly only ever turns it on: a host or file that says read-only stays so.
		if (name === 'readOnly' && value !== true) continue;
		settings[name] = value;
		origins[name] = {source: 'flag', detail: flagNames[name]};
	}
	return {settings: settings as unknown as Settings, origins: origins as Record<SettingName, SettingOrigin>};
}

/**
 * The configured host berth is started with: --host NAME naming one, or the
 * address or context in use being one's. Its readOnly applies to the run.
 */
export function hostInUse(hosts: readonly HostConfig[], endpoint: {readonly url?: string; readonly contextName?: string}, hostFlag?: string): HostConfig | undefined {
	return hosts.find(host => host.name === hostFlag)
		?? hosts.find(host => (host.host !== undefined && host.host === endpoint.url) || (host.context !== undefined && host.context === endpoint.contextName));
}

// What a checked configuration file holds (config-schema.ts makes it).
import type {ColorRole, ThemeName} from '../components/theme.js';
import type {PaneName} from '../components/pane.js';

export interface ConfigProblem {
	readonly line: number;
	readonly key: string;
	readonly message: string;
}

export interface HostConfig {
	readonly name: string;
	readonly host?: string;
	readonly context?: string;
	readonly readOnly: boolean;
	readonly line: number;
}

export interface CustomCommand {
	readonly view: string;
	readonly key: string;
	readonly label: string;
	/** The argv, each word a template; with shell, one string for `sh -c`. */
	readonly command: readonly string[];
	readonly shell: boolean;
	/** terminal: berth hands the terminal over (like `e`); background: output shown in a view when done. */
	readonly mode: 'terminal' | 'background';
	/** Changes nothing: allowed in read-only mode. */
	readonly safe: boolean;
	readonly line: number;
}

export interface ConfigAlias {
	readonly name: string;
	readonly pane: PaneName;
	readonly filter?: string;
	readonly line: number;
}

/** Settings with a default and a flag; the file gives defaults for the flags. */
export interface FileValues {
	readonly tail?: number | 'all';
	readonly logBuffer?: number;
	readonly bell?: boolean;
	readonly restarts?: number;
	readonly restartWindow?: number;
	readonly chartWindow?: number;
	readonly readOnly?: boolean;
	readonly theme?: ThemeName;
}

export interface FileConfig {
	readonly values: FileValues;
	/** The line each value was set on, for `berth config`. */
	readonly lines: Readonly<Record<string, number>>;
	readonly colors: Readonly<Partial<Record<ColorRole, string>>>;
	readonly keys: ReadonlyMap<string, readonly string[]>;
	readonly keyLines: ReadonlyMap<string, number>;
	readonly aliases: readonly ConfigAlias[];
	readonly hosts: readonly HostConfig[];
	readonly customCommands: readonly CustomCommand[];
}

/** What the checks need to know about this build: action ids, command names, views. */
export interface SchemaContext {
	readonly actionIds: ReadonlySet<string>;
	readonly commandNames: ReadonlySet<string>;
	readonly paneNamed: (word: string) => PaneName | undefined;
	readonly customCommandViews: readonly string[];
	readonly chartWindows: readonly number[];
}

export interface CheckedConfig {
	readonly config: FileConfig;
	readonly errors: readonly ConfigProblem[];
	readonly warnings: readonly ConfigProblem[];
}

/** Says a problem: its line, its key (a dotted path) and what is wrong. */
export type Report = (line: number, key: string, message: string) => void;

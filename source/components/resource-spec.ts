// One resource view, declared: what to load and when, its columns, its keys
// and what each does. <ResourcePane spec> draws any of them (the bar, the
// table, the filter, the questions, the status line), so adding a view is one
// spec file (k9s renders every resource through one table view the same way).
import type Docker from 'dockerode';
import type {Key} from 'ink';
import type {ReactNode, RefObject} from 'react';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {EventFilters} from '../engine/streams/events.js';
import type {ResourceColumn} from './resource-table-model.js';
import type {FormField, FormValues} from '../hooks/use-form.js';
import type {KeyBinding} from '../keys/keymap.js';
import type {KeyHandler, PaneName, Route} from './pane.js';
import type {PickItem} from './panels.js';
import type {StatusLineProps, StatusMessage} from './status-line.js';

/** What a spec's calls may use: the engine, what berth already knows, and the app's voice. */
export interface SpecContext<Extra = undefined> {
	readonly docker: Docker;
	readonly containers: readonly ContainerSummary[];
	readonly notify: (message: StatusMessage | undefined) => void;
	readonly open: (route: Route) => void;
	/** Re-list now, for a change the engine sends no event for. */
	readonly reload: () => void;
	/** What the spec's own hook (useExtra) returned this render. */
	readonly extra: Extra;
}

interface ActionKey {
	/** The command id in the keymap: help, the README and remapping read it. */
	readonly id: string;
	readonly keys: readonly string[];
	readonly description: string;
	/** When it is offered, in words, for the help. */
	readonly when?: string;
	/** Changes nothing although its kind usually does (a form that only looks something up): read-only mode allows it. */
	readonly isSafe?: boolean;
}

/**
 * Read-only mode's one rule for spec views: a page of text reads, everything
 * else (a question, a form, a pick, an action at once, a prune) changes
 * something unless it says it is safe.
 */
export function actionMutates(action: {readonly kind: string; readonly isSafe?: boolean}): boolean {
	return action.kind !== 'text' && action.isSafe !== true;
}

/** The values of a custom command's template ({{.Host}} is the engine's, added by the runner). */
export interface CommandValues {
	readonly ID: string;
	readonly Name: string;
	readonly Image: string;
	readonly Project: string;
}

/** What a form knows besides the selected row: the rows marked with space, the route's params (`:login HOST`) and the spec's hook. */
export interface FormMore<Row, Extra = undefined> {
	readonly marked: readonly Row[];
	readonly params: Readonly<Record<string, unknown>>;
	readonly extra: Extra;
}

/** Says in plain words why the selected row does not allow an action (the engine would refuse too, less clearly). */
type Refusal<Row, Extra> = (row: Row, context: SpecContext<Extra>) => string | undefined;

export interface Toggle {
	readonly key: string;
	readonly label: string;
}

export type SpecAction<Row, Extra = undefined> = ActionKey & (
	/** Ask first (with switches such as force), then call; the outcome goes to the status line. */
	| {
		readonly kind: 'confirm';
		readonly refuse?: Refusal<Row, Extra>;
		readonly title: (row: Row) => string;
		readonly lines?: (row: Row) => readonly string[];
		readonly toggles?: readonly Toggle[];
		readonly verb: string;
		readonly run: (context: SpecContext<Extra>, row: Row, toggles: ReadonlySet<string>) => Promise<string>;
		readonly failed?: (row: Row, error: Error, toggles: ReadonlySet<string>) => string;
	}
	/** A read-only page of text about the row (inspect, history). */
	| {readonly kind: 'text'; readonly open: (context: SpecContext<Extra>, row: Row) => Promise<{readonly title: string; readonly lines: readonly string[]}>}
	/** A small form, about the selected row or not (create); submit's words go to the status line. */
	| {
		readonly kind: 'form';
		readonly needsRow: boolean;
		readonly refuse?: Refusal<Row, Extra>;
		readonly title: (row: Row | undefined, more: FormMore<Row, Extra>) => string;
		readonly fields: (row: Row | undefined, more: FormMore<Row, Extra>) => readonly FormField[];
		/** Resolves with what to say, or undefined when the extra panel took over. */
		readonly submit: (context: SpecContext<Extra>, values: FormValues, row: Row | undefined, more: FormMore<Row, Extra>) => Promise<string | undefined> | string | undefined;
	}
	/** Choose one item from a list (a container to connect), then call. */
	| {
		readonly kind: 'pick';
		readonly refuse?: Refusal<Row, Extra>;
		readonly title: (row: Row) => string;
		readonly emptyText: string;
		readonly items: (context: SpecContext<Extra>, row: Row) => readonly PickItem[];
		readonly run: (context: SpecContext<Extra>, row: Row, item: PickItem) => Promise<string>;
		readonly failed?: (row: Row, item: PickItem, error: Error) => string;
		/** A question before running some choices (drain a node); undefined runs the choice at once. */
		readonly ask?: (row: Row, item: PickItem) => {readonly title: string; readonly lines?: readonly string[]; readonly verb: string} | undefined;
	}
	/** At once, no question (a push that shows its own progress). */
	| {readonly kind: 'now'; readonly needsRow: boolean; readonly refuse?: Refusal<Row, Extra>; readonly run: (context: SpecContext<Extra>, row: Row | undefined) => void}
);

/** A switch over what the list shows (dangling images), with the bar's note while it hides rows. */
export interface ViewSwitch<Row> extends ActionKey {
	readonly isShownAtFirst: boolean;
	readonly isRowHidden: (row: Row) => boolean;
	readonly hiddenNote: string;
	readonly shownMessage: string;
	readonly hiddenMessage: string;
}

export interface PruneSpec<Preview, Result, Extra = undefined> extends ActionKey {
	readonly preview: (context: SpecContext<Extra>, all: boolean) => Promise<Preview>;
	readonly run: (context: SpecContext<Extra>, all: boolean) => Promise<Result>;
	readonly count: (preview: Preview) => number;
	readonly progress: string;
	readonly done: (result: Result) => string;
	/** The question, and what would go, one line each. */
	readonly title: (context: SpecContext<Extra>, preview: Preview, all: boolean) => string;
	readonly items: (preview: Preview) => readonly string[];
	/** `a` widens the prune to everything unused; undefined when it cannot (or when it makes no difference). */
	readonly widen?: (context: SpecContext<Extra>, all: boolean) => string | undefined;
}

/** A view of its own inside the pane (pull progress, build output), opened by the spec's actions. */
export interface ExtraPanel {
	readonly isOpen: boolean;
	readonly render: (size: {readonly width: number; readonly height: number}, setStatus: (status: StatusLineProps | undefined) => void, keysRef: RefObject<KeyHandler | undefined>) => ReactNode;
	/** Keys while open; the panel closes itself (Esc). */
	readonly handleKey: (input: string, key: Key, keysRef: RefObject<KeyHandler | undefined>) => boolean;
}

/**
 * Rows that hold rows (a project's services, a service's containers), folded
 * at first: Enter or → unfolds (Enter only on a row that holds others, when a
 * spec action has Enter for the rest), ← folds or goes up to the row above.
 */
export interface TreeSpec<Row> {
	readonly children: (row: Row) => readonly Row[];
	/** 0 for the top rows, 1 under them, … */
	readonly depth: (row: Row) => number;
	/** What unfolds, for the help: "a project or service". */
	readonly unfoldHelp: string;
}

export interface ResourceSpec<Row, Extra = undefined> {
	/** What the `:` command line and routes call it. */
	readonly name: PaneName;
	/** Other names for `:name`; the first is what completion offers. */
	readonly aliases: readonly string[];
	/** The status line when nothing else is said. */
	readonly hints: string;
	readonly title: string;
	/** "volume": for "No volume matches …" and "No volume selected." */
	readonly noun: string;
	/** The help's heading over the actions, e.g. "Volume actions". */
	readonly group: string;
	/** params: the route's (one service's tasks, one stack's services); a spec that takes none ignores them. */
	readonly load: (docker: Docker, signal: AbortSignal, params: Readonly<Record<string, unknown>>) => Promise<readonly Row[]>;
	/** The bar's title for a route with params ("Tasks of web"); the title otherwise. */
	readonly titleFor?: (params: Readonly<Record<string, unknown>>) => string | undefined;
	/**
	 * A load error that is the engine's mode, not a fault (a Swarm view on an engine not in Swarm mode):
	 * the words to show in place of the list, plainly; undefined for a real error.
	 */
	readonly explain?: (error: Error) => string | undefined;
	/**
	 * Re-list this often too, for what changes without any event (Swarm tasks converge silently).
	 * Never while `explain` has the view replaced by its words.
	 */
	readonly pollMs?: number;
	/** The engine events that change what the list shows (never exec_*: health checks would re-list every interval). */
	readonly refreshOn: EventFilters;
	readonly rowKey: (row: Row) => string;
	/** With the moment the pane opened, for columns that say how old something is. */
	readonly columns: (openedAt: number) => readonly ResourceColumn<Row>[];
	/** Help texts of the sort keys, by column id (the columns name the keys). */
	readonly sortHelp: Readonly<Record<string, string>>;
	readonly glyph: (row: Row) => {readonly text: string; readonly color: string};
	/** After "No volumes." when there are none, e.g. "c creates one." */
	readonly emptyHint?: string;
	readonly switches?: readonly ViewSwitch<Row>[];
	readonly actions: readonly SpecAction<Row, Extra>[];
	// The preview and result types are the spec's own business.
	readonly prune?: PruneSpec<any, any, Extra>; // eslint-disable-line @typescript-eslint/no-explicit-any
	/** What a custom command's template fills in for a row ({{.ID}} {{.Name}} …); without it the view takes no custom commands. */
	readonly commandValues?: (row: Row) => CommandValues;
	/** A hook the pane calls on every render, for state of the spec's own (transfers); its result is context.extra. */
	readonly useExtra?: (context: Omit<SpecContext, 'extra'>) => Extra & {readonly panel?: ExtraPanel};
	/** The loaded rows joined with what the spec's hook knows and changes often (live stats), each render. */
	readonly present?: (rows: readonly Row[], extra: Extra) => readonly Row[];
	/** The list as a tree: `load` gives the top rows, `children` the rest. */
	readonly tree?: TreeSpec<Row>;
	/** Space marks rows, as in the containers list; forms get the marked rows (save several images). */
	readonly marks?: boolean;
}

/** The commands a tree spec adds; Enter unfolds only when no action has it. */
function treeKeys<Row, Extra>(spec: ResourceSpec<Row, Extra>, group: string): readonly KeyBinding[] {
	if (!spec.tree) return [];
	const isEnterTaken = spec.actions.some(action => action.keys.includes('<enter>'));
	return [
		{command: 'unfold', keys: isEnterTaken ? ['<right>'] : ['<enter>', '<right>'], description: `Unfold ${spec.tree.unfoldHelp}${isEnterTaken ? ' (Enter too)' : ''}`, group},
		{command: 'fold', keys: ['<left>'], description: 'Fold, or go up to the row above', group},
	];
}

/** The keys a spec's pane answers to, as the keymap, the help and the README read them. */
export function specKeys<Row, Extra>(spec: ResourceSpec<Row, Extra>, listKeys: readonly KeyBinding[]): readonly KeyBinding[] {
	const view = 'View';
	return [
		...listKeys,
		{command: 'filter', keys: ['/'], description: 'Filter by any column (Enter keeps, Esc clears)', group: view},
		...treeKeys(spec, view),
		...(spec.marks ? [{command: 'mark', keys: ['<space>'], description: 'Mark or unmark; Esc clears the marks', group: view}] : []),
		...spec.columns(0).flatMap(column => (column.sortKey
			? [{command: `sort-${column.id}`, keys: [column.sortKey], description: `Sort by ${spec.sortHelp[column.id] ?? column.title.toLowerCase()} (again to reverse)`, group: view}]
			: [])),
		...(spec.switches ?? []).map(({id, keys, description}) => ({command: id, keys, description, group: view})),
		...spec.actions.map(action => ({command: action.id, keys: action.keys, description: action.description, group: spec.group, mutates: actionMutates(action), ...(action.when ? {when: action.when} : {})})),
		...(spec.prune ? [{command: spec.prune.id, keys: spec.prune.keys, description: spec.prune.description, group: spec.group, mutates: spec.prune.isSafe !== true}] : []),
	];
}

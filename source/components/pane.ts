// The contract every pane follows. The app owns the frame (header, status
// line, `:` command line, help overlay, route stack); a pane owns its body and
// its keys. Keys reach the pane first: a pane in a text-entry mode (filter,
// search, a form) consumes every key, so the app's global keys never fire
// while a person is typing (oxker's button_press order).
import type {Key} from 'ink';
import {useLayoutEffect, useRef} from 'react';
import type {StatusLineProps, StatusMessage} from './status-line.js';

/** Names a pane can be opened by; `:name` in the command line for top-level ones. */
export type PaneName =
	| 'containers'
	| 'detail'
	| 'inspect'
	| 'logs'
	| 'images'
	| 'volumes'
	| 'networks'
	| 'system'
	| 'events'
	| 'alerts'
	| 'compose'
	| 'output'
	| 'services'
	| 'tasks'
	| 'nodes'
	| 'stacks'
	| 'secrets'
	| 'configs'
	| 'plugins'
	| 'contexts';

/** Where the app is. Routes form a stack: Esc pops, `:name` replaces the stack with one route. */
export interface Route {
	readonly pane: PaneName;
	/** Pane-specific arguments (e.g. {containerIds: [...]}); each pane checks its own. */
	readonly params?: Readonly<Record<string, unknown>>;
}

/** Return true when the key was handled; false lets the app try its global keys. */
export type KeyHandler = (input: string, key: Key) => boolean;

export interface PaneProps {
	readonly width: number;
	/** Rows the pane may use, between the header and the status line. */
	readonly height: number;
	readonly params: Readonly<Record<string, unknown>>;
	/**
	 * A message in the status line (info fades, errors stay until the next message);
	 * undefined takes the message down, when what it said no longer holds (a search found).
	 */
	readonly notify: (message: StatusMessage | undefined) => void;
	/** Push a route (e.g. containers -> logs); Esc in the app pops it. */
	readonly open: (route: Route) => void;
	/** Pop this route. */
	readonly back: () => void;
	/** Hand the app the pane's key handler (use usePaneKeys rather than calling this). */
	readonly bindKeys: (handler: KeyHandler | undefined) => void;
	/**
	 * What the status line shows for this pane: an input prompt while typing
	 * (takes precedence over messages), or hints. undefined = the pane's default hints.
	 */
	readonly setStatus: (status: StatusLineProps | undefined) => void;
}

/** Registers the pane's key handler with the app; the latest closure is always used. */
export function usePaneKeys(props: Pick<PaneProps, 'bindKeys'>, handler: KeyHandler): void {
	const latest = useRef(handler);
	latest.current = handler;
	const {bindKeys} = props;
	// A layout effect binds during the commit that shows the pane: with a passive
	// effect, a key pressed right after the pane appears still reached the old pane.
	useLayoutEffect(() => {
		bindKeys((input, key) => latest.current(input, key));
		return () => bindKeys(undefined);
	}, [bindKeys]);
}

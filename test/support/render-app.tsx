// The whole app in ink-testing-library, wired the way source/cli.tsx wires it
// (a client made by connect(), the first list read before the first frame,
// EngineProvider around App), against an engine on a socket, usually the
// in-memory one. Tests press keys and wait for what a person would see.
import type {TestContext} from 'node:test';
import {setImmediate as nextTurn} from 'node:timers/promises';
import chalk from 'chalk';
import type Docker from 'dockerode';
import {render} from 'ink-testing-library';
import type {AppProps} from '../../source/app.js';
import type {StoreInput} from '../../source/engine/transport/context-store.js';
import {EngineRoot} from '../../source/shell/engine-root.js';
import {openSession, type EngineSession} from '../../source/shell/engine-session.js';
import {listContainers, type ContainerSummary} from '../../source/engine/resources/containers.js';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {StatsSource, type StatsSourceMode} from '../../source/engine/streams/stats-source.js';
import {startInMemoryEngine, type InMemoryEngine, type InMemoryEngineOptions} from './in-memory-engine.js';

/** Keys as a terminal sends them. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
	delete: '\u001B[3~',
} as const;

export interface RenderOptions {
	readonly columns?: number;
	readonly rows?: number;
	/** Read the list before the first frame, as cli.tsx does (default true). */
	readonly isListedFirst?: boolean;
	readonly props?: Partial<AppProps>;
	/** A stats source as cli.tsx makes one (--stats-source); procRoot stands in for /proc. Default: none (the engine's streams). */
	readonly statsSource?: {readonly mode: StatsSourceMode; readonly procRoot?: string};
	/** What `:ctx` calls the first engine (default: its address). */
	readonly engineName?: string;
	/** Where `:ctx` looks for docker contexts (default: nowhere). */
	readonly store?: StoreInput;
}

export interface WaitOptions {
	readonly timeoutMs?: number;
}

export interface RenderedApp {
	readonly docker: Docker;
	/** The last frame without colours. */
	readonly frame: () => string;
	/** Every frame drawn so far, plain, oldest first: for what is on screen only briefly (a progress line). */
	readonly frames: () => readonly string[];
	/** The text of the first line drawn inverse (the selected row) below the tabs, if any. */
	readonly selected: () => string | undefined;
	/** Waits until the frame matches; returns it. Fails with the last frame when it never does. */
	readonly waitFor: (expected: RegExp | ((frame: string) => boolean), options?: WaitOptions) => Promise<string>;
	/** Waits until a condition on something else (the engine's state) holds. */
	readonly until: (condition: () => boolean, what: string, options?: WaitOptions) => Promise<void>;
	/** Each key on its own, as typed one after another (an Esc is told from a sequence only by what follows it). */
	readonly press: (...typed: readonly string[]) => Promise<void>;
	/** Chunks written one right after another, each as its own read, before the app renders anything. */
	readonly back2back: (...chunks: readonly string[]) => void;
	/** Text in one chunk, as a paste or a fast typist sends it. */
	readonly type: (text: string) => Promise<void>;
	readonly close: () => void;
}

// Loaded machines (two cores, other suites running) take longer than a quiet one: the
// deadline is for a view that never gets there, not for one that is slow to.
const defaultTimeoutMs = 8000;
const pollMs = 10;
/** How long press() waits for a key's frame before it takes the key to have changed nothing. */
const settleMs = 250;

// The selected row is drawn inverse, and nothing else says which row it is: colours
// on, whatever the terminal the tests run in, so a test can find it.
chalk.level = 1;

const plain = (text: string | undefined) => (text ?? '').replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\u0007/g, '');

async function poll(check: () => boolean, timeoutMs: number, fail: () => Error): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw fail();
		await new Promise(resolve => setTimeout(resolve, pollMs));
	}
}

/** The first list, given up after a moment as cli.tsx's is. */
async function firstList(docker: Docker): Promise<readonly ContainerSummary[] | undefined> {
	try {
		return await listContainers(docker, AbortSignal.timeout(1000));
	} catch {
		return undefined;
	}
}

export async function renderApp(engine: {readonly host: string}, options: RenderOptions = {}): Promise<RenderedApp> {
	const {docker, identity} = await connect(resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}));
	const initialContainers = options.isListedFirst === false ? undefined : await firstList(docker);
	const where = {socketPath: engine.host.replace(/^unix:\/\//, ''), label: engine.host, product: identity.engineProduct};
	const statsSource = options.statsSource ? new StatsSource(docker, where, options.statsSource.mode, options.statsSource.procRoot) : undefined;
	const isReadOnly = options.props?.isReadOnly ?? false;
	const session: EngineSession = {
		name: options.engineName ?? engine.host,
		endpoint: {...resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}), label: engine.host},
		docker, identity, isReadOnly,
		...(statsSource ? {statsSource} : {}),
		...(initialContainers ? {initialContainers} : {}),
	};
	return drive(session, options, statsSource);
}

/** Several engines at once, as `berth --host a --host b` opens them: each named, in order. */
export async function renderFleet(engines: ReadonlyArray<{readonly host: string; readonly name: string}>, options: RenderOptions = {}): Promise<RenderedApp> {
	const sessions = await Promise.all(engines.map(engine => openSession(resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}), {name: engine.name, isReadOnly: false, listWaitMs: 1000})));
	return drive(sessions, options, undefined);
}

async function drive(session: EngineSession | readonly EngineSession[], options: RenderOptions, statsSource: StatsSource | undefined): Promise<RenderedApp> {
	const appProps = {...options.props};
	delete appProps.isReadOnly;
	const [first] = Array.isArray(session) ? session : [session];
	if (!first) throw new Error('no engine');
	const docker = first.docker;
	// As cli.tsx wires it: EngineRoot around the app, so `:ctx` can switch to another (in-memory) engine.
	const instance = render(
		<EngineRoot
			initial={session}
			store={options.store ?? {env: {}, homeDir: '/nonexistent'}}
			open={(choice, endpoint) => openSession(endpoint, {name: choice.name, isReadOnly: choice.isReadOnly, listWaitMs: 1000})}
			appProps={{isBellEnabled: false, ...appProps}}
		/>,
	);
	const frame = () => plain(instance.lastFrame());
	if (options.columns !== undefined || options.rows !== undefined) {
		// ink-testing-library's stdout is 100 columns and has no rows; the app reads both and
		// follows 'resize' once its size hook has subscribed, so it is told until its frame is that wide
		// (the header spans the width).
		const columns = options.columns ?? 100;
		Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(instance.stdout, 'rows', {value: options.rows ?? 24, configurable: true});
		await poll(() => {
			instance.stdout.emit('resize');
			return [...(frame().split('\n')[0] ?? '')].length === columns;
		}, defaultTimeoutMs, () => new Error(`the app never took ${columns} columns:\n${frame()}`)).catch((error: unknown) => {
			// A rendered app keeps reconnecting to an engine that has gone: it must not outlive the test.
			instance.unmount();
			throw error;
		});
	}
	return {
		docker,
		frame,
		frames: () => instance.frames.map(plain),
		// The tab row marks the pane in use inverse too; it is the line that ends with "< > switch".
		selected: () => (instance.lastFrame() ?? '').split('\n').map(line => [line, plain(line)] as const)
			.find(([raw, text]) => raw.includes('\u001B[7m') && !text.includes('< > switch'))?.[1],
		async waitFor(expected, waitOptions = {}) {
			const matches = typeof expected === 'function' ? expected : (text: string) => expected.test(text);
			await poll(() => matches(frame()), waitOptions.timeoutMs ?? defaultTimeoutMs, () => new Error(`The frame never matched ${String(expected)}; the last frame was:\n${frame()}`));
			return frame();
		},
		async until(condition, what, waitOptions = {}) {
			await poll(condition, waitOptions.timeoutMs ?? defaultTimeoutMs, () => new Error(`Never true: ${what}; the last frame was:\n${frame()}`));
		},
		async press(...typed) {
			for (const key of typed) {
				const frames = instance.frames.length;
				instance.stdin.write(key);
				// A lone Esc is let go on the next turn of the event loop, once nothing followed it.
				await nextTurn();
				await nextTurn();
				// Then the key's frame: a key typed before the previous one's render is committed
				// meets the state before it (see the todo test in shell.test.tsx). A key that
				// changes nothing draws nothing, hence the short limit.
				await poll(() => instance.frames.length > frames, settleMs, () => new Error('')).catch(() => undefined);
			}
		},
		back2back(...chunks) {
			for (const chunk of chunks) instance.stdin.write(chunk);
		},
		async type(text) {
			instance.stdin.write(text);
			await nextTurn();
		},
		close: () => {
			instance.unmount();
			statsSource?.close();
		},
	};
}

export interface ViewFixture {
	readonly engine: InMemoryEngine;
	readonly app: RenderedApp;
}

/** A fresh in-memory engine set up by `setUp`, the app rendered against it, and both closed when the test ends. */
export async function openApp(t: TestContext, setUp: (engine: InMemoryEngine) => void, options: RenderOptions & {readonly engine?: InMemoryEngineOptions} = {}): Promise<ViewFixture> {
	const engine = await startInMemoryEngine(options.engine);
	// One hook, so the app is closed before the engine it would otherwise try to reconnect to.
	const opened: {app?: RenderedApp} = {};
	t.after(async () => {
		opened.app?.close();
		await engine.close();
	});
	setUp(engine);
	opened.app = await renderApp(engine, options);
	return {engine, app: opened.app};
}

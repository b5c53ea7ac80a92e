import {PassThrough} from 'node:stream';
import {Box, render, Text} from 'ink';
import type {ReactElement} from 'react';
import {ContainerTable} from '../components/container-table.js';
import {ViewBar} from '../components/view-bar.js';
import type {ContainerSummary} from '../engine/containers.js';
import type {StatsSample} from '../engine/stats.js';
import {forgetGraphemeSegmenter} from '../format/cells.js';
import {columnLayout} from '../format/container-table.js';
import {forgetColorChoice} from '../theme.js';
import {withStandInYoga} from './stand-in-yoga.js';

const sample: ContainerSummary = {id: 'warm', name: 'warm-up', image: 'busybox', state: 'running', status: 'Up 1 second', health: 'none', ports: '', createdAt: 0};
const noStats = new Map<string, StatsSample>();

const table = (selected: number): ReactElement => (
	<Box flexDirection="column">
		<Text bold color="cyan">berth</Text>
		<ViewBar view={{showStopped: true, filter: '', sort: 'default', descending: false}} shown={2} total={2} />
		<ContainerTable containers={[sample, {...sample, id: 'warm2', name: 'warm-2', state: 'exited'}]} stats={noStats} layout={columnLayout(118)} selectedIndex={selected} offset={0} height={5} emptyText="" />
	</Box>
);

/**
 * While berth's start-up snapshot is made: renders the containers table once
 * (and again with another row selected) through Ink into throwaway streams, on a
 * stand-in yoga, since no WebAssembly runs then. The code of React, Ink and the
 * table that this runs is then compiled in the snapshot, not at each start's
 * first frame. Nothing of the render
 * stays: it is unmounted, the process's streams and listeners are as they were,
 * the Intl segmenters it made are dropped (intl-stand-in.ts), NO_COLOR is read again at run time,
 * and the real yoga is still to start. Anything else a render reads once and
 * keeps must be forgotten here too (test/engine/containers-pane.test.ts checks colour).
 */
export function warmRender(): void {
	withStandInYoga(() => {
		const streams = {stdout: Object.assign(new PassThrough(), {columns: 120, rows: 30}), stdin: new PassThrough(), stderr: new PassThrough()};
		streams.stdout.resume();
		try {
			withStandInStreams(streams, () => withoutSignalListeners(() => {
				const instance = render(table(0), {...(streams as unknown as {stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; stderr: NodeJS.WriteStream}), patchConsole: false, exitOnCtrlC: false, debug: true});
				instance.rerender(table(1));
				instance.unmount();
				instance.cleanup();
			}));
		} finally {
			for (const stream of Object.values(streams)) stream.destroy();
			// The snapshot cannot hold an Intl object: made again on first use (and see intl-stand-in.ts).
			forgetGraphemeSegmenter();
			// What is read on first use is read again in each run's own environment.
			forgetColorChoice();
		}
	});
}

/** Ink reads process.stdout, stdin and stderr for its defaults even when given streams; the snapshot cannot hold their pipes. */
function withStandInStreams(streams: Readonly<Record<'stdout' | 'stdin' | 'stderr', PassThrough>>, run: () => void): void {
	const names = ['stdout', 'stdin', 'stderr'] as const;
	const saved = names.map(name => Object.getOwnPropertyDescriptor(process, name));
	for (const name of names) Object.defineProperty(process, name, {value: streams[name], configurable: true, enumerable: true});
	try {
		run();
	} finally {
		names.forEach((name, index) => {
			const descriptor = saved[index];
			if (descriptor) Object.defineProperty(process, name, descriptor);
		});
	}
}

/** Ink listens for exit signals (signal-exit); a signal listener is a native handle the snapshot cannot hold. */
function withoutSignalListeners(run: () => void): void {
	const {on, removeListener} = process;
	const isSignal = (event: string | symbol) => typeof event === 'string' && event.startsWith('SIG');
	process.on = ((event: string | symbol, listener: (...args: unknown[]) => void) => (isSignal(event) ? process : on.call(process, event, listener))) as typeof process.on;
	process.removeListener = ((event: string | symbol, listener: (...args: unknown[]) => void) => (isSignal(event) ? process : removeListener.call(process, event, listener))) as typeof process.removeListener;
	try {
		run();
	} finally {
		process.on = on;
		process.removeListener = removeListener;
	}
}

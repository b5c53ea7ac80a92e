import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {ContainerTable} from '../../source/features/containers/table.js';
import type {ContainerTimes} from '../../source/engine/resources/container-times.js';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';
import {columnLayout} from '../../source/features/containers/columns.js';
import {useStatusWords, type StatusClock} from '../../source/hooks/use-status-words.js';

const s = 1000;
const h = 3600 * s;
const start = Date.UTC(2025, 0, 1, 12);

/** A clock that moves only when told to, and runs the timers it passed. */
function fakeClock(at: number) {
	let now = at;
	const timers: Array<{at: number; run: () => void; isLive: boolean}> = [];
	const clock: StatusClock = {
		now: () => now,
		setTimer(run, ms) {
			const timer = {at: now + ms, run, isLive: true};
			timers.push(timer);
			return () => {
				timer.isLive = false;
			};
		},
	};
	return {
		clock,
		pending: () => timers.filter(timer => timer.isLive).map(timer => timer.at - now),
		advance(ms: number) {
			const end = now + ms;
			for (;;) {
				const due = timers.filter(timer => timer.isLive && timer.at <= end).sort((a, b) => a.at - b.at)[0];
				if (!due) break;
				now = due.at;
				due.isLive = false;
				due.run();
			}
			now = end;
		},
	};
}

const summary = (id: string, state: ContainerSummary['state'], status: string): ContainerSummary =>
	({id, name: id, image: 'busybox', state, status, health: 'none', ports: '', createdAt: 0});
const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');

function Table(props: {
	readonly containers: readonly ContainerSummary[];
	readonly inspect: (id: string) => Promise<ContainerTimes>;
	readonly clock: StatusClock;
	readonly offset: number | undefined;
	readonly onRender?: () => void;
	readonly isRedrawnEachSecond?: boolean;
	/** Stands for a new stats sample: a redraw that is not about the words. */
	readonly frame?: number;
}) {
	props.onRender?.();
	const words = useStatusWords(props.containers, props.inspect, props.offset, {clock: props.clock, isRedrawnEachSecond: props.isRedrawnEachSecond ?? false});
	return <ContainerTable containers={props.containers} stats={new Map()} layout={columnLayout(96)} selectedIndex={-1} offset={0} height={5} emptyText="" statusOf={words.of} />;
}

/** Waits (for renders and promises, not for time) until what `read` gives matches. */
async function waitFor(read: () => string | undefined, pattern: RegExp): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!pattern.test(plain(read()))) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}:\n${plain(read())}`);
		await new Promise(resolve => setImmediate(resolve));
	}
}

test('the words move on as time passes, with no list read, and only when they change', async () => {
	const fake = fakeClock(start);
	const times: Record<string, ContainerTimes> = {
		web: {state: 'running', startedAt: start - 5500, finishedAt: 0, exitCode: 0},
		job: {state: 'exited', startedAt: start - 3 * h, finishedAt: start - 2 * h, exitCode: 3},
	};
	const inspected: string[] = [];
	const inspect = async (id: string) => {
		inspected.push(id);
		return times[id] as ContainerTimes;
	};
	const containers = [summary('web', 'running', 'Up 5 seconds'), summary('job', 'exited', 'Exited (3) 2 hours ago'), summary('new', 'created', 'Created')];
	const {lastFrame, unmount} = render(<Table containers={containers} inspect={inspect} clock={fake.clock} offset={0} />);
	await waitFor(lastFrame, /web .*Up 5 seconds/);
	await waitFor(() => String(fake.pending().length), /^1$/);
	assert.deepEqual(fake.pending(), [500], 'one timer, for when "5 seconds" becomes "6 seconds"');
	assert.deepEqual(inspected.sort(), ['job', 'web'], 'a created container has no times to learn');

	fake.advance(1000);
	await waitFor(lastFrame, /web .*Up 6 seconds/);
	fake.advance(54 * s);
	await waitFor(lastFrame, /web .*Up About a minute/);
	assert.match(plain(lastFrame()), /job .*Exited \(3\) 2 hours ago/);
	assert.match(plain(lastFrame()), /new .*Created/);
	// Past a minute the words change once a minute.
	await waitFor(() => String(fake.pending()[0]), /^\d+$/);
	assert.deepEqual(fake.pending(), [2 * 60 * s - 60 * s - 500], 'next at two minutes of uptime');
	fake.advance(2 * h);
	await waitFor(lastFrame, /web .*Up 2 hours/);
	await waitFor(lastFrame, /job .*Exited \(3\) 4 hours ago/);
	assert.equal(inspected.length, 2, 'no inspect for the passing of time');
	unmount();
});

test('nothing waits when no words will change, and a stopped container wakes nothing for hours', async () => {
	const fake = fakeClock(start);
	const inspect = async () => ({state: 'exited', startedAt: start - 3 * h, finishedAt: start - 2 * h, exitCode: 0}) as const;
	const {lastFrame, rerender, unmount} = render(<Table containers={[summary('new', 'created', 'Created')]} inspect={inspect} clock={fake.clock} offset={0} />);
	await waitFor(lastFrame, /new .*Created/);
	assert.deepEqual(fake.pending(), []);
	rerender(<Table containers={[summary('job', 'exited', 'Exited (0) 2 hours ago')]} inspect={inspect} clock={fake.clock} offset={0} />);
	await waitFor(() => String(fake.pending().length), /^1$/);
	assert.deepEqual(fake.pending(), [h / 2], '"2 hours" becomes "3 hours" at two and a half');
	unmount();
});

test('times count on the engine\'s clock, and until its offset is known the list\'s words stand', async () => {
	const fake = fakeClock(start);
	// The engine's clock is an hour ahead of ours.
	const engineNow = start + h;
	const inspect = async () => ({state: 'running', startedAt: engineNow - 5500, finishedAt: 0, exitCode: 0}) as const;
	const containers = [summary('web', 'running', 'Up 5 seconds')];
	const {lastFrame, rerender, unmount} = render(<Table containers={containers} inspect={inspect} clock={fake.clock} offset={undefined} />);
	await waitFor(lastFrame, /web .*Up 5 seconds/);
	fake.advance(3 * s);
	assert.deepEqual(fake.pending(), [], 'nothing to wait for');
	assert.match(plain(lastFrame()), /web .*Up 5 seconds/, 'the list\'s words: our clock would say "Less than a second"');
	rerender(<Table containers={containers} inspect={inspect} clock={fake.clock} offset={h} />);
	await waitFor(lastFrame, /web .*Up 8 seconds/);
	unmount();
});

test('a restart the list shows (still running, younger words) shows the list\'s words until the new times are in', async () => {
	const fake = fakeClock(start);
	let startedAt = start - h;
	let release: () => void = () => undefined;
	let isHeld = false;
	const inspect = async () => {
		if (isHeld) await new Promise<void>(resolve => {
			release = resolve;
		});
		return {state: 'running', startedAt, finishedAt: 0, exitCode: 0} as const;
	};
	const {lastFrame, rerender, unmount} = render(<Table containers={[summary('web', 'running', 'Up About an hour')]} inspect={inspect} clock={fake.clock} offset={0} />);
	await waitFor(lastFrame, /web .*Up About an hour/);
	fake.advance(10 * s);
	isHeld = true;
	startedAt = start + 10 * s - 200;
	rerender(<Table containers={[summary('web', 'running', 'Up Less than a second')]} inspect={inspect} clock={fake.clock} offset={0} />);
	await waitFor(lastFrame, /web .*Up Less than a second/);
	fake.advance(2 * s);
	release();
	await waitFor(lastFrame, /web .*Up 2 seconds/);
	unmount();
});

test('a hundred young containers, each turning over at its own fraction of a second, redraw a few times a second, not a hundred', async () => {
	const fake = fakeClock(start);
	const ids = Array.from({length: 100}, (_, index) => `c${String(index).padStart(3, '0')}`);
	// Started 5 to 6 seconds ago, 10 ms apart.
	const startedAt = (id: string) => start - 5000 - Number(id.slice(1)) * 10;
	const inspect = async (id: string) => ({state: 'running', startedAt: startedAt(id), finishedAt: 0, exitCode: 0}) as const;
	const containers = ids.map(id => summary(id, 'running', 'Up 5 seconds'));
	let renders = 0;
	const {lastFrame, unmount} = render(<Table containers={containers} inspect={inspect} clock={fake.clock} offset={0} onRender={() => renders++} />);
	await waitFor(() => String(fake.pending().length), /^1$/);
	const before = renders;
	// A second and a quarter in 10 ms steps, each letting React draw: each word is at most a quarter late.
	for (let step = 0; step < 125; step++) {
		fake.advance(10);
		await new Promise(resolve => setImmediate(resolve));
	}
	await waitFor(lastFrame, /c000 .*Up 6 seconds/);
	await waitFor(lastFrame, /c004 .*Up 6 seconds/);
	assert.ok(renders - before <= 6, `${renders - before} redraws in a second and a quarter`);
	unmount();
});

test('while the stats redraw every second, their frames carry the words and no timer of ours adds frames; without them, ours do', async () => {
	const fake = fakeClock(start);
	const ids = Array.from({length: 100}, (_, index) => `c${String(index).padStart(3, '0')}`);
	const inspect = async (id: string) => ({state: 'running', startedAt: start - 5000 - Number(id.slice(1)) * 10, finishedAt: 0, exitCode: 0}) as const;
	const containers = ids.map(id => summary(id, 'running', 'Up 5 seconds'));
	let renders = 0;
	const table = (frame: number) => <Table containers={containers} inspect={inspect} clock={fake.clock} offset={0} onRender={() => renders++} isRedrawnEachSecond frame={frame} />;
	const {lastFrame, rerender, unmount} = render(table(0));
	await waitFor(() => String(fake.pending().length), /^1$/);
	const before = renders;
	for (let second = 1; second <= 5; second++) {
		for (let step = 0; step < 100; step++) {
			fake.advance(10);
			await new Promise(resolve => setImmediate(resolve));
		}
		rerender(table(second));
		await waitFor(lastFrame, new RegExp(`c000 .*Up ${5 + second} seconds`));
	}
	assert.equal(renders - before, 5, 'one frame a second: the stats\'');
	// The stats stop (the last container stopped): the words still move on, by our own timer.
	for (let step = 0; step < 130; step++) {
		fake.advance(10);
		await new Promise(resolve => setImmediate(resolve));
	}
	await waitFor(lastFrame, /c000 .*Up 11 seconds/);
	unmount();
});

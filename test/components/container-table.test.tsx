import assert from 'node:assert/strict';
import {test} from 'node:test';
import chalk from 'chalk';
import {render} from 'ink-testing-library';
import {ContainerTable} from '../../source/features/containers/table.js';
import {HelpOverlay, helpMaxOffset} from '../../source/shell/help-overlay.js';
import type {ContainerSummary} from '../../source/engine/resources/containers.js';
import type {StatsSample} from '../../source/engine/streams/stats.js';
import {ViewBar} from '../../source/features/containers/view-bar.js';
import {columnLayout, type ListView} from '../../source/features/containers/columns.js';
import {globalKeys} from '../../source/keys/keymap.js';
import {applyTheme} from '../../source/components/theme.js';
import {paneDefinitions} from '../../source/shell/registry.js';

const web: ContainerSummary = {
	id: 'a1', name: 'web', image: 'nginx:alpine', state: 'running', status: 'Up 3 minutes (healthy)', health: 'healthy', ports: '0.0.0.0:8080->80/tcp', createdAt: 0,
};
const job: ContainerSummary = {
	id: 'b2', name: 'nightly-job', image: 'busybox', state: 'exited', status: 'Exited (3) 2 hours ago', health: 'none', ports: '', createdAt: 0,
};
const webStats: StatsSample = {
	id: 'a1', time: 0, cpuPercent: 12.5, memoryUsed: 50 * 1024 * 1024, memoryLimit: 2 * 1024 ** 3, netRx: 0, netTx: 0, blockRead: 0, blockWrite: 0, pids: 3,
};

// Colour codes are not what a person reads; compare the text.
const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');

test('at 100 columns the table shows state, name, image, status, health, CPU and memory; ports give way first', () => {
	const {lastFrame} = render(
		<ContainerTable containers={[web, job]} stats={new Map([['a1', webStats]])} layout={columnLayout(96)} selectedIndex={0} offset={0} height={5} emptyText="none" />,
	);
	const lines = plain(lastFrame()).split('\n');
	assert.match(lines[0] ?? '', /^\s+NAME\s+IMAGE\s+STATUS\s+HEALTH\s+CPU\s+MEMORY$/);
	assert.match(lines[1] ?? '', /^● web\s+nginx:alpine\s+Up 3 minutes\s+healthy\s+12\.5%\s+50\.0MiB \/ 2\.00GiB\s*$/);
	assert.match(lines[2] ?? '', /^○ nightly-job\s+busybox\s+Exited \(3\) 2 hours ago\s*$/);
});

test('an empty table says why', () => {
	const {lastFrame} = render(<ContainerTable containers={[]} stats={new Map()} layout={columnLayout(80)} selectedIndex={0} offset={0} height={5} emptyText="  No containers." />);
	assert.match(plain(lastFrame()), /No containers\./);
});

test('only the rows that fit are drawn, from the scroll offset', () => {
	const many = Array.from({length: 50}, (_, index) => ({...job, id: `c${index}`, name: `box-${String(index).padStart(2, '0')}`}));
	const {lastFrame} = render(<ContainerTable containers={many} stats={new Map()} layout={columnLayout(80)} selectedIndex={12} offset={10} height={5} emptyText="" />);
	const names = plain(lastFrame()).split('\n').slice(1).map(line => /box-\d+/.exec(line)?.[0]);
	assert.deepEqual(names, ['box-10', 'box-11', 'box-12', 'box-13', 'box-14']);
});

test('the help overlay lists every binding of the pane and the global keys', () => {
	for (const pane of paneDefinitions) {
		const bindings = [...pane.keys, ...globalKeys];
		const {lastFrame} = render(<HelpOverlay title={pane.title} bindings={bindings} height={bindings.length + 20} width={100} />);
		const frame = plain(lastFrame());
		assert.match(frame, new RegExp(`Keys: ${pane.title}`));
		for (const binding of bindings) assert.ok(frame.includes(binding.description), `${pane.name}: ${binding.description}`);
	}
});

test('a help list taller than the room flows into more columns instead of being cut', () => {
	const pane = paneDefinitions[0];
	assert.ok(pane);
	const bindings = [...pane.keys, ...globalKeys];
	// ink-testing-library draws 100 columns wide: room for three columns of keys.
	const {lastFrame} = render(<HelpOverlay title={pane.title} bindings={bindings} height={20} width={100} />);
	const frame = plain(lastFrame());
	assert.ok(frame.split('\n').length <= 20, frame);
	assert.doesNotMatch(frame, /scroll/);
	// Side by side the columns are narrower, so long descriptions are cut at the end, not dropped.
	for (const binding of bindings) assert.ok(frame.includes(binding.description.slice(0, 12)), `${binding.description}\n${frame}`);
});

test('when even the columns cannot hold the list, it scrolls: every key is reachable and the title says where', () => {
	const pane = paneDefinitions[0];
	assert.ok(pane);
	const bindings = [...pane.keys, ...globalKeys];
	const max = helpMaxOffset(bindings, 12, 60);
	assert.ok(max > 0);
	const seen = new Set<string>();
	for (let offset = 0; offset <= max; offset += 9) {
		const frame = plain(render(<HelpOverlay title={pane.title} bindings={bindings} height={12} width={60} offset={offset} />).lastFrame());
		assert.match(frame, new RegExp(`j/k scroll · ${offset + 1}-\\d+ of \\d+`));
		for (const binding of bindings) if (frame.includes(binding.description.slice(0, 20))) seen.add(binding.description);
	}
	const last = plain(render(<HelpOverlay title={pane.title} bindings={bindings} height={12} width={60} offset={max} />).lastFrame());
	for (const binding of bindings) if (last.includes(binding.description.slice(0, 20))) seen.add(binding.description);
	for (const binding of bindings) assert.ok(seen.has(binding.description), binding.description);
});

test('the sort arrow reads as in the resource tables: ↑ smallest or A first, ↓ largest or Z first', () => {
	const bar = (over: Partial<ListView>) => {
		const app = render(<ViewBar view={{showStopped: true, filter: '', sort: 'default', descending: false, ...over}} shown={3} total={3} />);
		const frame = app.lastFrame() ?? '';
		app.unmount();
		return /sort: (.*)$/.exec(frame)?.[1];
	};
	assert.equal(bar({}), 'running first');
	assert.equal(bar({sort: 'name'}), 'name ↑');
	assert.equal(bar({sort: 'name', descending: true}), 'name ↓');
	// CPU's first press puts the busiest first.
	assert.equal(bar({sort: 'cpu'}), 'CPU ↓');
	assert.equal(bar({sort: 'cpu', descending: true}), 'CPU ↑');
});

test('with a theme that colours the selected row, all of that row takes the colour, its numbers too', () => {
	applyTheme('dark', {selected: 'blue'}, {});
	const level = chalk.level;
	chalk.level = 1;
	try {
		const {lastFrame} = render(
			<ContainerTable containers={[web, job]} stats={new Map([['a1', webStats]])} layout={columnLayout(96)} selectedIndex={0} offset={0} height={5} emptyText="none" />,
		);
		const selected = (lastFrame() ?? '').split('\n')[1] ?? '';
		// Blue background (44) over the name and over the CPU figure; no inverse video anywhere in the row.
		assert.match(selected, /\u001B\[44m[^\n]*web/);
		assert.match(selected, /\u001B\[44m[^\u001B]*12\.5%/);
		assert.doesNotMatch(selected, /\u001B\[7m/);
	} finally {
		chalk.level = level;
		applyTheme('dark', {}, {});
	}
});

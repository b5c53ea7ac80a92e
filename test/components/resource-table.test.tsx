import assert from 'node:assert/strict';
import {test} from 'node:test';
import {useInput} from 'ink';
import {render} from 'ink-testing-library';
import {ResourceTable} from '../../source/components/resource-table.js';
import type {StatusLineProps} from '../../source/components/status-line.js';
import {layoutColumns, type ResourceColumn} from '../../source/components/resource-table-model.js';
import {useResourceTable} from '../../source/hooks/use-resource-table.js';
import {PaneMemoryContext, type PaneMemory} from '../../source/hooks/pane-memory.js';

interface Row {
	readonly name: string;
	readonly size: number;
}

const columns: readonly ResourceColumn<Row>[] = [
	{id: 'name', title: 'NAME', width: 10, grow: 1, sortKey: 'N', text: row => row.name},
	{id: 'size', title: 'SIZE', width: 6, align: 'right', sortKey: 'Z', text: row => `${row.size}B`, sortValue: row => row.size},
	{id: 'note', title: 'NOTE', width: 12, dropOrder: 1, text: row => `note ${row.name}`},
];

const rows: readonly Row[] = Array.from({length: 12}, (_, i) => ({name: `item-${String(i).padStart(2, '0')}`, size: (i * 37) % 100}));
const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
const tick = () => new Promise(resolve => setTimeout(resolve, 20));
async function until(check: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 2000;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await tick();
	}
}

function Harness(props: {readonly rows: readonly Row[]; readonly onStatus: (status: StatusLineProps | undefined) => void; readonly onSelected: (row: Row | undefined) => void; readonly rememberAs?: string}) {
	const table = useResourceTable({rows: props.rows, columns, rowKey: row => row.name, width: 40, height: 4, setStatus: props.onStatus, ...(props.rememberAs ? {rememberAs: props.rememberAs} : {})});
	props.onSelected(table.selected);
	useInput((input, key) => void table.handleKey(input, key));
	return <ResourceTable rows={table.shown} rowKey={row => row.name} layout={table.layout} view={table.view} selectedIndex={table.selectedIndex} offset={table.offset} height={4} emptyText="  nothing" />;
}

test('columns fit the width: flexible ones grow, droppable ones go first when narrow', () => {
	const wide = layoutColumns(columns, 60);
	assert.deepEqual(wide.map(c => [c.column.id, c.width]), [['name', 38], ['size', 6], ['note', 12]]);
	assert.equal(2 + wide.reduce((sum, c) => sum + c.width, 0) + wide.length - 1, 60);
	assert.deepEqual(layoutColumns(columns, 25).map(c => c.column.id), ['name', 'size']);
});

test('moves with j/k, G/g and scrolls; filters with / (Enter keeps, Esc clears); sorts with the column key', async () => {
	let status: StatusLineProps | undefined;
	let selected: Row | undefined;
	const {lastFrame, stdin} = render(<Harness rows={rows} onStatus={s => (status = s)} onSelected={row => (selected = row)} />);
	await tick();
	assert.match(plain(lastFrame()).split('\n')[0] ?? '', /^\s+NAME\s+SIZE\s+NOTE$/);
	assert.equal(selected?.name, 'item-00');
	stdin.write('j');
	await until(() => selected?.name === 'item-01', 'j');
	stdin.write('j');
	await until(() => selected?.name === 'item-02', 'second j');
	stdin.write('G');
	await until(() => selected?.name === 'item-11', 'G');
	await until(() => /item-11/.test(plain(lastFrame())), 'frame with item-11');
	let lines = plain(lastFrame()).split('\n');
	assert.equal(lines.length, 5, 'header + 4 rows');
	assert.match(lines[4] ?? '', /item-11/);
	assert.doesNotMatch(lines.join('\n'), /item-00/);
	stdin.write('g');
	await until(() => selected?.name === 'item-00', 'g');

	stdin.write('/');
	await until(() => status !== undefined, 'filter prompt');
	assert.deepEqual(status, {kind: 'input', prompt: '/', value: '', hint: 'Enter keep · Esc clear'});
	stdin.write('0');
	await tick();
	stdin.write('5');
	await until(() => !/item-00/.test(plain(lastFrame())), 'filtered frame');
	assert.deepEqual(plain(lastFrame()).split('\n').slice(1).filter(line => line.trim()).map(line => line.trim().split(/\s+/)[0]), ['item-05']);
	stdin.write('\r');
	await until(() => status === undefined, 'Enter keeps');
	stdin.write('j');
	await tick();
	assert.equal(selected?.name, 'item-05', 'j moves within the filtered list, not into the filter');
	stdin.write('\u001B');
	await until(() => /item-04/.test(plain(lastFrame())), 'Esc clears the filter');
	assert.equal(selected?.name, 'item-05', 'the selection stays on its row');

	stdin.write('Z');
	await until(() => /SIZE↑/.test(plain(lastFrame())), 'sorted');
	stdin.write('g');
	await until(() => selected?.size === 0, 'g after sorting');
	lines = plain(lastFrame()).split('\n');
	assert.match(lines[0] ?? '', /SIZE↑/);
	const sizes = lines.slice(1).map(line => Number(/(\d+)B/.exec(line)?.[1]));
	assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b));
	assert.equal(sizes[0], 0);
	stdin.write('Z');
	await until(() => /SIZE↓/.test(plain(lastFrame())), 'reversed');
	stdin.write('g');
	await until(() => selected?.size === 96, 'g after reversing');
	assert.match(plain(lastFrame()).split('\n')[0] ?? '', /SIZE↓/);
	assert.equal(Number(/(\d+)B/.exec(plain(lastFrame()).split('\n')[1] ?? '')?.[1]), 96);
});

test('an empty list shows its empty text', () => {
	const {lastFrame} = render(<Harness rows={[]} onStatus={() => undefined} onSelected={() => undefined} />);
	assert.match(plain(lastFrame()), /nothing/);
});

test('a named table comes back with its selection and filter after an unmount; a picker and a new route start fresh', async () => {
	const memory: PaneMemory = new Map();
	let selected: Row | undefined;
	let status: StatusLineProps | undefined;
	const mount = (of: PaneMemory, rememberAs: string | null = 'list') => render(<PaneMemoryContext.Provider value={of}><Harness rows={rows} onStatus={s => (status = s)} onSelected={row => (selected = row)} {...(rememberAs ? {rememberAs} : {})} /></PaneMemoryContext.Provider>);
	const first = mount(memory);
	await tick();
	first.stdin.write('/');
	await until(() => status !== undefined, 'filter prompt');
	for (const char of 'item-1') {
		first.stdin.write(char);
		await tick();
	}
	await until(() => !/item-00/.test(plain(first.lastFrame())), 'filtered frame');
	first.stdin.write('\r');
	await until(() => status === undefined, 'Enter keeps');
	first.stdin.write('j');
	await until(() => selected?.name === 'item-11', 'j in the filtered list');
	first.unmount();

	const again = mount(memory);
	await until(() => /item-11/.test(plain(again.lastFrame())), 'frame after the remount');
	assert.equal(selected?.name, 'item-11');
	assert.doesNotMatch(plain(again.lastFrame()), /item-00/, 'the filter is still applied');
	again.unmount();

	// A table without a name (a picker opened over the pane's list) shares nothing with it.
	const picker = mount(memory, null);
	await until(() => /item-00/.test(plain(picker.lastFrame())), 'the picker\'s own frame');
	assert.equal(selected?.name, 'item-00');
	picker.unmount();

	const fresh = mount(new Map());
	await until(() => /item-00/.test(plain(fresh.lastFrame())), 'a fresh route\'s frame');
	assert.equal(selected?.name, 'item-00');
	fresh.unmount();
});

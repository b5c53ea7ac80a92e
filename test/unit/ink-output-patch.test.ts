// patches/ink+6.8.0.patch replaces Ink's Output.get: rows whose writes sit side
// by side are joined as text instead of through Ink's cell grid, and unchanged rows
// are reused. The terminal must show exactly what Ink's own Output shows (Ink
// 6.8.0 as published, the patch taken out again): the same character and style in every cell.
import assert from 'node:assert/strict';
import {after, test} from 'node:test';
import {pathToFileURL} from 'node:url';
import {resolve} from 'node:path';
import xterm from '@xterm/headless';
import {importUnpatched, removeUnpatched} from './unpatched.js';

interface InkOutput {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => InkOutput;

after(removeUnpatched);
const Ink = (await importUnpatched<{default: OutputClass}>('node_modules/ink/build/output.js')).default;
const Berth = ((await import(pathToFileURL(resolve('node_modules/ink/build/output.js')).href)) as {default: OutputClass}).default;
// Styled text as Ink's chalk writes it: each style opened and closed around the text.
const style = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;
const bold = style(1, 22);
const inverse = style(7, 27);
const underline = style(4, 24);
const red = style(31, 39);
const green = style(32, 39);
const yellow = style(33, 39);
const blue = style(34, 39);
const magenta = style(35, 39);
const cyan = style(36, 39);
const onBlue = (text: string) => `\u001B[44m\u001B[37m${text}\u001B[39m\u001B[49m`;

type Operation = {kind: 'write'; x: number; y: number; text: string} | {kind: 'clip'; x1: number; x2: number; y1: number; y2: number} | {kind: 'unclip'};

async function screen(output: string, width: number, height: number): Promise<string[]> {
	const terminal = new xterm.Terminal({cols: width, rows: height, allowProposedApi: true});
	await new Promise<void>(resolve => terminal.write(output.replaceAll('\n', '\r\n'), resolve));
	const cells: string[] = [];
	const cell = terminal.buffer.active.getNullCell();
	for (let y = 0; y < height; y++) {
		const line = terminal.buffer.active.getLine(y);
		for (let x = 0; x < width; x++) {
			line?.getCell(x, cell);
			cells.push(`${y},${x}:${cell.getChars() || ' '} fg${cell.getFgColorMode()}/${cell.getFgColor()} bg${cell.getBgColorMode()}/${cell.getBgColor()} b${cell.isBold()} i${cell.isInverse()} u${cell.isUnderline()} d${cell.isDim()}`);
		}
	}
	terminal.dispose();
	return cells;
}

function run(Output: OutputClass, operations: readonly Operation[], width: number, height: number): string {
	const output = new Output({width, height});
	for (const operation of operations) {
		if (operation.kind === 'write') output.write(operation.x, operation.y, operation.text, {transformers: []});
		else if (operation.kind === 'clip') output.clip(operation);
		else output.unclip();
	}
	return output.get().output;
}

async function assertSameScreen(operations: readonly Operation[], width = 40, height = 6): Promise<void> {
	const expected = await screen(run(Ink, operations, width, height), width, height);
	const actual = await screen(run(Berth, operations, width, height), width, height);
	assert.deepEqual(actual, expected);
}

test('node_modules holds the patched Output: a subclass of Ink\'s own', () => {
	assert.equal(Object.getPrototypeOf(Berth), Object.getPrototypeOf(Berth).prototype.constructor);
	assert.equal(Object.getPrototypeOf(Berth).name, 'InkOutput');
});

test('side-by-side styled writes look as Ink draws them', async () => {
	await assertSameScreen([
		{kind: 'write', x: 0, y: 0, text: bold('NAME')},
		{kind: 'write', x: 10, y: 0, text: green('● running')},
		{kind: 'write', x: 22, y: 0, text: 'plain'},
		{kind: 'write', x: 0, y: 1, text: inverse('selected row   ')},
		{kind: 'write', x: 15, y: 1, text: onBlue(' 12.5% ')},
		{kind: 'write', x: 2, y: 2, text: `${red('a')}b${yellow(underline('c'))}   `},
	]);
});

test('overlapping writes (an overlay over the pane) fall back to the grid and match', async () => {
	await assertSameScreen([
		{kind: 'write', x: 0, y: 0, text: 'x'.repeat(40)},
		{kind: 'write', x: 5, y: 0, text: inverse(' help ')},
		{kind: 'write', x: 0, y: 1, text: blue('background row text')},
		{kind: 'write', x: 3, y: 1, text: 'over'},
	]);
});

test('unclosed colour in untrusted-looking text does not leak into the next write', async () => {
	await assertSameScreen([
		{kind: 'write', x: 0, y: 0, text: '\u001B[31mred never closed'},
		{kind: 'write', x: 20, y: 0, text: 'after'},
	]);
});

test('wide characters, clipping and overflowing writes match', async () => {
	await assertSameScreen([
		{kind: 'write', x: 0, y: 0, text: '名前 コンテナ'},
		{kind: 'write', x: 14, y: 0, text: cyan('✓ ok')},
		{kind: 'clip', x1: 0, x2: 12, y1: 0, y2: 6},
		{kind: 'write', x: 0, y: 1, text: magenta('a clipped line that is long')},
		{kind: 'unclip'},
		{kind: 'write', x: 30, y: 2, text: 'runs off the right edge'},
	]);
});

test('a row changes when its writes change and is reused when they do not', async () => {
	const frame = (value: string): Operation[] => [{kind: 'write', x: 0, y: 0, text: 'cpu'}, {kind: 'write', x: 5, y: 0, text: green(value)}];
	for (const value of ['1.0%', '1.0%', '22.5%', '3%']) await assertSameScreen(frame(value));
});

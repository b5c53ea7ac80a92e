// Properties of the sanitiser and the cutters over random untrusted text: what a
// container writes must never reach the terminal as anything but printable text
// (and SGR colours where kept), and what is cut must fit the columns it was given.
// The seed is fixed so a run is repeatable; fast-check prints it, and the
// shrunk input, when a property fails. FC_SEED replays another seed.
import assert from 'node:assert/strict';
import {createRequire} from 'node:module';
import {test} from 'node:test';
import {pathToFileURL} from 'node:url';
import chalk from 'chalk';
import type cliTruncate from 'cli-truncate';
import fc from 'fast-check';
import stringWidth from 'string-width';
import {styleRow} from '../../source/features/logs/log-rows.js';
import type {LogLine} from '../../source/engine/streams/log-lines.js';
import {fitCell, truncateStyled, truncateText} from '../../source/text/cells.js';
import {buildMatcher, wrapRows} from '../../source/features/logs/log-view.js';
import {sanitizeInline, sanitizeLogText, stripSgr} from '../../source/text/sanitize.js';
import fastStringWidth from '../../source/text/string-width-fast.js';
import {buildRows} from '../../source/features/logs/log-rows-model.js';

// A row is drawn by <Text wrap="truncate-end">, which is Ink's own cli-truncate: the very copy Ink loads.
const inkRequire = createRequire(createRequire(import.meta.url).resolve('ink'));
const inkTruncate = (await import(pathToFileURL(inkRequire.resolve('cli-truncate')).href)).default as typeof cliTruncate;

const seed = Number(process.env['FC_SEED'] ?? 20_260_523);
const runs = {seed, numRuns: 2000};

// Bytes that start or end escape sequences, and the UTF-8 lead bytes of C1
// (C2 80..9F) and of the bidi controls (E2 80 AA..AE, E2 81 A6..A9), so random
// bytes hit the interesting cases far more often than uniformly.
const telling = [0x1B, 0x5B, 0x5D, 0x50, 0x5F, 0x5E, 0x58, 0x5C, 0x07, 0x6D, 0x3B, 0x3A, 0x30, 0x33, 0x38, 0x0D, 0x0A, 0x08, 0x09, 0x7F, 0x9B, 0x9D, 0x9C, 0x90, 0xC2, 0xE2, 0x80, 0x81, 0xAA, 0xAE, 0xA6, 0xA9, 0xE6, 0x95, 0xB0, 0xF0, 0x9F, 0x9A, 0x80];
const byte = fc.oneof(fc.integer({min: 0, max: 255}), fc.constantFrom(...telling));
const bytes = fc.array(byte, {maxLength: 120}).map(list => Buffer.from(list));

const codePoint = fc.integer({min: 0, max: 0x10_FFFF}).filter(code => code < 0xD800 || code > 0xDFFF).map(code => String.fromCodePoint(code));
const c0 = fc.integer({min: 0, max: 0x1F}).map(code => String.fromCharCode(code));
const c1 = fc.integer({min: 0x7F, max: 0x9F}).map(code => String.fromCharCode(code));
const bidi = fc.constantFrom('\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C');
const wide = fc.constantFrom('数', '据库', '服务器', 'Ｗ', '🚀', '👩‍👩‍👧', '🇯🇵', '⌚', '✔️', '❤\uFE0F', 'e\u0301', '\u200B', '\u00AD', '한', 'ｶ', '\uFE0F', '\u0301', '🏳️‍🌈');
const text = fc.constantFrom('a', 'web', ' ', '0', 'm', '[', ']', '\\', ';', 'café', '●', '…');
const params = fc.array(fc.constantFrom('0', '1', '3', '31', '38', '5', '2', '255', ';', ':', '?', '<', '=', '>'), {maxLength: 8}).map(list => list.join(''));
const csi = fc.tuple(fc.constantFrom('\u001B[', '\u009B'), params, fc.constantFrom('', '', ' ', '!', '$'), fc.constantFrom('m', 'm', 'H', 'J', 'K', 'A', 'h', 'l', 'q', '~', '@', '', '\u0007', '\r'))
	.map(parts => parts.join(''));
const sgr = fc.array(fc.constantFrom('0', '1', '31', '38', '5', '2', '255', ';', ':'), {maxLength: 12}).map(list => `\u001B[${list.join('')}m`);
const body = fc.array(fc.oneof(text, c0, c1, wide), {maxLength: 6}).map(list => list.join(''));
const stringTerminator = fc.constantFrom('\u0007', '\u001B\\', '\u009C', '', '\u001B');
const osc = fc.tuple(fc.constantFrom('\u001B]', '\u009D'), fc.constantFrom('0;', '8;;', '52;c;', ''), body, stringTerminator).map(parts => parts.join(''));
const dcs = fc.tuple(fc.constantFrom('\u001BP', '\u001BX', '\u001B^', '\u001B_', '\u0090', '\u0098', '\u009E', '\u009F'), body, stringTerminator).map(parts => parts.join(''));
const shortEscape = fc.tuple(fc.constant('\u001B'), fc.constantFrom('', ' ', '(', '#', '%'), fc.constantFrom('c', '7', '8', '=', 'B', 'M', 'D', 'N', '', '\u001B')).map(parts => parts.join(''));
const token = fc.oneof(
	{arbitrary: text, weight: 6},
	{arbitrary: wide, weight: 4},
	{arbitrary: fc.constantFrom('\t', '\r', '\n', '\b', '\r\n', '\u007F'), weight: 3},
	{arbitrary: c0, weight: 2},
	{arbitrary: c1, weight: 2},
	{arbitrary: bidi, weight: 2},
	{arbitrary: csi, weight: 3},
	{arbitrary: sgr, weight: 3},
	{arbitrary: osc, weight: 2},
	{arbitrary: dcs, weight: 2},
	{arbitrary: shortEscape, weight: 2},
	{arbitrary: codePoint, weight: 2},
);
const tokens = fc.array(token, {maxLength: 40}).map(list => list.join(''));

/** Untrusted text as berth meets it: random bytes read as UTF-8 or latin1, or a random mix of the hard cases. */
const untrusted = fc.oneof(
	bytes.map(buffer => buffer.toString('utf8')),
	bytes.map(buffer => buffer.toString('latin1')),
	tokens,
	// A mix of the hard cases, through UTF-8 bytes, cut at a random byte.
	fc.tuple(tokens, fc.nat()).map(([mixed, cut]) => {
		const encoded = Buffer.from(mixed, 'utf8');
		return encoded.subarray(0, cut % (encoded.length + 1)).toString('utf8');
	}),
);

// C0 (tab, CR and LF too), DEL, C1, and the bidi overrides and isolates.
const forbiddenInline = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const keptSgr = /\u001B\[[0-9;:]*m/g;

function show(value: string): string {
	return JSON.stringify(value);
}

/** The text with every SGR taken out; throws if an ESC is left that did not start an SGR. */
function outsideSgr(value: string): string {
	const rest = value.replace(keptSgr, '');
	assert.ok(!rest.includes('\u001B'), `an ESC that is not an SGR survived in ${show(value)}`);
	return rest;
}

test('sanitizeInline leaves no control, escape, bidi override, tab or line end', () => {
	fc.assert(fc.property(untrusted, input => {
		const out = sanitizeInline(input);
		assert.doesNotMatch(out, forbiddenInline, `${show(input)} -> ${show(out)}`);
	}), runs);
});

test('sanitizeLogText keeps only SGR colours, ends them with a reset, and drops every other control', () => {
	fc.assert(fc.property(untrusted, input => {
		const coloured = sanitizeLogText(input, true);
		const plain = outsideSgr(coloured);
		assert.doesNotMatch(plain, forbiddenInline, `${show(input)} -> ${show(coloured)}`);
		if (plain !== coloured) assert.ok(coloured.endsWith('\u001B[0m'), `colours without a final reset: ${show(coloured)}`);
		// The wrapped view NFC-normalises (wrap-ansi does): that must not break a kept SGR either.
		outsideSgr(coloured.normalize('NFC'));
		const bare = sanitizeLogText(input, false);
		assert.doesNotMatch(bare, forbiddenInline, `${show(input)} -> ${show(bare)}`);
		// Without colours the text is the same, less its SGR sequences.
		assert.equal(bare, stripSgr(coloured).replace(/\u001B\[0m$/, ''));
	}), runs);
});

test('sanitising twice is the same as sanitising once', () => {
	fc.assert(fc.property(untrusted, input => {
		const inline = sanitizeInline(input);
		assert.equal(sanitizeInline(inline), inline);
		for (const keepColour of [true, false]) {
			const log = sanitizeLogText(input, keepColour);
			assert.equal(sanitizeLogText(log, keepColour), log);
		}
	}), runs);
});

test('cells and cut text fit the columns they are given, as string-width measures them', () => {
	fc.assert(fc.property(untrusted, fc.integer({min: 0, max: 40}), (input, width) => {
		const plain = sanitizeInline(input);
		const cut = truncateText(plain, width);
		assert.ok(stringWidth(cut) <= width, `${show(cut)} is ${stringWidth(cut)} columns, more than ${width}`);
		// A cell claims exactly its width: the table's columns line up on it.
		for (const align of ['left', 'right'] as const) {
			const cell = fitCell(plain, width, align);
			assert.equal(stringWidth(cell), width, `${show(cell)} (${align}) is not ${width} columns`);
		}
		// What the build measures with must agree with string-width on what it is given.
		assert.equal(fastStringWidth(plain), stringWidth(plain), show(plain));
		// A log line with its colours, cut for an unwrapped row.
		const coloured = truncateStyled(sanitizeLogText(input, true), width);
		outsideSgr(coloured);
		assert.ok(stringWidth(coloured) <= width, `${show(coloured)} is ${stringWidth(coloured)} columns, more than ${width}`);
	}), runs);
});

test('wrapped log rows fit the width and carry no escape but SGR', () => {
	// Two columns at least: a wide character cannot fit in one.
	fc.assert(fc.property(untrusted, fc.integer({min: 2, max: 40}), fc.boolean(), (input, width, keepColour) => {
		const line = sanitizeLogText(input, keepColour);
		assert.equal(fastStringWidth(line), stringWidth(line), show(line));
		for (const row of wrapRows(line, width)) {
			outsideSgr(row);
			assert.ok(stringWidth(row) <= width, `wrapped row ${show(row)} is ${stringWidth(row)} columns, more than ${width}`);
		}
	}), runs);
});

test('unwrapped log rows, as styled for the screen, fit the width and carry no escape but SGR', t => {
	// Colours on, as on a terminal, so the row's own styling is in what is measured.
	const level = chalk.level;
	chalk.level = 1;
	t.after(() => {
		chalk.level = level;
	});
	const query = fc.option(fc.constantFrom('a', 'm', '数', '…', ' '), {nil: undefined});
	fc.assert(fc.property(fc.array(untrusted, {minLength: 1, maxLength: 4}), fc.integer({min: 12, max: 60}), fc.boolean(), fc.boolean(), query, (inputs, width, showTimestamps, keepColours, search) => {
		const lines: LogLine[] = inputs.map((input, index) => ({
			containerId: 'c', stream: index % 2 ? 'stderr' : 'stdout', ns: 0n, timestamp: '', text: sanitizeLogText(input, true), isTruncated: index === 2,
		}));
		const screenWidth = width + (showTimestamps ? 24 : 0);
		const {rows} = buildRows({
			lines, shown: undefined, cursor: 0, mark: undefined, isFollowing: false, previousTop: 0, height: 10, width: screenWidth,
			showTimestamps, isWrapped: false, keepColours, regex: search === undefined ? undefined : buildMatcher({query: search, isRegex: false}).regex, names: undefined,
		});
		for (const row of rows) {
			const onScreen = inkTruncate(styleRow(row), screenWidth, {position: 'end'});
			outsideSgr(onScreen);
			assert.ok(stringWidth(onScreen) <= screenWidth, `row ${show(onScreen)} is ${stringWidth(onScreen)} columns, more than ${screenWidth}`);
		}
	}), runs);
});

// Text that comes from containers (names, images, labels, status, logs) is
// untrusted: an escape sequence in it could move the cursor, retitle the
// terminal or write the clipboard. Everything that is not printable text goes.

// CSI (ESC [ ... final), OSC (ESC ] ... BEL | ESC \), DCS/SOS/PM/APC (ESC P|X|^|_ ... ESC \),
// other two-byte ESC sequences, and their 8-bit C1 forms.
const escapeSequence =
	/\u001B\[[0-?]*[ -/]*[@-~]?|\u009B[0-?]*[ -/]*[@-~]?|\u001B\][^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u009D[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)?|\u001B[PX^_][^\u001B\u009C]*(?:\u001B\\|\u009C)?|[\u0090\u0098\u009E\u009F][^\u001B\u009C]*(?:\u001B\\|\u009C)?|\u001B[ -/]*[0-~]?/g;
// C0 controls (tab and newline handled by the caller), DEL, C1 controls, and
// the Unicode bidi overrides that can reorder what a person reads.
 
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** One line of plain text: escapes removed, controls dropped, tabs and newlines become spaces. */
export function sanitizeInline(text: string): string {
	return text.replace(escapeSequence, '').replace(/[\t\n\r]/g, ' ').replace(controlCharacter, '');
}

// Select Graphic Rendition only (colours, bold, underline): it changes how text
// looks and nothing else, so a log's colours can be kept without giving the
// container the terminal. Parameters are digits, ';' and ':' (truecolour).
const sgr = /^\u001B\[[0-9;:]{0,64}m$/;
const tabStop = 8;

/**
 * One log line for display: every escape sequence goes except SGR colours when
 * keepColour is set; carriage returns and backspaces (which would let a line
 * overwrite what a person reads) are neutralised so all the text stays visible;
 * tabs become spaces up to the next tab stop; other controls are dropped.
 * A line that keeps colours ends with a reset so they never bleed into the frame.
 */
export function sanitizeLogText(text: string, keepColour: boolean): string {
	let hasColour = false;
	const kept = text.replace(escapeSequence, sequence => {
		if (keepColour && sgr.test(sequence)) {
			hasColour = true;
			return sequence;
		}
		return '';
	});
	// Controls are removed between the kept SGR sequences, never inside them.
	const parts = hasColour ? kept.split(/(\u001B\[[0-9;:]*m)/) : [kept];
	dropFinalReturns(parts);
	const joined = parts
		.map(part => (part.startsWith('\u001B[') ? part : part.replace(/[\r\n]/g, ' ').replace(controlCharacter, '')))
		.join('');
	// wrap-ansi NFC-normalises what it wraps, and a combining mark right after an
	// SGR would compose with its final "m" (m + U+0301 is U+1E3F), leaving an
	// unfinished CSI on screen. The mark goes before the colour change: a terminal
	// puts it on the cell before either way.
	const cleaned = hasColour ? joined.replace(/((?:\u001B\[[0-9;:]*m)+)(\p{M}+)/gu, '$2$1') : joined;
	const expanded = cleaned.includes('\t') ? expandTabs(cleaned) : cleaned;
	return hasColour && !expanded.endsWith('\u001B[0m') ? `${expanded}\u001B[0m` : expanded;
}

/** Plain text of a sanitised line (for search, copy and save). */
export function stripSgr(text: string): string {
	return text.replace(/\u001B\[[0-9;:]*m/g, '');
}

/**
 * Drops the carriage returns that end the line (a CRLF line end), looking past
 * the colours among them, so a line reads the same with colours on or off; a
 * return before more text is left to become a space.
 */
function dropFinalReturns(parts: string[]): void {
	for (let index = parts.length - 1; index >= 0; index--) {
		const part = parts[index]!;
		if (part.startsWith('\u001B[')) continue;
		parts[index] = part.replace(/\r+$/, '');
		if (parts[index] !== '') return;
	}
}

function expandTabs(text: string): string {
	let column = 0;
	let out = '';
	for (const part of text.split(/(\t|\u001B\[[0-9;:]*m)/)) {
		if (part === '\t') {
			const pad = tabStop - (column % tabStop);
			out += ' '.repeat(pad);
			column += pad;
		} else {
			out += part;
			if (!part.startsWith('\u001B')) column += part.length;
		}
	}
	return out;
}

// string-width measures anything beyond printable ASCII grapheme by grapheme
// (Intl.Segmenter plus emoji regexes), and Ink calls it for every text node and
// line of every frame. berth's rows carry ● ○ ‖ · … and ▁▂▃ bars, so every row
// took the slow path. The build points every `string-width` import here: text
// made only of characters known to be one column wide (checked against
// string-width itself, code point by code point, in test/unit/string-width-fast.test.ts)
// is measured by its length; anything else goes to the real function.
import realStringWidth from 'string-width';

// Printable ASCII, Latin-1 (not the soft hyphen), General Punctuation up to
// U+2027, arrows, box drawing, block elements and geometric shapes up to U+25FC.
const narrowOnly = /^[\u0020-\u007E\u00A0-\u00AC\u00AE-\u00FF\u2010-\u2027\u2190-\u21FF\u2500-\u25FC]*$/;

/** True when every character of `text` is one column and a grapheme of its own (none combines). */
export function isNarrowOnly(text: string): boolean {
	return narrowOnly.test(text);
}

// Colour and style (SGR) sequences, which Ink puts around coloured text; any other escape goes the slow way.
const sgr = /\u001B\[[\d;]*m/g;

export default function stringWidth(input: string, options?: Parameters<typeof realStringWidth>[1]): number {
	if (typeof input === 'string' && options === undefined) {
		if (narrowOnly.test(input)) return input.length;
		if (input.includes('\u001B')) {
			const plain = input.replace(sgr, '');
			if (narrowOnly.test(plain)) return plain.length;
		}
	}
	return realStringWidth(input, options);
}

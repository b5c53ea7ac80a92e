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

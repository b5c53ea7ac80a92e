// Typing to a container that has no TTY. Its process reads plain lines, and
// with no terminal of its own nothing echoes what is typed, edits it or turns
// Enter into a newline; berth's terminal is in raw mode, so without this Enter
// sent a bare \r, a `read` never returned and the typing was invisible.
// This does what a cooked terminal would for one line: echo, backspace,
// Enter sends the line with \n. Other control keys go straight through.
// The engine honours its detach keys only on a TTY, so ctrl+p ctrl+q is caught
// here and ends the attachment from berth's side. Node's readline would edit
// lines too, but it takes ctrl+p for history.

import {StringDecoder} from 'node:string_decoder';

export interface LineInputTarget {
	/** To the container's stdin. */
	readonly send: (text: string) => void;
	/** To the person's screen. */
	readonly echo: (text: string) => void;
	/** ctrl+p ctrl+q was typed. */
	readonly detach: () => void;
}

const ctrlP = '\u0010';
const ctrlQ = '\u0011';

export function lineInput(target: LineInputTarget): (chunk: Buffer | string) => void {
	// Characters, not UTF-16 units: a backspace takes off a whole emoji.
	let line: string[] = [];
	let isAfterCtrlP = false;
	// A character split across two reads (a paste) is joined, not echoed as two U+FFFDs.
	const decoder = new StringDecoder('utf8');
	return chunk => {
		for (const char of typeof chunk === 'string' ? chunk : decoder.write(chunk)) {
			if (isAfterCtrlP) {
				isAfterCtrlP = false;
				if (char === ctrlQ) {
					target.detach();
					return;
				}
				target.send(ctrlP);
			}
			if (char === ctrlP) {
				isAfterCtrlP = true;
			} else if (char === '\r' || char === '\n') {
				target.echo('\r\n');
				target.send(`${line.join('')}\n`);
				line = [];
			} else if (char === '\u007F' || char === '\b') {
				if (line.pop() !== undefined) target.echo('\b \b');
			} else if (char < ' ') {
				target.send(char);
			} else {
				line.push(char);
				target.echo(char);
			}
		}
	};
}

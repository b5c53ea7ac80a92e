// Copy through the terminal itself (OSC 52): works over SSH and in tmux with
// set-clipboard on, with no clipboard tool on the machine berth runs on.

/** Terminals cap what they accept; beyond this the copy is refused, not cut silently. */
export const maxClipboardBytes = 512 * 1024;

export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Writes the copy sequence; false when the text is too large to send. */
export function copyToClipboard(text: string, stdout: NodeJS.WritableStream = process.stdout): boolean {
	if (Buffer.byteLength(text, 'utf8') > maxClipboardBytes) return false;
	stdout.write(osc52(text));
	return true;
}

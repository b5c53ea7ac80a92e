// The alternate screen keeps the user's scrollback intact, and everything we
// change is undone on every way out: normal exit, signals and crashes.
const enter = '\u001B[?1049h\u001B[?25l\u001B[H';
const leave = '\u001B[?25h\u001B[?1049l';

let active = false;

export function enterFullScreen(stdout: NodeJS.WriteStream): void {
	if (active || !stdout.isTTY) return;
	active = true;
	stdout.write(enter);
	process.once('exit', () => leaveFullScreen(stdout));
}

export function leaveFullScreen(stdout: NodeJS.WriteStream): void {
	if (!active) return;
	active = false;
	stdout.write(leave);
}

/** Where a movement command puts the selection, or undefined when the command is not a movement. */
export function moveSelection(command: string, index: number, count: number, pageSize: number): number | undefined {
	const last = Math.max(0, count - 1);
	const clamp = (value: number) => Math.max(0, Math.min(last, value));
	switch (command) {
		case 'up': return clamp(index - 1);
		case 'down': return clamp(index + 1);
		case 'pageUp': return clamp(index - Math.max(1, pageSize));
		case 'pageDown': return clamp(index + Math.max(1, pageSize));
		case 'top': return 0;
		case 'bottom': return last;
		default: return undefined;
	}
}

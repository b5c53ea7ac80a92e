/**
 * At most `width` calls run at once; the others wait their turn in order. A
 * slot is handed straight to the next in line, so the width is never exceeded.
 */
export function gate(width: number): <T>(run: () => Promise<T>) => Promise<T> {
	let running = 0;
	const waiting: Array<() => void> = [];
	return async run => {
		if (running >= width) await new Promise<void>(resolve => waiting.push(resolve));
		else running++;
		try {
			return await run();
		} finally {
			const next = waiting.shift();
			if (next) next();
			else running--;
		}
	};
}

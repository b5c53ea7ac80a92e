// One way to name a few of many things, wherever berth does it (status lines,
// questions): "web, db, cache and 2 more".

/** "and 2 more": what stands for the names left out. */
export function moreText(count: number): string {
	return `and ${count} more`;
}

/** The first `max` names joined, and how many were left out. */
export function summarize(names: readonly string[], max: number): string {
	if (names.length <= max) return names.join(', ');
	return `${names.slice(0, max).join(', ')} ${moreText(names.length - max)}`;
}

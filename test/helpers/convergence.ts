// What "berth shows the engine's truth" means in the fault tests: the rows of
// the containers table against the engine's own list, read straight from the
// engine (not through the faulty link).
import type Docker from 'dockerode';
import type {Term} from './term.js';

const glyphOf: Readonly<Record<string, string>> = {running: '●', paused: '‖', restarting: '↻', created: '◌', exited: '○', dead: '✗', removing: '…'};

export interface ShownRow {
	readonly glyph: string;
	readonly line: string;
}

/** The containers table's rows whose name starts with prefix, by name. */
export function shownRows(screen: string, prefix: string): Map<string, ShownRow> {
	const rows = new Map<string, ShownRow>();
	for (const line of screen.split('\n')) {
		const match = /^([●‖↻◌○✗…])[ *](\S+)/.exec(line);
		if (match?.[2]?.startsWith(prefix)) rows.set(match[2], {glyph: match[1] ?? '', line});
	}
	return rows;
}

/** Every way the screen differs from the engine, in words; empty when it shows the truth. */
export async function differences(docker: Docker, term: Term, prefix: string): Promise<string[]> {
	const truth = (await docker.listContainers({all: true})).flatMap(info => {
		const name = (info.Names[0] ?? '').replace(/^\//, '');
		const health = /\((healthy|unhealthy|health: starting)\)/.exec(info.Status)?.[1]?.replace('health: ', '');
		return name.startsWith(prefix) ? [{name, state: info.State, health}] : [];
	});
	const shown = shownRows(term.screen(), prefix);
	const problems: string[] = [];
	for (const {name, state, health} of truth) {
		const row = shown.get(name);
		if (!row) problems.push(`${name} (${state}) is not shown`);
		else if (row.glyph !== glyphOf[state]) problems.push(`${name} is ${state} but shown as ${row.glyph}`);
		// Live stats: a memory figure, where a container without a sample shows "-".
		else if (state === 'running' && !/\d(\.\d+)?[KMG]?i?B \/ /.test(row.line)) problems.push(`${name} runs but shows no live stats: ${row.line.trim()}`);
		else if (health && !new RegExp(`\\s${health}\\s`).test(row.line)) problems.push(`${name} is ${health} but shown as: ${row.line.trim()}`);
	}
	for (const name of shown.keys()) if (!truth.some(c => c.name === name)) problems.push(`${name} is shown but the engine has no such container`);
	return problems;
}

/** Waits until the screen shows the engine's truth; the error lists what still differs. */
export async function waitForTruth(docker: Docker, term: Term, prefix: string, timeoutMs: number): Promise<number> {
	const started = Date.now();
	let problems: string[] = [];
	// When each difference was last seen: a slow convergence names what held it up.
	const lastSeen = new Map<string, number>();
	while (Date.now() - started < timeoutMs) {
		problems = await differences(docker, term, prefix);
		for (const problem of problems) lastSeen.set(problem, Date.now() - started);
		if (problems.length === 0) {
			const took = Date.now() - started;
			if (took > timeoutMs / 2) console.error(`slow convergence, last seen at ms:\n  ${[...lastSeen].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([problem, ms]) => `${ms} ${problem}`).join('\n  ')}`);
			return took;
		}
		await new Promise(resolve => setTimeout(resolve, 200));
	}
	throw new Error(`berth did not converge within ${timeoutMs} ms:\n  ${problems.join('\n  ')}\nScreen:\n${term.screen()}`);
}

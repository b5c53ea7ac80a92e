// Reading an engine's JSON answers to compare their shapes: the in-memory engine
// against the real one (in-memory-shapes, swarm), field by field, with JSON types.
import {request} from 'node:http';

/** The JSON a GET answers at API 1.41 (the real engine's version here), with its status; /events answers JSON lines. */
export function getJson(socketPath: string, path: string): Promise<{status: number; body: unknown}> {
	return new Promise((resolve, reject) => {
		request({socketPath, path: `/v1.41${path}`}, response => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (text += chunk));
			response.on('end', () => {
				const lines = text.split('\n').filter(line => line.trim());
				resolve({status: response.statusCode ?? 0, body: path.startsWith('/events') ? lines.map(line => JSON.parse(line) as unknown) : JSON.parse(text || 'null') as unknown});
			});
		}).on('error', reject).end();
	});
}

export const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** Every value at a path: `*` is each value of an object, `[]` each element of an array. */
export function valuesAt(value: unknown, path: string): unknown[] {
	let values = [value];
	for (const step of path.split('.')) {
		values = values.flatMap(current => {
			if (step === '[]') return Array.isArray(current) ? current : [];
			if (current === null || typeof current !== 'object') return [];
			if (step === '*') return Object.values(current);
			return step in current ? [(current as Record<string, unknown>)[step]] : [];
		});
	}
	return values;
}

/** Every path of an answer down to `depth`, arrays as `[]`, with the kinds found there. */
export function pathsOf(value: unknown, prefix = '', depth = 4, out = new Map<string, Set<string>>()): Map<string, Set<string>> {
	if (depth === 0 || value === null || typeof value !== 'object') return out;
	const entries = Array.isArray(value) ? value.map(item => ['[]', item] as const) : Object.entries(value);
	for (const [key, child] of entries) {
		const path = prefix ? `${prefix}.${key}` : key;
		out.set(path, (out.get(path) ?? new Set()).add(kindOf(child)));
		pathsOf(child, path, depth - 1, out);
	}
	return out;
}

import {StringDecoder} from 'node:string_decoder';

/**
 * The engine's streaming endpoints (/events, /stats) send one JSON document per
 * line, split across chunks anywhere. Yields each parsed document; a torn or
 * garbled line is skipped so one bad line never ends the stream.
 */
export async function* jsonLines<T>(stream: NodeJS.ReadableStream): AsyncIterable<T> {
	// A character split across two chunks is joined, not turned into two U+FFFDs.
	const decoder = new StringDecoder('utf8');
	let pending = '';
	for await (const chunk of stream) {
		pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
		let newline = pending.indexOf('\n');
		while (newline !== -1) {
			const line = pending.slice(0, newline).trim();
			pending = pending.slice(newline + 1);
			newline = pending.indexOf('\n');
			if (!line) continue;
			let parsed: T;
			try {
				parsed = JSON.parse(line) as T;
			} catch {
				continue;
			}
			yield parsed;
		}
	}
}

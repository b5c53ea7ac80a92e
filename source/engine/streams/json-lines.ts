import {StringDecoder} from 'node:string_decoder';
import {EngineError} from '../transport/errors.js';

/**
 * The engine's streaming endpoints (/events, /stats) send one JSON document per
 * line, split across chunks anywhere. Yields each parsed document. A garbled
 * line ends the stream with an error: skipping it could lose an event, while
 * the caller's reconnect (from the last event seen) gets it again whole.
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
				throw garbled();
			}
			yield parsed;
		}
		// Every document the engine streams is an object: a line that cannot become one is garbage
		// now, not after a newline that garbage may never bring.
		const rest = pending.trimStart();
		if (rest && !rest.startsWith('{')) throw garbled();
	}
}

function garbled(): EngineError {
	return new EngineError('garbled', 'The engine sent a line that is not JSON; reading again.');
}

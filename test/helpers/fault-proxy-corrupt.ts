// Corrupting an engine answer without breaking its HTTP framing: the head,
// chunk-size lines and trailers pass as they are, and only body bytes are
// replaced, one for one, so the client reads a well-formed response whose
// body is not JSON. Works chunk by chunk, so a stream is not held back.

/** Printable, and none of them can begin or continue a JSON text. */
const replacements = Buffer.from('#$%&*;<>?@^`|~!');

type State =
	| 'head' // the status line and headers, passed
	| 'length' // a Content-Length body, replaced
	| 'size' // a chunk-size line, passed
	| 'data' // chunk data, replaced
	| 'data-end' // the CRLF after chunk data, passed
	| 'until-close' // a body that runs until the connection ends (or a 101's raw stream), replaced
	| 'pass'; // after the body, or a trailer: passed

/** Returns a function that takes each chunk of the engine's answer and gives the bytes to send on instead. */
export function responseCorruptor(random: () => number, requestMethod: string): (chunk: Buffer) => Buffer {
	let state: State = 'head';
	let line = '';
	let remaining = 0;

	const replace = (out: Buffer, from: number, to: number) => {
		for (let index = from; index < to; index++) out[index] = replacements[Math.floor(random() * replacements.length)] ?? 0x23;
	};

	const afterHead = (head: string): State => {
		const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(head)?.[1] ?? 0);
		if (status === 101) return 'until-close';
		// An interim answer (100 Continue) is followed by the real one.
		if (status >= 100 && status < 200) return 'head';
		if (requestMethod === 'HEAD' || status === 204 || status === 304) return 'pass';
		if (/^transfer-encoding\s*:.*chunked/im.test(head)) return 'size';
		const length = /^content-length\s*:\s*(\d+)/im.exec(head);
		if (!length) return 'until-close';
		remaining = Number(length[1]);
		return remaining > 0 ? 'length' : 'pass';
	};

	return chunk => {
		const out = Buffer.from(chunk);
		let index = 0;
		while (index < out.length) {
			switch (state) {
				case 'head':
				case 'size': {
					line += String.fromCharCode(out[index] ?? 0);
					index++;
					if (state === 'head' && line.endsWith('\r\n\r\n')) {
						state = afterHead(line);
						line = '';
					} else if (state === 'size' && line.endsWith('\n')) {
						remaining = Number.parseInt(line.split(';')[0]?.trim() ?? '', 16);
						line = '';
						// The last chunk (size 0) is followed by trailers and a blank line, all framing.
						state = remaining > 0 ? 'data' : 'pass';
					}
					break;
				}
				case 'length':
				case 'data': {
					const end = Math.min(out.length, index + remaining);
					replace(out, index, end);
					remaining -= end - index;
					index = end;
					if (remaining === 0 && state === 'data') {
						state = 'data-end';
						remaining = 2;
					} else if (remaining === 0) {
						state = 'pass';
					}
					break;
				}
				case 'data-end': {
					const end = Math.min(out.length, index + remaining);
					remaining -= end - index;
					index = end;
					if (remaining === 0) state = 'size';
					break;
				}
				case 'until-close':
					replace(out, index, out.length);
					index = out.length;
					break;
				case 'pass':
					index = out.length;
					break;
			}
		}
		return out;
	};
}

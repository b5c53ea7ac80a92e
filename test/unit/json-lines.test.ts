// jsonLines: the engine's line-delimited JSON streams (/stats, /events), read from a real Node stream.
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {jsonLines} from '../../source/engine/streams/json-lines.js';

async function collect(stream: PassThrough, limit = Number.POSITIVE_INFINITY): Promise<unknown[]> {
	const documents: unknown[] = [];
	for await (const document of jsonLines(stream)) {
		documents.push(document);
		if (documents.length >= limit) break;
	}
	return documents;
}

test('documents torn across chunks, a character split between two chunks, blank lines', async () => {
	const stream = new PassThrough();
	const read = collect(stream);
	const euro = Buffer.from('{"name":"€"}\n');
	// Each piece after a turn of the event loop, so the reader sees them one by one
	// (a stream hands over everything buffered at once).
	const pieces = ['{"a":1}\n{"b":', '2}\n\n', euro.subarray(0, 10), euro.subarray(10), '{"c":3}\n'];
	for (const piece of pieces) {
		stream.write(piece);
		await new Promise(resolve => setImmediate(resolve));
	}
	stream.end();
	assert.deepEqual(await read, [{a: 1}, {b: 2}, {name: '€'}, {c: 3}]);
});

test('a garbled line ends the loop with a garbled error, after the documents before it', async () => {
	const stream = new PassThrough();
	const seen: unknown[] = [];
	const reading = (async () => {
		for await (const document of jsonLines(stream)) seen.push(document);
	})();
	stream.write('{"a":1}\n{not json}\n{"b":2}\n');
	await assert.rejects(reading, (error: Error & {kind?: string}) => error.kind === 'garbled');
	assert.deepEqual(seen, [{a: 1}]);
});

test('a line that cannot become a JSON object is garbled at once, without waiting for its newline', async () => {
	const stream = new PassThrough();
	const reading = (async () => {
		for await (const document of jsonLines(stream)) void document;
	})();
	stream.write('{"a":1}\n#$%&*;<>');
	await assert.rejects(reading, (error: Error & {kind?: string}) => error.kind === 'garbled');
});

test('documents arriving while the reader is busy are all read, in order', async () => {
	const stream = new PassThrough();
	const seen: number[] = [];
	const reading = (async () => {
		for await (const document of jsonLines<{n: number}>(stream)) {
			seen.push(document.n);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	})();
	for (let n = 0; n < 20; n++) stream.write(`{"n":${n}}\n`);
	setTimeout(() => stream.end(), 20);
	await reading;
	assert.deepEqual(seen, Array.from({length: 20}, (_, n) => n));
});

test('an error ends the loop with that error, after the documents before it', async () => {
	const stream = new PassThrough();
	const seen: unknown[] = [];
	const reading = (async () => {
		for await (const document of jsonLines(stream)) seen.push(document);
	})();
	stream.write('{"a":1}\n');
	setTimeout(() => stream.destroy(new Error('engine went away')), 10);
	await assert.rejects(reading, /engine went away/);
	assert.deepEqual(seen, [{a: 1}]);
});

test('leaving the loop early destroys the stream', async () => {
	const stream = new PassThrough();
	stream.write('{"a":1}\n{"a":2}\n');
	assert.deepEqual(await collect(stream, 1), [{a: 1}]);
	assert.equal(stream.destroyed, true);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Demuxer} from '../../source/engine/streams/demux.js';

function frame(type: number, text: string): Buffer {
	const payload = Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = type;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

test('frames are split by stream even when headers and payloads are torn across chunks', () => {
	const got: string[] = [];
	const bytes = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, 'out two\n')]);
	// Every possible pair of cut points.
	for (let cut = 0; cut <= bytes.length; cut++) {
		got.length = 0;
		const d = new Demuxer((stream, chunk, start, end) => got.push(`${stream}:${chunk.toString('utf8', start, end)}`));
		d.write(bytes.subarray(0, cut));
		d.write(bytes.subarray(cut));
		assert.equal(got.filter(g => g.startsWith('stderr')).map(g => g.slice(7)).join(''), 'err\n', `cut at ${cut}`);
		assert.equal(got.filter(g => g.startsWith('stdout')).map(g => g.slice(7)).join(''), 'out one\nout two\n', `cut at ${cut}`);
	}
});

test('a header the engine would never send is a garbled error, after the frames before it', () => {
	const got: string[] = [];
	const demuxer = new Demuxer((stream, chunk, start, end) => got.push(`${stream}:${chunk.toString('utf8', start, end)}`));
	demuxer.write(frame(1, 'fine\n'));
	assert.throws(() => demuxer.write(Buffer.from('plain text, no headers\n')), (error: Error & {kind?: string}) => error.kind === 'garbled');
	assert.deepEqual(got, ['stdout:fine\n']);
	const padded = frame(1, 'x');
	padded[2] = 7;
	assert.throws(() => new Demuxer(() => undefined).write(padded), (error: Error & {kind?: string}) => error.kind === 'garbled');
});

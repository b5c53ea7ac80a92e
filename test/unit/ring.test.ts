import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Ring} from '../../source/engine/streams/ring.js';

test('a ring keeps the newest items up to its capacity, oldest first', () => {
	const ring = new Ring<number>(3);
	assert.deepEqual(ring.toArray(), []);
	assert.equal(ring.last(), undefined);
	for (const n of [1, 2, 3, 4, 5]) ring.push(n);
	assert.deepEqual(ring.toArray(), [3, 4, 5]);
	assert.equal(ring.size, 3);
	assert.equal(ring.last(), 5);
	ring.clear();
	assert.deepEqual(ring.toArray(), []);
	assert.throws(() => new Ring(0), /positive integer/);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {Text, useInput, type Key} from 'ink';
import {render} from 'ink-testing-library';
import {chunkKeys} from '../../source/keys/chunk-keys.js';

type Press = readonly [string, Key];

/** Every input event Ink hands to useInput for what is written to stdin. */
async function inkPresses(written: readonly string[]): Promise<Press[]> {
	const presses: Press[] = [];
	function Listener() {
		useInput((input, key) => {
			presses.push([input, key]);
		});
		return <Text>listening</Text>;
	}
	const app = render(<Listener />);
	await new Promise(resolve => setTimeout(resolve, 20));
	for (const chunk of written) {
		app.stdin.write(chunk);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
	app.unmount();
	// Ink also reports the key's event type with some terminals; chunkKeys never does.
	return presses.map(([input, key]) => [input, {...key, eventType: undefined} as Key]);
}

const withoutEventType = (presses: readonly Press[]) => presses.map(([input, key]) => [input, {...key, eventType: undefined}]);

test('each character of a chunk becomes the press Ink reports for it typed alone', async () => {
	const chars = ['j', 'J', ' ', '?', ':', 'é', '\r', '\t', '\u007F', '\b', '\u0001', '\u0004', '\u0015', '7'];
	const alone = await inkPresses(chars);
	const [whole] = await inkPresses([chars.join('')]);
	assert.ok(whole, 'Ink reported the chunk');
	assert.equal(whole[0], chars.join(''), 'Ink hands the run over whole');
	assert.deepEqual(withoutEventType(chunkKeys(whole[0], whole[1])), alone);
});

test('a line feed inside a chunk is an Enter, and unknown control characters are dropped', async () => {
	const [whole] = await inkPresses(['web\n\u001C\u0000x']);
	assert.ok(whole);
	const keys = chunkKeys(whole[0], whole[1]);
	assert.deepEqual(keys.map(([input, key]) => (key.return ? '<enter>' : input)), ['w', 'e', 'b', '<enter>', 'x']);
});

test('a single key, an escape sequence or Ctrl+key is passed on as Ink reported it', async () => {
	for (const written of ['j', '\u001B[B', '\u001Bx', '\u0003', '😀']) {
		const [press] = await inkPresses([written]);
		assert.ok(press, `Ink reported ${JSON.stringify(written)}`);
		assert.deepEqual(chunkKeys(press[0], press[1]), [press], JSON.stringify(written));
	}
});

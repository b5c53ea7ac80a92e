// A berth session recorded as Ink writes it (its own log-update, erasing and
// rewriting each frame, as in a real terminal) and replayed two ways: straight into
// a headless terminal, and through the frame writer into another. Both screens
// must be the same after every frame: the list with live stats, the detail charts,
// the logs, the help, and a resize.
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import xterm from '@xterm/headless';
import {connect, resolveEndpoint} from '../../source/engine/transport/connection.js';
import {FrameWriter} from '../../source/terminal/screen/frame-writer.js';
import {inkOptions} from '../../source/terminal/ink-options.js';
import {startInMemoryEngine} from '../support/in-memory-engine.js';

// In CI mode Ink draws only the last frame; a session is every frame. Ink reads CI as
// it loads, so it (and the app, which loads it) is imported only once CI is gone.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
const {render} = await import('ink');
const {App} = await import('../../source/app.js');
const {EngineProvider} = await import('../../source/hooks/engine-context.js');

class RecordingStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 120;
	rows = 30;
	readonly chunks: string[] = [];
	write = (chunk: string) => {
		this.chunks.push(chunk);
		return true;
	};
}

/** Keys typed into the app, the way ink-testing-library's stdin hands them over. */
class TypingStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	type(data: string): void {
		this.data = data;
		this.emit('readable');
	}

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

const write = (terminal: xterm.Terminal, data: string) => new Promise<void>(resolve => terminal.write(data, resolve));
const screenOf = (terminal: xterm.Terminal) => {
	const buffer = terminal.buffer.active;
	const cell = buffer.getNullCell();
	const rows: string[] = [];
	for (let row = 0; row < terminal.rows; row++) {
		const line = buffer.getLine(buffer.viewportY + row);
		let text = '';
		for (let col = 0; col < terminal.cols; col++) {
			line?.getCell(col, cell);
			const chars = cell.getChars() || ' ';
			text += chars === ' ' ? ` ${cell.getBgColor()}/${cell.isInverse()} ` : `${chars}${cell.getWidth()}${cell.getFgColorMode()}${cell.getFgColor()}${cell.getBgColor()}${cell.isBold()}${cell.isDim()}${cell.isInverse()}`;
		}
		rows.push(text);
	}
	return rows;
};
const textOf = (terminal: xterm.Terminal) => {
	const buffer = terminal.buffer.active;
	return Array.from({length: terminal.rows}, (_, row) => buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '').join('\n');
};

test('a session replayed through the frame writer shows what Ink drew, frame after frame', async t => {
	const engine = await startInMemoryEngine({statsIntervalMs: 200});
	engine.addContainer({name: 'api', stats: {cpuPercent: 42, memoryUsed: 100 * 1024 * 1024, pids: 7, netRx: 2048, netTx: 1024}});
	engine.log('api', ['listening on :8080', 'GET / 200 — 漢字 ok', 'é café']);
	engine.addContainer({name: 'worker-①', stats: {cpuPercent: 3, memoryUsed: 20 * 1024 * 1024, pids: 2, netRx: 10, netTx: 10}});
	engine.addContainer({name: 'db', state: 'exited'});
	const {docker, identity} = await connect(resolveEndpoint({host: engine.host, env: {}, homeDir: '/nonexistent'}));

	const stdout = new RecordingStdout();
	const stdin = new TypingStdin();
	const instance = render(
		<EngineProvider docker={docker}>
			<App endpointLabel={engine.host} engineVersion={identity.engineVersion} engineProduct={identity.engineProduct} apiVersion={identity.apiVersion} isBellEnabled={false} />
		</EngineProvider>,
		{...inkOptions, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: false},
	);
	// Unmounted before the engine it would otherwise try to reconnect to closes.
	t.after(async () => {
		instance.unmount();
		await engine.close();
	});

	const direct = new xterm.Terminal({cols: stdout.columns, rows: stdout.rows, allowProposedApi: true, convertEol: true});
	const through = new xterm.Terminal({cols: stdout.columns, rows: stdout.rows, allowProposedApi: true});
	t.after(() => {
		direct.dispose();
		through.dispose();
	});
	let sent = '';
	const writer = new FrameWriter({write: text => (sent += text), isTTY: true}, stdout.columns, stdout.rows);
	await write(direct, '\u001B[?1049h');
	await write(through, '\u001B[?1049h');
	let replayed = 0;
	let frames = 0;
	/** Replays what Ink wrote since last time, comparing the screens at the end of every frame. */
	const replay = async () => {
		for (; replayed < stdout.chunks.length; replayed++) {
			const chunk = stdout.chunks[replayed]!;
			await write(direct, chunk);
			writer.write(chunk);
			if (sent === '') continue;
			await write(through, sent);
			sent = '';
			frames++;
			assert.deepEqual(screenOf(through), screenOf(direct), `frame ${frames}:\n${textOf(direct)}`);
		}
	};
	const until = async (pattern: RegExp) => {
		const deadline = Date.now() + 8000;
		for (;;) {
			await replay();
			if (pattern.test(textOf(direct))) return;
			if (Date.now() > deadline) throw new Error(`never showed ${String(pattern)}:\n${textOf(direct)}`);
			await new Promise(resolve => setTimeout(resolve, 20));
		}
	};

	await until(/● api .*42(\.0)?%/);
	stdin.type('\r');
	await until(/CPU.*\n(.*\n)*.*[▁▂▃▄▅▆▇█╭╮╰╯─│┤┼]/);
	// A few stats ticks move the charts.
	await until(/api/);
	await new Promise(resolve => setTimeout(resolve, 700));
	stdin.type('\u001B');
	await until(/Containers 3\/3/);
	stdin.type('l');
	await until(/GET \/ 200 — 漢字 ok/);
	stdin.type('?');
	await until(/Esc|close/i);
	stdin.type('?');
	await until(/listening on :8080/);
	stdin.type('\u001B');
	await until(/Containers 3\/3/);

	// Narrower and shorter: Ink clears and draws again; the writer draws the screen whole.
	stdout.columns = 90;
	stdout.rows = 20;
	direct.resize(90, 20);
	through.resize(90, 20);
	writer.resize(90, 20);
	stdout.emit('resize');
	writer.flush();
	await until(/Containers 3\/3/);
	await new Promise(resolve => setTimeout(resolve, 500));
	await replay();
	assert.ok(frames >= 10, `${frames} frames compared`);
});

import assert from 'node:assert/strict';
import {test} from 'node:test';
import {useInput} from 'ink';
import {render} from 'ink-testing-library';
import {ConfirmBox} from '../../source/components/confirm-box.js';
import {FormView} from '../../source/components/form-view.js';
import {progressBar, TransferProgressView} from '../../source/components/transfer-progress.js';
import {applyProgressEvents, emptyProgress} from '../../source/engine/streams/layer-progress.js';
import {useForm, type FormField, type FormValues} from '../../source/hooks/use-form.js';

const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
const tick = () => new Promise(resolve => setTimeout(resolve, 20));
/** Polls until the check passes (a loaded machine may take longer than a tick to re-render), then returns. */
async function eventually(check: () => boolean, what: () => string): Promise<void> {
	const deadline = Date.now() + 3000;
	while (!check()) {
		if (Date.now() > deadline) assert.fail(what());
		await tick();
	}
}

test('transfer progress shows a bar per layer and a total with sizes', () => {
	const progress = applyProgressEvents(emptyProgress, [
		{status: 'Pulling from app', id: '1'},
		{status: 'Downloading', id: 'aaaaaaaaaaaa', progressDetail: {current: 512 * 1024, total: 1024 * 1024}},
		{status: 'Pull complete', id: 'bbbbbbbbbbbb', progressDetail: {}},
	]);
	const {lastFrame} = render(<TransferProgressView title="Pulling app:1" progress={progress} width={100} height={10} state="running" />);
	const lines = plain(lastFrame()).split('\n');
	assert.equal(lines[0], 'Pulling app:1');
	assert.match(lines[1] ?? '', /^Total █+░+ 512KiB \/ 1.00MiB {2}1\/2 layers$/);
	assert.match(lines[2] ?? '', /^aaaaaaaaaaaa Downloading\s+█{15}░{15} 512KiB\/1.00MiB$/);
	assert.match(lines[3] ?? '', /^bbbbbbbbbbbb Pull complete/);
	assert.match(plain(lastFrame()), /Esc cancels/);
	assert.equal(progressBar(1, 4, 8), '██░░░░░░');
	assert.equal(progressBar(5, 0, 4), '░░░░', 'unknown total: empty bar, not a division by zero');
	const failed = render(<TransferProgressView title="Pushing x" progress={progress} width={100} height={10} state="failed" error="denied" />);
	assert.match(plain(failed.lastFrame()), /Failed: denied/);
});

function FormHarness(props: {readonly fields: readonly FormField[]; readonly onSubmit: (values: FormValues) => void; readonly onCancel: () => void}) {
	const form = useForm(props.fields, props.onSubmit, props.onCancel);
	useInput((input, key) => void form.handleKey(input, key));
	return <FormView title="Run" fields={form.fields} focus={form.focus} />;
}

test('a form moves with Tab, types into text fields, cycles choices and submits every value on Enter', async () => {
	let submitted: FormValues | undefined;
	let cancelled = false;
	const fields: readonly FormField[] = [
		{kind: 'text', name: 'name', label: 'Name', value: ''},
		{kind: 'choice', name: 'restart', label: 'Restart', value: 'no', options: ['no', 'always', 'unless-stopped']},
		{kind: 'toggle', name: 'detached', label: 'Detached', value: true},
	];
	const {lastFrame, stdin} = render(<FormHarness fields={fields} onSubmit={values => (submitted = values)} onCancel={() => (cancelled = true)} />);
	await tick();
	for (const char of 'web') {
		stdin.write(char);
		await tick();
	}
	stdin.write('\t');
	await tick();
	stdin.write('\u001B[C');
	await tick();
	stdin.write('\u001B[C');
	await tick();
	stdin.write('\t');
	await tick();
	stdin.write(' ');
	await eventually(() => /› Detached \[ \] no/.test(plain(lastFrame())), () => plain(lastFrame()));
	const frame = plain(lastFrame());
	assert.match(frame, / {2}Name {5}web/);
	assert.match(frame, /Restart {2}‹ unless-stopped ›/);
	stdin.write('\r');
	await eventually(() => submitted !== undefined, () => 'not submitted');
	assert.deepEqual(submitted, {name: 'web', restart: 'unless-stopped', detached: false});
	stdin.write('\u001B');
	await eventually(() => cancelled, () => 'not cancelled');
});

test('a confirmation lists what goes, cuts long lists with a count, and names its keys', () => {
	const {lastFrame} = render(<ConfirmBox title="Prune 12 images?" items={Array.from({length: 12}, (_, i) => `image-${i}`)} maxItems={3} toggles={[{key: 'a', label: 'all unused', isOn: true}]} verb="prune" />);
	const frame = plain(lastFrame());
	assert.match(frame, /Prune 12 images\?/);
	assert.match(frame, /image-2/);
	assert.doesNotMatch(frame, /image-3\b/);
	assert.match(frame, /…and 9 more/);
	assert.match(frame, /\[x\] a {2}all unused/);
	assert.match(frame, /y\/Enter prune {3}n\/Esc cancel/);
});

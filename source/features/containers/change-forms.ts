// The containers view's forms as data, and what their typed values mean:
// pure, so the parsing is tested without a terminal.
import type {ContainerSettings, SettingsChange} from '../../engine/resources/container-settings.js';
import {restartPolicies, type RestartPolicy} from '../../engine/resources/run-image.js';
import {formText, type FormField, type FormValues} from '../../hooks/use-form.js';
import {formatBytes} from '../../text/units.js';
import {progressBar} from '../../components/transfer-progress.js';
import type {CopyProgress} from '../../engine/resources/container-copy.js';

/** Below this a copy is over before a bar would mean anything. */
const barFromBytes = 1024 * 1024;

/** The status line while a copy or export goes on: a bar when the size is known and large, else the bytes so far. */
export function progressText(what: string, {bytes, total}: CopyProgress, width: number): string {
	if (total === undefined) return `${what}  ${formatBytes(bytes)}…`;
	if (total < barFromBytes) return `${what}…`;
	return `${what}  ${progressBar(bytes, total, Math.max(5, Math.min(30, width - what.length - 30)))} ${formatBytes(bytes)} / ${formatBytes(total)}`;
}

/** The signals `K` offers, the one it sends by default first (Enter accepts it). */
export const killSignals = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;

export const copyDirections = ['from the container', 'into the container'] as const;

export function renameFields(name: string): readonly FormField[] {
	return [{kind: 'text', name: 'name', label: 'New name', value: name}];
}

export function killFields(): readonly FormField[] {
	return [{kind: 'choice', name: 'signal', label: 'Signal', value: 'SIGKILL', options: killSignals}];
}

export function copyFields(): readonly FormField[] {
	return [
		{kind: 'choice', name: 'direction', label: 'Copy', value: copyDirections[0], options: copyDirections},
		{kind: 'text', name: 'inside', label: 'Container path', value: '', placeholder: 'e.g. /etc/hosts or /data'},
		{kind: 'text', name: 'local', label: 'Local path', value: '.', placeholder: 'a folder or a new name (~ works)'},
	];
}

export function exportFields(name: string): readonly FormField[] {
	return [{kind: 'text', name: 'file', label: 'Tar file', value: `./${name}.tar`}];
}

export function commitFields(name: string): readonly FormField[] {
	return [
		{kind: 'text', name: 'reference', label: 'Repository:tag', value: '', placeholder: `e.g. ${name}:snapshot`},
		{kind: 'text', name: 'message', label: 'Message', value: '', placeholder: 'optional'},
	];
}

/** "2GiB" rather than "2.00GiB": a value the form shows must read back as itself. */
function bytesText(bytes: number): string {
	return bytes > 0 ? formatBytes(bytes).replace(/\.0+(?=[A-Za-z])/, '') : '';
}

export function updateFields(settings: ContainerSettings): readonly FormField[] {
	return [
		{kind: 'text', name: 'cpus', label: 'CPUs', value: settings.cpus > 0 ? String(settings.cpus) : '', placeholder: 'e.g. 1.5 (empty: no limit)'},
		{kind: 'text', name: 'memory', label: 'Memory', value: bytesText(settings.memory), placeholder: 'e.g. 256m or 1g (empty: no limit)'},
		{kind: 'text', name: 'memorySwap', label: 'Memory+swap', value: settings.memorySwap === -1 ? '-1' : bytesText(settings.memorySwap), placeholder: '-1 unlimited swap; empty: twice the memory'},
		{kind: 'text', name: 'pids', label: 'PIDs limit', value: settings.pidsLimit > 0 ? String(settings.pidsLimit) : '', placeholder: 'empty: no limit'},
		{kind: 'choice', name: 'restart', label: 'Restart policy', value: settings.restartPolicy, options: restartPolicies},
		{kind: 'text', name: 'retries', label: 'Max retries', value: String(settings.maximumRetryCount), placeholder: 'on-failure only'},
	];
}

const unitBytes: Readonly<Record<string, number>> = {'': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4};

/** "256m", "1.5GiB", "1g", "1048576": bytes as `docker update` reads them (binary units), or an error in words. */
export function parseBytes(typed: string, label: string): number | string {
	const match = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)(?:i?b)?$/i.exec(typed.trim());
	if (!match) return `${label}: "${typed}" is not a size; write e.g. 256m, 1.5g or 1GiB.`;
	return Math.round(Number(match[1]) * (unitBytes[(match[2] ?? '').toLowerCase()] ?? 1));
}

/**
 * The change the typed values ask for: only fields that differ from what the
 * engine holds are sent. The engine keeps a memory or CPU limit it was given
 * (0 means "unchanged" to it), so emptying one is refused in words.
 */
export function settingsChange(settings: ContainerSettings, values: FormValues): SettingsChange | string {
	const change: {-readonly [K in keyof SettingsChange]: SettingsChange[K]} = {};
	const cpus = formText(values, 'cpus');
	if (cpus === '') {
		if (settings.cpus > 0) return 'The engine cannot lift a CPU limit once set: give a larger one instead.';
	} else {
		const value = Number(cpus);
		if (!Number.isFinite(value) || value <= 0) return `CPUs: "${cpus}" is not a number of CPUs; write e.g. 0.5 or 2.`;
		if (value !== settings.cpus) change.cpus = value;
	}
	const memory = formText(values, 'memory');
	if (memory === '') {
		if (settings.memory > 0) return 'The engine cannot lift a memory limit once set: give a larger one instead.';
	} else {
		const value = parseBytes(memory, 'Memory');
		if (typeof value === 'string') return value;
		if (value < 6 * 1024 ** 2) return 'Memory: the engine takes no less than 6MiB.';
		if (value !== settings.memory) change.memory = value;
	}
	const swap = formText(values, 'memorySwap');
	if (swap === '-1') {
		if (settings.memorySwap !== -1) change.memorySwap = -1;
	} else if (swap !== '') {
		const value = parseBytes(swap, 'Memory+swap');
		if (typeof value === 'string') return value;
		if (value !== settings.memorySwap) change.memorySwap = value;
	}
	const pids = formText(values, 'pids');
	const pidsLimit = pids === '' || pids === '-1' || pids === '0' ? 0 : Number(pids);
	if (!Number.isInteger(pidsLimit) || pidsLimit < 0) return `PIDs limit: "${pids}" is not a whole number.`;
	if (pidsLimit !== settings.pidsLimit) change.pidsLimit = pidsLimit;
	const policy = restartPolicies.find(known => known === formText(values, 'restart')) ?? settings.restartPolicy;
	const retriesText = formText(values, 'retries') || '0';
	const retries = Number(retriesText);
	if (!Number.isInteger(retries) || retries < 0) return `Max retries: "${retriesText}" is not a whole number.`;
	const maximumRetryCount = policy === 'on-failure' ? retries : 0;
	if (policy !== settings.restartPolicy || (policy === 'on-failure' && maximumRetryCount !== settings.maximumRetryCount)) {
		change.restart = {policy: policy satisfies RestartPolicy, maximumRetryCount};
	}
	return change;
}

/** "CPUs 1.5, memory 256MiB, restart on-failure:3": what an update changed, for the status line. */
export function changeWords(change: SettingsChange): string {
	const parts = [
		change.cpus === undefined ? '' : `CPUs ${change.cpus}`,
		change.memory === undefined ? '' : `memory ${formatBytes(change.memory)}`,
		change.memorySwap === undefined ? '' : `memory+swap ${change.memorySwap === -1 ? 'unlimited' : formatBytes(change.memorySwap)}`,
		change.pidsLimit === undefined ? '' : `PIDs limit ${change.pidsLimit > 0 ? change.pidsLimit : 'none'}`,
		change.restart ? `restart ${change.restart.policy}${change.restart.policy === 'on-failure' && change.restart.maximumRetryCount ? `:${change.restart.maximumRetryCount}` : ''}` : '',
	];
	return parts.filter(Boolean).join(', ');
}

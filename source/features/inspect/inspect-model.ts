import type {FilesystemChange, ProcessTable, RestartAndHealth} from '../../engine/resources/container-details.js';
import {sanitizeInline} from '../../text/sanitize.js';
import {maskInspect} from './secrets.js';
import {prettyLines} from '../../components/text-view-model.js';

/** The inspect document as YAML-like lines, secrets masked unless revealed, every string sanitised. */
export function inspectLines(inspect: Readonly<Record<string, unknown>>, isMasked: boolean): string[] {
	return prettyLines(maskInspect(inspect, isMasked)).map(line => sanitizeInline(line));
}

export function processLines(table: ProcessTable): string[] {
	if (table.processes.length === 0) return ['No processes (the container is not running).'];
	const widths = table.titles.map((title, column) => Math.min(24, Math.max(title.length, ...table.processes.map(row => (row[column] ?? '').length))));
	const line = (cells: readonly string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
	return [line(table.titles), ...table.processes.map(line)];
}

const changeMark = {added: 'A', modified: 'C', deleted: 'D'} as const;

export function changeLines(changes: readonly FilesystemChange[]): string[] {
	if (changes.length === 0) return ['No changes to the image\'s filesystem.'];
	return [`${changes.length} change${changes.length === 1 ? '' : 's'} (A added, C changed, D deleted):`, ...changes.map(change => `${changeMark[change.kind]} ${change.path}`)];
}

export function healthLines(details: RestartAndHealth): string[] {
	const retries = details.restartPolicy === 'on-failure' && details.maximumRetryCount > 0 ? ` (at most ${details.maximumRetryCount} retries)` : '';
	return [
		`Restart policy:  ${details.restartPolicy}${retries}`,
		`Restarts so far: ${details.restartCount}`,
		'',
		details.healthCheck ? `Health check:    ${details.healthCheck}` : 'Health check:    none (the image and the container define none)',
		...(details.healthStatus ? [`Health:          ${details.healthStatus}${details.failingStreak ? ` (failing streak ${details.failingStreak})` : ''}`] : []),
		...(details.probes.length > 0 ? ['', 'Recent probes (newest last):'] : []),
		...details.probes.flatMap(probe => [`  ${probe.start}  exit ${probe.exitCode}`, ...(probe.output ? [`    ${probe.output}`] : [])]),
	];
}

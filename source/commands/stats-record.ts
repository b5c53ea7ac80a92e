import stringWidth from 'string-width';
import type {StatsSample} from '../engine/streams/stats.js';
import {fitCell} from '../text/cells.js';
import {formatBytes, formatPercent} from '../text/units.js';

/** What `berth stats --json` prints per container: stable names, numbers as numbers (null = not known yet). */
export interface StatsRecord {
	readonly id: string;
	readonly name: string;
	readonly cpuPercent: number | null;
	readonly memoryUsedBytes: number | null;
	readonly memoryLimitBytes: number | null;
	readonly netRxBytes: number;
	readonly netTxBytes: number;
	readonly blockReadBytes: number;
	readonly blockWriteBytes: number;
	readonly pids: number | null;
	/** The engine, when several are watched (`--host a --host b`). */
	readonly host?: string;
}

const rounded = (value: number | undefined, digits: number) =>
	value === undefined || !Number.isFinite(value) ? null : Number(value.toFixed(digits));

export function toStatsRecord(name: string, sample: StatsSample): StatsRecord {
	return {
		id: sample.id,
		name,
		cpuPercent: rounded(sample.cpuPercent, 2),
		memoryUsedBytes: rounded(sample.memoryUsed, 0),
		memoryLimitBytes: rounded(sample.memoryLimit, 0),
		netRxBytes: sample.netRx,
		netTxBytes: sample.netTx,
		blockReadBytes: sample.blockRead,
		blockWriteBytes: sample.blockWrite,
		pids: rounded(sample.pids, 0),
	};
}

const orNone = (value: number | null, format: (n: number) => string) => (value === null ? '-' : format(value));

/** The table `berth stats` prints, with the columns `docker stats` has, so people can read it the same way. */
export function statsTable(records: readonly StatsRecord[]): string {
	// Several engines: a HOST column first, as in the screen's list.
	if (records.some(record => record.host !== undefined)) {
		const table = statsTable(records.map(({host: _host, ...record}) => record)).split('\n');
		const width = Math.min(30, Math.max(4, ...records.map(record => stringWidth(record.host ?? ''))));
		return table.map((line, index) => `${fitCell(index === 0 ? 'HOST' : records[index - 1]?.host ?? '', width)}   ${line}`).join('\n');
	}
	const header = ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'];
	const rows = records.map(r => [
		r.id.slice(0, 12),
		r.name,
		orNone(r.cpuPercent, n => formatPercent(n)),
		`${orNone(r.memoryUsedBytes, formatBytes)} / ${orNone(r.memoryLimitBytes, formatBytes)}`,
		r.memoryUsedBytes !== null && r.memoryLimitBytes ? formatPercent((r.memoryUsedBytes / r.memoryLimitBytes) * 100) : '-',
		`${formatBytes(r.netRxBytes)} / ${formatBytes(r.netTxBytes)}`,
		`${formatBytes(r.blockReadBytes)} / ${formatBytes(r.blockWriteBytes)}`,
		orNone(r.pids, String),
	]);
	// Columns, not code units: names may hold wide characters. Long names are cut at 40.
	const widths = header.map((title, column) => Math.min(40, Math.max(title.length, ...rows.map(row => stringWidth(row[column] ?? '')))));
	const right = new Set([2, 4, 7]);
	const line = (cells: readonly string[]) =>
		cells.map((cell, column) => fitCell(cell, widths[column] ?? 0, right.has(column) ? 'right' : 'left')).join('   ').trimEnd();
	return [line(header), ...rows.map(line)].join('\n');
}

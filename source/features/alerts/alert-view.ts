import type {Alert, AlertKind} from '../../engine/alerts/alerts.js';
import {fitCell} from '../../text/cells.js';
import {clockTime} from '../../text/event-line.js';

export const alertLabel: Readonly<Record<AlertKind, string>> = {
	oom: 'OOM',
	exit: 'exit',
	unhealthy: 'unhealthy',
	'restart-loop': 'restarts',
	unreachable: 'engine',
	'not-converging': 'service',
	'task-failed': 'task',
	'node-down': 'node',
};

export const alertColor: Readonly<Record<AlertKind, string>> = {
	oom: 'red',
	exit: 'red',
	unhealthy: 'yellow',
	'restart-loop': 'magenta',
	unreachable: 'red',
	'not-converging': 'yellow',
	'task-failed': 'red',
	'node-down': 'red',
};

export interface AlertCells {
	readonly time: string;
	readonly kind: string;
	readonly message: string;
}

/** Time of the last occurrence, the kind, and the message with a repeat count; at most `width` columns. */
export function alertCells(alert: Alert, width: number): AlertCells {
	const count = alert.count > 1 ? ` (×${alert.count})` : '';
	return {
		time: fitCell(clockTime(alert.lastTime), 8),
		kind: fitCell(alertLabel[alert.kind], 9),
		message: fitCell(`${alert.message}${count}`, Math.max(0, width - 8 - 9 - 2)).trimEnd(),
	};
}

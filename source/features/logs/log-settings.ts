// Log settings a person can set on the command line (--tail, --log-buffer);
// cli.tsx fills them in before the first render, panes read them.
import {defaultLogCapacity} from '../../engine/streams/log-buffer.js';

export interface LogSettings {
	/** Lines a log view opens on. */
	tail: number | 'all';
	/** Lines a log view holds at most (oldest dropped first). */
	capacity: number;
}

export const logSettings: LogSettings = {tail: 1000, capacity: defaultLogCapacity};

// The stand-in engine's streaming answers: a container's stats (one JSON line
// a second, or at once when a test sets new numbers) and its logs (the
// engine's multiplexed frames, or raw bytes for a TTY, with timestamps, tail,
// since, until and follow), and the JSON-lines progress of a pull or push.
import type {ServerResponse} from 'node:http';
import type {ContainerRecord, EngineModel, LogRecord} from './model.js';
import {logTimestamp, parseQueryTime} from './time.js';

const isTrue = (value: string | null) => value === '1' || value === 'true';

interface CpuCounters {
	total: number;
	system: number;
}

/** One sample in the engine's shape; `previous` fills precpu_stats (the first sample of a stream has none). */
export function statsSample(container: ContainerRecord, host: {readonly cpus: number; readonly memoryBytes: number}, counters: CpuCounters, previous: CpuCounters | undefined) {
	const {cpus} = host;
	const {stats} = container;
	const cpu = (at: CpuCounters | undefined) => ({
		cpu_usage: {total_usage: at?.total ?? 0, usage_in_kernelmode: 0, usage_in_usermode: at?.total ?? 0},
		...(at ? {system_cpu_usage: at.system, online_cpus: cpus} : {}),
		throttling_data: {periods: 0, throttled_periods: 0, throttled_time: 0},
	});
	const now = new Date().toISOString();
	return {
		read: now,
		preread: previous ? new Date(Date.now() - 1000).toISOString() : '0001-01-01T00:00:00Z',
		pids_stats: {current: stats.pids},
		blkio_stats: {io_service_bytes_recursive: [{major: 254, minor: 0, op: 'read', value: stats.blockRead}, {major: 254, minor: 0, op: 'write', value: stats.blockWrite}]},
		num_procs: 0,
		storage_stats: {},
		cpu_stats: cpu(counters),
		precpu_stats: cpu(previous),
		// Without a limit of its own a container's limit is the host's memory.
		memory_stats: {usage: stats.memoryUsed, stats: {inactive_file: 0}, limit: container.limits.memory || host.memoryBytes},
		name: `/${container.name}`,
		id: container.id,
		networks: {eth0: {rx_bytes: stats.netRx, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: stats.netTx, tx_packets: 0, tx_errors: 0, tx_dropped: 0}},
	};
}

/** What a stopped container's stats say: zeroes and Go's zero time. */
function emptySample(container: ContainerRecord) {
	return {read: '0001-01-01T00:00:00Z', preread: '0001-01-01T00:00:00Z', pids_stats: {}, blkio_stats: {io_service_bytes_recursive: null}, num_procs: 0, storage_stats: {}, cpu_stats: {cpu_usage: {total_usage: 0}}, precpu_stats: {cpu_usage: {total_usage: 0}}, memory_stats: {}, name: `/${container.name}`, id: container.id};
}

export function answerStats(model: EngineModel, container: ContainerRecord, query: URLSearchParams, res: ServerResponse, options: {readonly cpus: number; readonly memoryBytes: number; readonly intervalMs: number}): void {
	const isStream = query.get('stream') !== 'false' && query.get('stream') !== '0';
	res.writeHead(200, {'Content-Type': 'application/json'});
	if (!model.isActive(container)) {
		res.end(`${JSON.stringify(emptySample(container))}\n`);
		return;
	}
	// CPU time as the kernel counts it: the system's advances a second per CPU per sample, the container's its share.
	let counters: CpuCounters = {total: 1e9, system: 1e13};
	const next = (): CpuCounters => {
		const system = options.cpus * 1e9;
		return {total: counters.total + (container.stats.cpuPercent / 100) * (system / options.cpus), system: counters.system + system};
	};
	if (!isStream) {
		const now = next();
		res.end(`${JSON.stringify(statsSample(container, options, now, counters))}\n`);
		return;
	}
	let previous: CpuCounters | undefined;
	const write = () => {
		res.write(`${JSON.stringify(statsSample(container, options, counters, previous))}\n`);
		previous = counters;
		counters = next();
	};
	write();
	const timer = setInterval(write, options.intervalMs);
	const stopped = () => res.end();
	container.watchers.samples.add(write);
	container.watchers.stopped.add(stopped);
	res.on('close', () => {
		clearInterval(timer);
		container.watchers.samples.delete(write);
		container.watchers.stopped.delete(stopped);
	});
}

/** A log line as the engine sends it: an 8-byte frame header unless the container has a TTY. */
function frame(line: LogRecord, isTty: boolean, timestamps: boolean): Buffer {
	const payload = Buffer.from(`${timestamps ? `${logTimestamp(line.ns)} ` : ''}${line.text}\n`);
	if (isTty) return payload;
	const header = Buffer.alloc(8);
	header[0] = line.stream === 'stderr' ? 2 : 1;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

/** GET /containers/{id}/logs. Answers 400 itself when no stream is chosen, as the engine does. */
export function answerLogs(model: EngineModel, container: ContainerRecord, query: URLSearchParams, res: ServerResponse, apiVersion: number): {readonly status: number; readonly message: string} | undefined {
	const streams = new Set([isTrue(query.get('stdout')) ? 'stdout' : '', isTrue(query.get('stderr')) ? 'stderr' : ''].filter(Boolean));
	if (streams.size === 0) return {status: 400, message: 'Bad parameters: you must choose at least one stream'};
	const since = query.get('since') && query.get('since') !== '0' ? parseQueryTime(query.get('since') ?? '') : undefined;
	const until = query.get('until') && query.get('until') !== '0' ? parseQueryTime(query.get('until') ?? '') : undefined;
	const timestamps = isTrue(query.get('timestamps'));
	const tail = query.get('tail');
	const chosen = (line: LogRecord) => streams.has(line.stream) && (since === undefined || line.ns >= since) && (until === undefined || line.ns <= until);
	// The engine cuts the tail from the whole log first, then applies since and until.
	const all = container.logs;
	const tailed = tail && tail !== 'all' && /^\d+$/.test(tail) ? all.slice(Math.max(0, all.length - Number(tail))) : all;
	const contentType = container.tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream';
	res.writeHead(200, apiVersion >= 1.42 ? {'Content-Type': contentType} : {});
	for (const line of tailed) if (chosen(line)) res.write(frame(line, container.tty, timestamps));
	const isLive = until === undefined || until > BigInt(Date.now()) * 1_000_000n;
	if (!isTrue(query.get('follow')) || !model.isActive(container) || !isLive) {
		res.end();
		return undefined;
	}
	const onLine = (line: LogRecord) => {
		if (chosen(line)) res.write(frame(line, container.tty, timestamps));
	};
	const onStopped = () => res.end();
	container.watchers.lines.add(onLine);
	container.watchers.stopped.add(onStopped);
	res.on('close', () => {
		container.watchers.lines.delete(onLine);
		container.watchers.stopped.delete(onStopped);
	});
	return undefined;
}

/** A pull's or push's progress lines, written as the engine writes them (JSON lines, then the end). */
export function answerProgress(res: ServerResponse, lines: readonly object[]): void {
	res.writeHead(200, {'Content-Type': 'application/json'});
	for (const line of lines) res.write(`${JSON.stringify(line)}\r\n`);
	res.end();
}

// What inspect says about a container's health check and how it died: read on
// demand (a die, the health panel, the first health-check exec of a container),
// never on a timer.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {toEngineError} from '../transport/errors.js';
import {healthCheckCommand} from '../alerts/health-noise.js';

export interface HealthCheckConfig {
	/** The engine's form: ["CMD-SHELL", "curl -f localhost"], ["CMD", ...]. */
	readonly test: readonly string[];
	/** The command line the engine's exec events show for it. */
	readonly command: string | undefined;
	readonly intervalMs: number | undefined;
	readonly timeoutMs: number | undefined;
	readonly startPeriodMs: number | undefined;
	readonly retries: number | undefined;
}

export interface HealthResult {
	readonly start: number;
	readonly end: number;
	readonly exitCode: number;
	/** One line, sanitised: the check's output is untrusted text. */
	readonly output: string;
}

export interface ContainerHealth {
	readonly id: string;
	readonly name: string;
	readonly config: HealthCheckConfig | undefined;
	/** 'healthy' | 'unhealthy' | 'starting' | 'none'. */
	readonly status: string;
	readonly failingStreak: number;
	/** Oldest first, as the engine keeps them (the last five). */
	readonly results: readonly HealthResult[];
	readonly oomKilled: boolean;
	readonly exitCode: number | undefined;
}

interface RawHealthcheck {
	Test?: string[];
	Interval?: number;
	Timeout?: number;
	StartPeriod?: number;
	Retries?: number;
}

interface RawInspect {
	Id: string;
	Name?: string;
	Config?: {Healthcheck?: RawHealthcheck; Shell?: string[]};
	State?: {
		OOMKilled?: boolean;
		ExitCode?: number;
		Health?: {Status?: string; FailingStreak?: number; Log?: Array<{Start?: string; End?: string; ExitCode?: number; Output?: string}>};
	};
}

const nsToMs = (ns: number | undefined) => (ns ? ns / 1e6 : undefined);

export function toContainerHealth(raw: RawInspect): ContainerHealth {
	const check = raw.Config?.Healthcheck;
	const test = check?.Test ?? [];
	const hasCheck = test.length > 0 && test[0] !== 'NONE';
	return {
		id: raw.Id,
		name: sanitizeInline((raw.Name ?? raw.Id.slice(0, 12)).replace(/^\//, '')),
		config: hasCheck
			? {
				test: test.map(part => sanitizeInline(part)),
				command: healthCheckCommand(test, raw.Config?.Shell),
				intervalMs: nsToMs(check?.Interval),
				timeoutMs: nsToMs(check?.Timeout),
				startPeriodMs: nsToMs(check?.StartPeriod),
				retries: check?.Retries || undefined,
			}
			: undefined,
		status: raw.State?.Health?.Status ?? 'none',
		failingStreak: raw.State?.Health?.FailingStreak ?? 0,
		results: (raw.State?.Health?.Log ?? []).map(entry => ({
			start: Date.parse(entry.Start ?? '') || 0,
			end: Date.parse(entry.End ?? '') || 0,
			exitCode: entry.ExitCode ?? -1,
			output: sanitizeInline(entry.Output ?? '').trim(),
		})),
		oomKilled: raw.State?.OOMKilled ?? false,
		exitCode: raw.State?.ExitCode,
	};
}

export async function inspectHealth(docker: Docker, id: string, signal?: AbortSignal): Promise<ContainerHealth> {
	try {
		const raw = (await docker.getContainer(id).inspect(signal ? {abortSignal: signal} : {})) as unknown as RawInspect;
		return toContainerHealth(raw);
	} catch (error) {
		throw toEngineError(error);
	}
}

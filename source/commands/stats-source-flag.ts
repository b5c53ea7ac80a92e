import type Docker from 'dockerode';
import type {EngineIdentity, Endpoint} from '../engine/transport/connection.js';
import {EngineError} from '../engine/transport/errors.js';
import {StatsSource, statsSourceModes, type StatsSourceMode} from '../engine/streams/stats-source.js';

export const statsSourceProblem = '--stats-source takes auto, cgroup or engine';

export const isStatsSourceMode = (value: unknown): value is StatsSourceMode => statsSourceModes.includes(value as StatsSourceMode);

/**
 * The stats source for --stats-source. auto decides in the background (the
 * first frame does not wait for it); cgroup asked for by name must be possible,
 * or berth says why and stops rather than quietly using the engine's streams.
 */
export async function openStatsSource(docker: Docker, endpoint: Endpoint, identity: EngineIdentity, mode: string): Promise<StatsSource> {
	if (!isStatsSourceMode(mode)) throw new EngineError('bad-config', `${statsSourceProblem}.`);
	const source = new StatsSource(docker, {socketPath: endpoint.options.socketPath, label: endpoint.label, product: identity.engineProduct}, mode);
	if (mode === 'cgroup') {
		await source.ready;
		const state = source.state;
		if (state.kind === 'engine') {
			source.close();
			throw new EngineError('bad-config', `--stats-source cgroup cannot be used here: ${state.reason ?? 'unknown'}. Use --stats-source engine or auto.`);
		}
	}
	return source;
}

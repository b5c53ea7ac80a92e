// Commit and the single-kind prunes: stopped containers (the containers view),
// unused networks (the networks view) and the build cache (the system view).
// Each preview lists what would go the way the engine decides it, so the
// question shows the list before anything is removed.
import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {splitReference} from './images.js';
import type {PruneItem} from './system.js';

/** POST /commit: an image from the container's filesystem as it is now; the new image's id. */
export async function commitContainer(docker: Docker, id: string, reference: string, message: string): Promise<string> {
	const trimmed = reference.trim();
	if (!trimmed) throw new EngineError('bad-config', 'Type the new image\'s repository:tag, e.g. myapp:snapshot.');
	if (/\s/.test(trimmed) || trimmed.includes('@')) throw new EngineError('bad-config', `"${sanitizeInline(trimmed)}" is not a repository:tag.`);
	const {repository, tag} = splitReference(trimmed);
	try {
		const answer = await docker.getContainer(id).commit({repo: repository, tag, ...(message.trim() ? {comment: message.trim()} : {})}) as {Id?: string};
		return answer.Id ?? '';
	} catch (error) {
		throw toEngineError(error);
	}
}

const isStopped = (state: string) => !['running', 'paused', 'restarting'].includes(state);

/** What `docker container prune` removes: every container not running, paused or restarting. */
export async function previewContainerPrune(docker: Docker): Promise<readonly PruneItem[]> {
	try {
		// Without sizes: working them out reads every container's layer, seconds on a busy host.
		const containers = await docker.listContainers({all: true});
		return containers.filter(container => isStopped(container.State)).map(container => ({
			id: container.Id,
			name: sanitizeInline(`${(container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '')}  ${container.Status ?? ''}`.trim()),
		}));
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function pruneContainers(docker: Docker): Promise<{readonly deleted: number; readonly reclaimed: number}> {
	try {
		const answer = await docker.pruneContainers() as {ContainersDeleted?: string[] | null; SpaceReclaimed?: number};
		return {deleted: (answer.ContainersDeleted ?? []).length, reclaimed: answer.SpaceReclaimed ?? 0};
	} catch (error) {
		throw toEngineError(error);
	}
}

const builtinNetworks = new Set(['bridge', 'host', 'none']);

/**
 * What `docker network prune` removes: networks the engine made for no one
 * (not bridge, host or none) with no container attached that is running;
 * a stopped container holds no endpoint, so it does not keep its network.
 * Swarm-scoped networks are a manager's to prune and are left out, as the engine does.
 */
export async function previewNetworkPrune(docker: Docker): Promise<readonly PruneItem[]> {
	try {
		const [networks, running] = await Promise.all([docker.listNetworks(), docker.listContainers()]);
		const used = new Set(running.flatMap(container => Object.values(container.NetworkSettings?.Networks ?? {}).map(endpoint => endpoint.NetworkID)));
		return networks.filter(network => !builtinNetworks.has(network.Name) && network.Scope !== 'swarm' && !used.has(network.Id))
			.map(network => ({id: network.Id, name: sanitizeInline(network.Name)}));
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function pruneNetworks(docker: Docker): Promise<readonly string[]> {
	try {
		const answer = await docker.pruneNetworks() as {NetworksDeleted?: string[] | null};
		return (answer.NetworksDeleted ?? []).map(sanitizeInline);
	} catch (error) {
		throw toEngineError(error);
	}
}

interface RawCacheEntry {
	ID?: string;
	Type?: string;
	Description?: string;
	Size?: number;
	InUse?: boolean;
	Shared?: boolean;
	LastUsedAt?: string | null;
}

/** What `docker builder prune` (without --all) removes: cache records not in use and not shared with an image. */
export async function previewBuildCachePrune(docker: Docker): Promise<readonly PruneItem[]> {
	try {
		const df = await docker.df() as {BuildCache?: RawCacheEntry[] | null};
		return (df.BuildCache ?? []).filter(entry => !entry.InUse && !entry.Shared).map(entry => ({
			id: entry.ID ?? '',
			name: sanitizeInline(`${(entry.ID ?? '').slice(0, 12)}  ${entry.Type ?? ''}  ${entry.Description ?? ''}`.trim()),
			size: entry.Size ?? 0,
		}));
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function pruneBuildCache(docker: Docker): Promise<{readonly deleted: number; readonly reclaimed: number}> {
	try {
		const answer = await docker.pruneBuilder() as {CachesDeleted?: string[] | null; SpaceReclaimed?: number};
		return {deleted: (answer.CachesDeleted ?? []).length, reclaimed: answer.SpaceReclaimed ?? 0};
	} catch (error) {
		throw toEngineError(error);
	}
}

import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {engineProduct, engineVersionText} from '../transport/engine-product.js';
import {toEngineError} from '../transport/errors.js';
import {shortImageId} from './images.js';

export interface EngineInfo {
	readonly name: string;
	readonly engineVersion: string;
	/** "Docker" or "Podman". */
	readonly engineProduct: string;
	readonly apiVersion: string;
	readonly minApiVersion: string;
	readonly os: string;
	readonly osType: string;
	readonly architecture: string;
	readonly kernel: string;
	readonly storageDriver: string;
	readonly cgroupVersion: string;
	readonly cgroupDriver: string;
	readonly cpus: number;
	readonly memory: number;
	readonly containers: {readonly total: number; readonly running: number; readonly paused: number; readonly stopped: number};
	readonly images: number;
	readonly dockerRootDir: string;
	readonly warnings: readonly string[];
}

interface RawInfo {
	Name?: string; OperatingSystem?: string; OSType?: string; Architecture?: string; KernelVersion?: string;
	Driver?: string; CgroupVersion?: string; CgroupDriver?: string; NCPU?: number; MemTotal?: number;
	Containers?: number; ContainersRunning?: number; ContainersPaused?: number; ContainersStopped?: number;
	Images?: number; DockerRootDir?: string; Warnings?: string[] | null;
}

export async function engineInfo(docker: Docker): Promise<EngineInfo> {
	try {
		const [info, version] = await Promise.all([docker.info() as Promise<RawInfo>, docker.version()]);
		const text = (value: string | undefined) => sanitizeInline(value ?? '');
		return {
			name: text(info.Name),
			engineVersion: engineVersionText(version),
			engineProduct: engineProduct(version),
			apiVersion: text(version.ApiVersion),
			minApiVersion: text((version as {MinAPIVersion?: string}).MinAPIVersion),
			os: text(info.OperatingSystem),
			osType: text(info.OSType),
			architecture: text(info.Architecture),
			kernel: text(info.KernelVersion),
			storageDriver: text(info.Driver),
			cgroupVersion: text(info.CgroupVersion),
			cgroupDriver: text(info.CgroupDriver),
			cpus: info.NCPU ?? 0,
			memory: info.MemTotal ?? 0,
			containers: {total: info.Containers ?? 0, running: info.ContainersRunning ?? 0, paused: info.ContainersPaused ?? 0, stopped: info.ContainersStopped ?? 0},
			images: info.Images ?? 0,
			dockerRootDir: text(info.DockerRootDir),
			warnings: (info.Warnings ?? []).map(text),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export type UsageKind = 'images' | 'containers' | 'volumes' | 'buildCache';

export interface UsageRow {
	readonly kind: UsageKind;
	readonly total: number;
	readonly active: number;
	readonly size: number;
	readonly reclaimable: number;
}

interface RawDf {
	LayersSize?: number;
	Images?: Array<{Id: string; RepoTags?: string[] | null; Size: number; SharedSize: number; Containers: number}> | null;
	Containers?: Array<{Id: string; Names?: string[]; SizeRw?: number; State: string}> | null;
	Volumes?: Array<{Name: string; UsageData?: {Size: number; RefCount: number} | null}> | null;
	BuildCache?: Array<{Size: number; InUse: boolean; Shared: boolean}> | null;
}

/** `docker system df`: the same four rows and the same reclaimable rules. */
export function usageRows(df: RawDf): readonly UsageRow[] {
	const images = df.Images ?? [];
	const activeImages = images.filter(image => image.Containers > 0);
	const imagesSize = df.LayersSize ?? images.reduce((sum, image) => sum + image.Size, 0);
	const usedImages = activeImages.reduce((sum, image) => sum + image.Size - Math.max(0, image.SharedSize), 0);
	const containers = df.Containers ?? [];
	const containersSize = containers.reduce((sum, container) => sum + (container.SizeRw ?? 0), 0);
	const containersReclaimable = containers.filter(container => container.State !== 'running' && container.State !== 'paused')
		.reduce((sum, container) => sum + (container.SizeRw ?? 0), 0);
	const volumes = (df.Volumes ?? []).filter(volume => volume.UsageData && volume.UsageData.Size >= 0);
	const volumesSize = volumes.reduce((sum, volume) => sum + (volume.UsageData?.Size ?? 0), 0);
	const volumesReclaimable = volumes.filter(volume => volume.UsageData?.RefCount === 0).reduce((sum, volume) => sum + (volume.UsageData?.Size ?? 0), 0);
	const cache = df.BuildCache ?? [];
	return [
		{kind: 'images', total: images.length, active: activeImages.length, size: imagesSize, reclaimable: Math.max(0, imagesSize - usedImages)},
		{kind: 'containers', total: containers.length, active: containers.filter(container => container.State === 'running').length, size: containersSize, reclaimable: containersReclaimable},
		{kind: 'volumes', total: (df.Volumes ?? []).length, active: volumes.filter(volume => (volume.UsageData?.RefCount ?? 0) > 0).length, size: volumesSize, reclaimable: volumesReclaimable},
		{kind: 'buildCache', total: cache.length, active: cache.filter(entry => entry.InUse).length, size: cache.reduce((sum, entry) => sum + entry.Size, 0), reclaimable: cache.filter(entry => !entry.InUse && !entry.Shared).reduce((sum, entry) => sum + entry.Size, 0)},
	];
}

export async function diskUsage(docker: Docker): Promise<readonly UsageRow[]> {
	try {
		return usageRows((await docker.df()) as RawDf);
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface PruneItem {
	readonly id: string;
	readonly name: string;
	readonly size?: number;
}

/** What `docker system prune` (without --all or --volumes) would remove. */
export interface SystemPrunePreview {
	readonly containers: readonly PruneItem[];
	readonly networks: readonly PruneItem[];
	readonly images: readonly PruneItem[];
	readonly buildCacheEntries: number;
	readonly buildCacheSize: number;
	/** Upper bound: shared layers may stay. */
	readonly reclaimable: number;
}

const builtinNetworks = new Set(['bridge', 'host', 'none']);

export async function previewSystemPrune(docker: Docker): Promise<SystemPrunePreview> {
	try {
		const [df, networks, allContainers] = await Promise.all([
			docker.df() as Promise<RawDf>,
			docker.listNetworks(),
			docker.listContainers({all: true}),
		]);
		const stopped = (df.Containers ?? []).filter(container => !['running', 'paused', 'restarting'].includes(container.State));
		const containers = stopped.map(container => ({
			id: container.Id,
			name: sanitizeInline((container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '')),
			...(container.SizeRw === undefined ? {} : {size: container.SizeRw}),
		}));
		const stoppedIds = new Set(stopped.map(container => container.Id));
		// A network stays if any container that survives the prune is attached to it.
		const usedNetworks = new Set<string>();
		for (const container of allContainers) {
			if (stoppedIds.has(container.Id)) continue;
			for (const endpoint of Object.values(container.NetworkSettings?.Networks ?? {})) usedNetworks.add(endpoint.NetworkID);
		}
		const unusedNetworks = networks.filter(network => !builtinNetworks.has(network.Name) && !usedNetworks.has(network.Id))
			.map(network => ({id: network.Id, name: sanitizeInline(network.Name)}));
		// Dangling images whose only users are containers the prune removes go too.
		const survivingImages = new Set(allContainers.filter(container => !stoppedIds.has(container.Id)).map(container => container.ImageID));
		const images = (df.Images ?? []).filter(image => (image.RepoTags ?? []).filter(tag => tag !== '<none>:<none>').length === 0 && !survivingImages.has(image.Id))
			.map(image => ({id: image.Id, name: shortImageId(image.Id), size: Math.max(0, image.Size - Math.max(0, image.SharedSize))}));
		const cache = (df.BuildCache ?? []).filter(entry => !entry.InUse);
		const buildCacheSize = cache.reduce((sum, entry) => sum + entry.Size, 0);
		const reclaimable = containers.reduce((sum, item) => sum + (item.size ?? 0), 0) + images.reduce((sum, item) => sum + (item.size ?? 0), 0) + buildCacheSize;
		return {containers, networks: unusedNetworks, images, buildCacheEntries: cache.length, buildCacheSize, reclaimable};
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface SystemPruneResult {
	readonly containers: number;
	readonly networks: number;
	readonly images: number;
	readonly reclaimed: number;
}

/** Runs the same four prunes as `docker system prune`, in its order (containers free networks and images). */
export async function pruneSystem(docker: Docker): Promise<SystemPruneResult> {
	try {
		const containers = (await docker.pruneContainers()) as {ContainersDeleted?: string[] | null; SpaceReclaimed?: number};
		const networks = (await docker.pruneNetworks()) as {NetworksDeleted?: string[] | null};
		const images = (await docker.pruneImages({filters: {dangling: ['true']}})) as {ImagesDeleted?: Array<{Deleted?: string}> | null; SpaceReclaimed?: number};
		const cache = (await docker.pruneBuilder().catch(() => ({SpaceReclaimed: 0}))) as {SpaceReclaimed?: number};
		return {
			containers: (containers.ContainersDeleted ?? []).length,
			networks: (networks.NetworksDeleted ?? []).length,
			images: (images.ImagesDeleted ?? []).filter(item => item.Deleted).length,
			reclaimed: (containers.SpaceReclaimed ?? 0) + (images.SpaceReclaimed ?? 0) + (cache.SpaceReclaimed ?? 0),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {sanitizeLabels} from './images.js';

export interface VolumeUser {
	readonly id: string;
	readonly name: string;
	readonly isRunning: boolean;
}

export interface VolumeSummary {
	readonly name: string;
	readonly driver: string;
	readonly mountpoint: string;
	readonly scope: string;
	readonly createdAt?: string;
	/** Bytes, when the engine's disk-usage report has it (local driver only). */
	readonly size?: number;
	readonly containers: readonly VolumeUser[];
	readonly labels: Readonly<Record<string, string>>;
	/** Created by the engine for an unnamed mount; the only kind `volume prune` removes by default. */
	readonly isAnonymous: boolean;
}

interface DfVolume {
	readonly Name: string;
	readonly UsageData?: {readonly Size?: number; readonly RefCount?: number} | null;
}

async function volumeUsers(docker: Docker, signal?: AbortSignal): Promise<Map<string, VolumeUser[]>> {
	const containers = await docker.listContainers({all: true, ...(signal ? {abortSignal: signal} : {})});
	const users = new Map<string, VolumeUser[]>();
	for (const container of containers) {
		for (const mount of container.Mounts ?? []) {
			if (mount.Type !== 'volume' || !mount.Name) continue;
			const user = {id: container.Id, name: sanitizeInline((container.Names?.[0] ?? container.Id.slice(0, 12)).replace(/^\//, '')), isRunning: container.State === 'running'};
			users.set(mount.Name, [...(users.get(mount.Name) ?? []), user]);
		}
	}
	return users;
}

/** Lists volumes; `withSizes` asks the engine's disk-usage report, which walks every volume and can be slow. */
export async function listVolumes(docker: Docker, options: {readonly withSizes: boolean; readonly signal?: AbortSignal} = {withSizes: true}): Promise<VolumeSummary[]> {
	try {
		const opts = options.signal ? {abortSignal: options.signal} : {};
		const [listed, users, df] = await Promise.all([
			docker.listVolumes(opts),
			volumeUsers(docker, options.signal),
			options.withSizes ? (docker.df() as Promise<{Volumes?: DfVolume[] | null}>).catch(() => undefined) : Promise.resolve(undefined),
		]);
		const sizes = new Map<string, number>();
		for (const volume of df?.Volumes ?? []) {
			const size = volume.UsageData?.Size;
			if (size !== undefined && size >= 0) sizes.set(volume.Name, size);
		}
		return (listed.Volumes ?? []).map(volume => {
			const raw = volume as Docker.VolumeInspectInfo & {CreatedAt?: string};
			const size = sizes.get(volume.Name);
			return {
				name: sanitizeInline(volume.Name),
				driver: sanitizeInline(volume.Driver),
				mountpoint: sanitizeInline(volume.Mountpoint),
				scope: sanitizeInline(volume.Scope ?? ''),
				...(raw.CreatedAt ? {createdAt: raw.CreatedAt} : {}),
				...(size === undefined ? {} : {size}),
				containers: users.get(volume.Name) ?? [],
				labels: sanitizeLabels(volume.Labels),
				isAnonymous: 'com.docker.volume.anonymous' in (volume.Labels ?? {}),
			};
		}).sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface VolumeDetail {
	readonly name: string;
	readonly driver: string;
	readonly mountpoint: string;
	readonly scope: string;
	readonly createdAt: string;
	readonly labels: Readonly<Record<string, string>>;
	readonly options: Readonly<Record<string, string>>;
}

export async function inspectVolume(docker: Docker, name: string): Promise<VolumeDetail> {
	try {
		const raw = (await docker.getVolume(name).inspect()) as Docker.VolumeInspectInfo & {CreatedAt?: string; Options?: Record<string, string> | null};
		return {
			name: sanitizeInline(raw.Name),
			driver: sanitizeInline(raw.Driver),
			mountpoint: sanitizeInline(raw.Mountpoint),
			scope: sanitizeInline(raw.Scope ?? ''),
			createdAt: raw.CreatedAt ?? '',
			labels: sanitizeLabels(raw.Labels),
			options: sanitizeLabels(raw.Options),
		};
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function createVolume(docker: Docker, options: {readonly name: string; readonly driver?: string; readonly labels?: Readonly<Record<string, string>>}): Promise<string> {
	const name = options.name.trim();
	if (name && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) throw new EngineError('bad-config', `"${sanitizeInline(name)}" is not a volume name: two or more of letters, digits, _ . -`);
	try {
		// dockerode resolves a Volume handle, not the engine's JSON.
		const created = (await docker.createVolume({Name: name, Driver: options.driver?.trim() || 'local', Labels: {...options.labels}})) as unknown as {name: string};
		return created.name;
	} catch (error) {
		throw toEngineError(error);
	}
}

/** The plain refusal for a volume in use, naming the containers. */
export function inUseMessage(volume: string, users: readonly VolumeUser[]): string {
	const names = users.map(user => `${user.name}${user.isRunning ? ' (running)' : ''}`).join(', ');
	return `Volume ${volume} is in use by ${names}. Remove ${users.length === 1 ? 'that container' : 'those containers'} first.`;
}

export async function removeVolume(docker: Docker, name: string, options: {readonly force?: boolean} = {}): Promise<void> {
	// Ask first so the refusal can name the containers; the engine's own 409 only lists ids.
	const users = (await volumeUsers(docker).catch(() => new Map<string, VolumeUser[]>())).get(name) ?? [];
	if (users.length > 0 && !options.force) throw new EngineError('conflict', inUseMessage(sanitizeInline(name), users), 409);
	try {
		await docker.getVolume(name).remove({force: options.force ?? false});
	} catch (error) {
		const failure = toEngineError(error);
		if (failure.statusCode === 409) throw new EngineError('conflict', `Volume ${sanitizeInline(name)} is in use by a container. Remove that container first.`, 409);
		throw failure;
	}
}

export interface VolumePruneOptions {
	/** false: anonymous volumes only (the engine's default since API 1.42); true: every unused volume. */
	readonly all: boolean;
	readonly label?: string;
}

function matchesLabel(labels: Readonly<Record<string, string>>, label: string | undefined): boolean {
	if (!label) return true;
	const [key = '', value] = label.split('=', 2);
	return value === undefined ? key in labels : labels[key] === value;
}

/** The API version the client speaks, e.g. 1.41; dockerode keeps it as "v1.41" on the modem. */
export function apiVersionOf(docker: Docker): number {
	const version = Number.parseFloat(String((docker.modem as {version?: string}).version ?? '').replace(/^v/, ''));
	return Number.isFinite(version) ? version : 1.41;
}

/** Before API 1.42 the engine prunes every unused volume and knows no `all` filter; since then only anonymous ones unless all. */
export function prunesNamedVolumes(docker: Docker, all: boolean): boolean {
	return all || apiVersionOf(docker) < 1.42;
}

export interface VolumePrunePreview {
	readonly volumes: readonly VolumeSummary[];
	/** Known sizes only: a driver that reports none adds nothing. */
	readonly reclaimable: number;
}

export async function previewVolumePrune(docker: Docker, options: VolumePruneOptions): Promise<VolumePrunePreview> {
	const volumes = (await listVolumes(docker, {withSizes: true}))
		.filter(volume => volume.containers.length === 0 && (prunesNamedVolumes(docker, options.all) || volume.isAnonymous) && volume.driver === 'local' && matchesLabel(volume.labels, options.label));
	return {volumes, reclaimable: volumes.reduce((sum, volume) => sum + (volume.size ?? 0), 0)};
}

export async function pruneVolumes(docker: Docker, options: VolumePruneOptions): Promise<{readonly deleted: readonly string[]; readonly reclaimed: number}> {
	const filters: Record<string, string[]> = {};
	if (options.all && apiVersionOf(docker) >= 1.42) filters['all'] = ['true'];
	if (options.label) filters['label'] = [options.label];
	try {
		const raw = (await docker.pruneVolumes({filters})) as {VolumesDeleted?: string[] | null; SpaceReclaimed?: number};
		return {deleted: (raw.VolumesDeleted ?? []).map(name => sanitizeInline(name)), reclaimed: raw.SpaceReclaimed ?? 0};
	} catch (error) {
		throw toEngineError(error);
	}
}

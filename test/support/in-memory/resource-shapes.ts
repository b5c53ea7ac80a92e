// Images, volumes, networks and the engine itself as the engine's JSON says
// them (GET /images/json, /volumes, /networks, /system/df, /info, /version).
import {containerSummary} from './container-shapes.js';
import type {EngineModel, ImageRecord, NetworkRecord, VolumeRecord} from './model.js';
import {rfc3339} from './time.js';
import {swarmInfo} from './swarm-shapes.js';

export interface EngineIdentity {
	readonly apiVersion: string;
	readonly engineVersion: string;
	readonly name: string;
	readonly cpus: number;
	readonly memoryBytes: number;
}

/** API 1.44 dropped the "<none>:<none>" placeholder of an untagged image. */
const placeholderTags = (identity: EngineIdentity) => Number.parseFloat(identity.apiVersion) < 1.44;

export function imageSummary(identity: EngineIdentity, image: ImageRecord) {
	return {
		Containers: -1,
		Created: Math.floor(image.createdAt / 1000),
		Id: image.id,
		Labels: Object.keys(image.labels).length > 0 ? {...image.labels} : null,
		ParentId: '',
		RepoDigests: null,
		RepoTags: image.tags.length > 0 ? [...image.tags] : placeholderTags(identity) ? ['<none>:<none>'] : [],
		SharedSize: -1,
		Size: image.size,
		VirtualSize: image.size,
	};
}

export function imageInspect(identity: EngineIdentity, image: ImageRecord) {
	const config = image.config;
	return {
		Id: image.id,
		RepoTags: [...image.tags],
		RepoDigests: [],
		Parent: '',
		Comment: '',
		Created: rfc3339(image.createdAt),
		DockerVersion: identity.engineVersion,
		Author: '',
		Config: {
			User: config.user,
			Env: config.env.length > 0 ? [...config.env] : null,
			Cmd: config.cmd.length > 0 ? [...config.cmd] : null,
			WorkingDir: config.workingDir,
			Entrypoint: config.entrypoint.length > 0 ? [...config.entrypoint] : null,
			Labels: Object.keys(image.labels).length > 0 ? {...image.labels} : null,
			...(config.exposedPorts.length > 0 ? {ExposedPorts: Object.fromEntries(config.exposedPorts.map(port => [port, {}]))} : {}),
		},
		Architecture: 'amd64',
		Os: 'linux',
		Size: image.size,
		VirtualSize: image.size,
		GraphDriver: {Data: null, Name: 'overlay2'},
		RootFS: {Type: 'layers', Layers: [...image.layers]},
		Metadata: {LastTagTime: rfc3339(image.createdAt)},
	};
}

/** Newest layer first; only the top one has an id of its own, the rest are "<missing>" as after a pull. */
export function imageHistory(image: ImageRecord) {
	const steps = image.history.length > 0 ? [...image.history].reverse() : [{createdBy: '', size: image.size, comment: ''}];
	return steps.map((step, index) => ({
		Comment: step.comment,
		Created: Math.floor(image.createdAt / 1000) - index,
		CreatedBy: step.createdBy,
		Id: index === 0 ? image.id : '<missing>',
		Size: step.size,
		Tags: index === 0 && image.tags.length > 0 ? [...image.tags] : null,
	}));
}

export function volumeShape(volume: VolumeRecord) {
	return {
		CreatedAt: rfc3339(Math.floor(volume.createdAt / 1000) * 1000),
		Driver: volume.driver,
		Labels: Object.keys(volume.labels).length > 0 ? {...volume.labels} : null,
		Mountpoint: `/var/lib/docker/volumes/${volume.name}/_data`,
		Name: volume.name,
		Options: Object.keys(volume.options).length > 0 ? {...volume.options} : null,
		Scope: 'local',
	};
}

/** A network; inspect lists its running members, the list leaves them out. */
export function networkShape(model: EngineModel, network: NetworkRecord, withMembers: boolean) {
	const members: Record<string, object> = {};
	if (withMembers) {
		for (const container of model.containers.values()) {
			const address = container.networks.get(network.id);
			if (!address || !model.isActive(container)) continue;
			members[container.id] = {Name: container.name, EndpointID: container.id.slice(0, 32) + network.id.slice(0, 32), MacAddress: address.mac, IPv4Address: address.ip ? `${address.ip}/${address.prefix}` : '', IPv6Address: ''};
		}
	}
	return {
		Name: network.name,
		Id: network.id,
		Created: rfc3339(network.createdAt),
		Scope: network.scope,
		Driver: network.driver,
		EnableIPv6: false,
		IPAM: {Driver: 'default', Options: null, Config: network.subnet ? [{Subnet: network.subnet, Gateway: network.gateway}] : []},
		Internal: network.internal,
		Attachable: false,
		Ingress: false,
		ConfigFrom: {Network: ''},
		ConfigOnly: false,
		Containers: members,
		Options: {},
		Labels: {...network.labels},
	};
}

/** GET /system/df: every image, container and volume with what it uses. */
export function diskUsage(identity: EngineIdentity, model: EngineModel) {
	const images = [...model.images.values()];
	return {
		LayersSize: images.reduce((sum, image) => sum + image.size - image.sharedSize, 0),
		Images: images.map(image => ({...imageSummary(identity, image), Containers: model.usersOfImage(image.id).length, SharedSize: image.sharedSize})),
		Containers: [...model.containers.values()].map(container => ({
			...containerSummary(model, container),
			SizeRootFs: model.images.get(container.imageId)?.size ?? 0,
			...(container.sizeRw > 0 ? {SizeRw: container.sizeRw} : {}),
		})),
		Volumes: [...model.volumes.values()].map(volume => ({...volumeShape(volume), UsageData: {RefCount: model.usersOfVolume(volume.name).length, Size: volume.size}})),
		BuildCache: model.buildCache.map(entry => ({
			ID: entry.id, Parent: '', Parents: null, Type: entry.type, Description: entry.description, InUse: entry.inUse, Shared: entry.shared,
			Size: entry.size, CreatedAt: new Date(entry.createdAt).toISOString(), LastUsedAt: new Date(entry.createdAt).toISOString(), UsageCount: 1,
		})),
	};
}

export function engineInfo(identity: EngineIdentity, model: EngineModel) {
	const containers = [...model.containers.values()];
	return {
		ID: 'MEMO:RYEN:GINE:0000:0000:0000:0000:0000:0000:0000:0000:0000',
		Containers: containers.length,
		ContainersRunning: containers.filter(c => c.state === 'running' || c.state === 'restarting').length,
		ContainersPaused: containers.filter(c => c.state === 'paused').length,
		ContainersStopped: containers.filter(c => !model.isActive(c)).length,
		Images: model.images.size,
		Driver: 'overlay2',
		NCPU: identity.cpus,
		MemTotal: identity.memoryBytes,
		SystemTime: new Date().toISOString(),
		LoggingDriver: 'json-file',
		CgroupDriver: 'systemd',
		CgroupVersion: '2',
		KernelVersion: '6.1.0-in-memory',
		OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
		OSVersion: '12',
		OSType: 'linux',
		Architecture: 'x86_64',
		DockerRootDir: '/var/lib/docker',
		Name: identity.name,
		Labels: [],
		ServerVersion: identity.engineVersion,
		Swarm: swarmInfo(model),
		Warnings: null,
	};
}

export function engineVersion(identity: EngineIdentity) {
	const details = {ApiVersion: identity.apiVersion, Arch: 'amd64', MinAPIVersion: '1.24', Os: 'linux', KernelVersion: '6.1.0-in-memory'};
	return {
		Platform: {Name: 'Docker Engine - Community'},
		Components: [{Name: 'Engine', Version: identity.engineVersion, Details: {...details, GitCommit: 'inmemory', GoVersion: 'go1.22.0', Experimental: 'false', BuildTime: '2024-01-01T00:00:00.000000000+00:00'}}],
		Version: identity.engineVersion,
		ApiVersion: identity.apiVersion,
		MinAPIVersion: '1.24',
		GitCommit: 'inmemory',
		GoVersion: 'go1.22.0',
		Os: 'linux',
		Arch: 'amd64',
		KernelVersion: '6.1.0-in-memory',
		BuildTime: '2024-01-01T00:00:00.000000000+00:00',
	};
}

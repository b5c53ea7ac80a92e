// A container as the engine's JSON says it: the list's summary and inspect's
// document, with the fields and the null-versus-empty habits of a real engine
// (compared against docker 20.10 and the types in @types/dockerode).
import type {ContainerRecord, EngineModel, NetworkRecord} from './model.js';
import {humanDuration, rfc3339} from './time.js';

/** moby's State.String(): the words of the list's Status. */
export function statusWords(container: ContainerRecord, now = Date.now()): string {
	const up = () => humanDuration(now - container.startedAt);
	switch (container.state) {
		case 'paused': return `Up ${up()} (Paused)`;
		case 'restarting': return `Restarting (${container.exitCode}) ${humanDuration(now - container.finishedAt)} ago`;
		case 'running': {
			const health = container.health ? ` (${container.health.status === 'starting' ? 'health: starting' : container.health.status})` : '';
			return `Up ${up()}${health}`;
		}
		case 'removing': return 'Removal In Progress';
		case 'dead': return 'Dead';
		case 'created': return 'Created';
		case 'exited': return container.startedAt === 0 ? 'Created' : `Exited (${container.exitCode}) ${humanDuration(now - container.finishedAt)} ago`;
	}
}

function endpoint(model: EngineModel, container: ContainerRecord, network: NetworkRecord) {
	const address = container.networks.get(network.id);
	const isUp = model.isActive(container) && address !== undefined && address.ip !== '';
	return {
		IPAMConfig: null, Links: null, Aliases: null,
		NetworkID: network.id,
		EndpointID: model.isActive(container) ? container.id.slice(0, 32) + network.id.slice(0, 32) : '',
		Gateway: isUp ? network.gateway : '',
		IPAddress: isUp ? address.ip : '',
		IPPrefixLen: isUp ? address.prefix : 0,
		IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
		MacAddress: isUp ? address.mac : '',
		DriverOpts: null,
	};
}

function networksOf(model: EngineModel, container: ContainerRecord): Record<string, ReturnType<typeof endpoint>> {
	const networks: Record<string, ReturnType<typeof endpoint>> = {};
	for (const id of container.networks.keys()) {
		const network = model.networks.get(id);
		if (network) networks[network.name] = endpoint(model, container, network);
	}
	return networks;
}

function mountsOf(model: EngineModel, container: ContainerRecord) {
	return container.mounts.map(mount => ({
		Type: 'volume', Name: mount.volume, Source: `/var/lib/docker/volumes/${mount.volume}/_data`, Destination: mount.destination,
		Driver: model.volumes.get(mount.volume)?.driver ?? 'local', Mode: 'z', RW: true, Propagation: '',
	}));
}

const firstNetworkName = (model: EngineModel, container: ContainerRecord) => model.networks.get([...container.networks.keys()][0] ?? '')?.name ?? 'default';

/** One entry of GET /containers/json. */
export function containerSummary(model: EngineModel, container: ContainerRecord) {
	return {
		Id: container.id,
		Names: [`/${container.name}`],
		Image: container.image,
		ImageID: container.imageId,
		Command: container.command.join(' '),
		Created: Math.floor(container.createdAt / 1000),
		// Published only while it runs, like `docker ps -a` shows them.
		Ports: (model.isActive(container) ? container.ports : []).map(port => ({
			...(port.publicPort === undefined ? {} : {IP: port.ip ?? '0.0.0.0', PublicPort: port.publicPort}),
			PrivatePort: port.privatePort,
			Type: port.type,
		})),
		Labels: {...container.labels},
		State: container.state,
		Status: statusWords(container),
		HostConfig: {NetworkMode: firstNetworkName(model, container)},
		NetworkSettings: {Networks: networksOf(model, container)},
		Mounts: mountsOf(model, container),
	};
}

/** GET /containers/{id}/json. */
export function containerInspect(model: EngineModel, container: ContainerRecord) {
	const [path = '', ...args] = container.command;
	const health = container.health;
	const exposed = Object.fromEntries(container.ports.map(port => [`${port.privatePort}/${port.type}`, {}]));
	const bindings = Object.fromEntries(container.ports.filter(port => port.publicPort !== undefined)
		.map(port => [`${port.privatePort}/${port.type}`, [{HostIp: port.ip ?? '', HostPort: String(port.publicPort)}]]));
	return {
		Id: container.id,
		Created: rfc3339(container.createdAt),
		Path: path,
		Args: args,
		State: {
			Status: container.state,
			Running: container.state === 'running' || container.state === 'paused' || container.state === 'restarting',
			Paused: container.state === 'paused',
			Restarting: container.state === 'restarting',
			OOMKilled: container.oomKilled,
			Dead: container.state === 'dead',
			Pid: model.isActive(container) ? 4000 + (parseInt(container.id.slice(0, 4), 16) % 1000) : 0,
			ExitCode: container.exitCode,
			Error: '',
			StartedAt: rfc3339(container.startedAt),
			FinishedAt: rfc3339(container.finishedAt),
			...(health ? {Health: {
				Status: health.status,
				FailingStreak: health.failingStreak,
				Log: health.log.map(entry => ({Start: rfc3339(entry.start), End: rfc3339(entry.end), ExitCode: entry.exitCode, Output: entry.output})),
			}} : {}),
		},
		Image: container.imageId,
		Name: `/${container.name}`,
		RestartCount: container.restartCount,
		Driver: 'overlay2',
		Platform: 'linux',
		Mounts: mountsOf(model, container),
		Config: {
			Hostname: container.id.slice(0, 12),
			User: '',
			Tty: container.tty,
			OpenStdin: false,
			Env: [...container.env],
			Cmd: [...container.command],
			...(health ? {Healthcheck: {Test: [...health.test], Interval: 2_000_000_000}} : {}),
			Image: container.image,
			WorkingDir: '',
			Entrypoint: null,
			Labels: {...container.labels},
			...(container.ports.length > 0 ? {ExposedPorts: exposed} : {}),
			...(container.stopTimeout === undefined ? {} : {StopTimeout: container.stopTimeout}),
		},
		HostConfig: {
			NetworkMode: firstNetworkName(model, container),
			PortBindings: bindings,
			RestartPolicy: {Name: container.restartPolicy.name, MaximumRetryCount: container.restartPolicy.maximumRetryCount},
			Memory: container.limits.memory,
			MemorySwap: container.limits.memorySwap,
			NanoCpus: container.limits.nanoCpus,
			CpuShares: 0, CpuQuota: 0, CpuPeriod: 0,
			PidsLimit: container.limits.pidsLimit > 0 ? container.limits.pidsLimit : null,
		},
		NetworkSettings: {
			Ports: Object.fromEntries(Object.keys(exposed).map(port => [port, bindings[port] ?? null])),
			Networks: networksOf(model, container),
		},
	};
}

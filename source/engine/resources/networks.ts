import type Docker from 'dockerode';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError, toEngineError} from '../transport/errors.js';
import {sanitizeLabels} from './images.js';

export interface NetworkMember {
	readonly id: string;
	readonly name: string;
	/** "172.18.0.2/16" style, as the engine reports it; empty for a stopped container. */
	readonly ipv4: string;
	readonly ipv6: string;
}

export interface NetworkSummary {
	readonly id: string;
	readonly shortId: string;
	readonly name: string;
	readonly driver: string;
	readonly scope: string;
	readonly subnets: readonly string[];
	readonly gateways: readonly string[];
	readonly isInternal: boolean;
	/** bridge, host and none come with the engine and cannot be removed. */
	readonly isBuiltin: boolean;
	readonly containers: readonly NetworkMember[];
	readonly labels: Readonly<Record<string, string>>;
	readonly createdAt: string;
}

const builtin = new Set(['bridge', 'host', 'none']);

const containerName = (info: {Names?: string[]; Id: string}) => sanitizeInline((info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''));

export async function listNetworks(docker: Docker, signal?: AbortSignal): Promise<NetworkSummary[]> {
	try {
		const opts = signal ? {abortSignal: signal} : {};
		// The list endpoint leaves Containers empty; the container list carries each container's networks, in one call.
		const [networks, containers] = await Promise.all([docker.listNetworks(opts), docker.listContainers({all: true, ...opts})]);
		const members = new Map<string, NetworkMember[]>();
		for (const container of containers) {
			for (const endpoint of Object.values(container.NetworkSettings?.Networks ?? {})) {
				const member = {
					id: container.Id,
					name: containerName(container),
					ipv4: endpoint.IPAddress ? `${endpoint.IPAddress}/${endpoint.IPPrefixLen}` : '',
					ipv6: endpoint.GlobalIPv6Address ? `${endpoint.GlobalIPv6Address}/${endpoint.GlobalIPv6PrefixLen}` : '',
				};
				members.set(endpoint.NetworkID, [...(members.get(endpoint.NetworkID) ?? []), member]);
			}
		}
		return networks.map(network => toSummary(network, members.get(network.Id) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
	} catch (error) {
		throw toEngineError(error);
	}
}

function toSummary(network: Docker.NetworkInspectInfo, containers: readonly NetworkMember[]): NetworkSummary {
	const configs = network.IPAM?.Config ?? [];
	return {
		id: network.Id,
		shortId: network.Id.slice(0, 12),
		name: sanitizeInline(network.Name),
		driver: sanitizeInline(network.Driver),
		scope: sanitizeInline(network.Scope),
		subnets: configs.flatMap(config => (config.Subnet ? [sanitizeInline(config.Subnet)] : [])),
		gateways: configs.flatMap(config => (config.Gateway ? [sanitizeInline(config.Gateway)] : [])),
		isInternal: network.Internal,
		isBuiltin: builtin.has(network.Name),
		containers: [...containers].sort((a, b) => a.name.localeCompare(b.name)),
		labels: sanitizeLabels(network.Labels),
		createdAt: network.Created,
	};
}

/** One network with its members as the engine's inspect reports them (running containers only). */
export async function inspectNetwork(docker: Docker, id: string): Promise<NetworkSummary> {
	try {
		const raw = (await docker.getNetwork(id).inspect()) as Docker.NetworkInspectInfo;
		const members = Object.entries(raw.Containers ?? {}).map(([containerId, member]) => ({
			id: containerId,
			name: sanitizeInline(member.Name),
			ipv4: sanitizeInline(member.IPv4Address ?? ''),
			ipv6: sanitizeInline(member.IPv6Address ?? ''),
		}));
		return toSummary(raw, members);
	} catch (error) {
		throw toEngineError(error);
	}
}

export interface NetworkCreateOptions {
	readonly name: string;
	readonly driver?: string;
	/** CIDR, e.g. 10.42.0.0/24; empty lets the engine choose. */
	readonly subnet?: string;
	readonly labels?: Readonly<Record<string, string>>;
}

export async function createNetwork(docker: Docker, options: NetworkCreateOptions): Promise<string> {
	const name = options.name.trim();
	if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) throw new EngineError('bad-config', name ? `"${sanitizeInline(name)}" is not a network name: letters, digits, _ . - only.` : 'Type a network name.');
	const subnet = options.subnet?.trim() ?? '';
	if (subnet && !/^[0-9a-f.:]+\/\d{1,3}$/i.test(subnet)) throw new EngineError('bad-config', `"${sanitizeInline(subnet)}" is not a subnet; write e.g. 10.42.0.0/24.`);
	try {
		const network = await docker.createNetwork({
			Name: name,
			Driver: options.driver?.trim() || 'bridge',
			CheckDuplicate: true,
			...(subnet ? {IPAM: {Driver: 'default', Config: [{Subnet: subnet}]}} : {}),
			Labels: {...options.labels},
		});
		return network.id;
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function removeNetwork(docker: Docker, id: string): Promise<void> {
	try {
		await docker.getNetwork(id).remove();
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function connectContainer(docker: Docker, networkId: string, containerId: string): Promise<void> {
	try {
		await docker.getNetwork(networkId).connect({Container: containerId});
	} catch (error) {
		throw toEngineError(error);
	}
}

export async function disconnectContainer(docker: Docker, networkId: string, containerId: string, force = false): Promise<void> {
	try {
		await docker.getNetwork(networkId).disconnect({Container: containerId, Force: force});
	} catch (error) {
		throw toEngineError(error);
	}
}

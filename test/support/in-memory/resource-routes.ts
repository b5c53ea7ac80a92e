// The volume, network and system endpoints berth calls.
import {notFound, type Answer, type Route, type RouteContext} from './container-routes.js';
import {parseFilters} from './event-bus.js';
import {assignAddress, type Outcome} from './lifecycle.js';
import {newId, type NetworkRecord, type VolumeRecord} from './model.js';
import {diskUsage, engineInfo, engineVersion, networkShape, volumeShape} from './resource-shapes.js';

const builtinNetworks = new Set(['bridge', 'host', 'none']);

function labelsMatch(labels: Readonly<Record<string, string>>, wanted: readonly string[] | undefined): boolean {
	return (wanted ?? []).every(value => {
		const [key = '', expected] = value.split('=', 2);
		return expected === undefined ? key in labels : labels[key] === expected;
	});
}

function withVolume(handle: (volume: VolumeRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const volume = context.model.volumes.get(context.params[0] ?? '');
		return volume ? handle(volume, context) : notFound(`get ${context.params[0] ?? ''}: no such volume`);
	};
}

function withNetwork(handle: (network: NetworkRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const network = context.model.findNetwork(context.params[0] ?? '');
		return network ? handle(network, context) : notFound(`network ${context.params[0] ?? ''} not found`);
	};
}

function createVolume({model, body}: RouteContext): Outcome {
	const wanted = (body ?? {}) as {Name?: string; Driver?: string; Labels?: Record<string, string>};
	const name = wanted.Name || newId();
	const existing = model.volumes.get(name);
	if (existing) return {status: 201, body: volumeShape(existing)};
	const volume: VolumeRecord = {name, driver: wanted.Driver || 'local', createdAt: Date.now(), labels: {...wanted.Labels}, options: {}, size: 0};
	model.volumes.set(name, volume);
	model.bus.publish('volume', 'create', name, {driver: volume.driver});
	return {status: 201, body: volumeShape(volume)};
}

/** POST /volumes/prune: since API 1.42 only anonymous volumes unless the `all` filter says otherwise. */
function pruneVolumes({model, query, api}: RouteContext): Outcome {
	const filters = parseFilters(query.get('filters'));
	if (filters instanceof Error) return {status: 400, body: {message: filters.message}};
	if (filters['all'] && api < 1.42) return {status: 400, body: {message: 'invalid filter \'all\''}};
	const all = api < 1.42 || (filters['all'] ?? []).some(value => value === 'true' || value === '1');
	const chosen = [...model.volumes.values()].filter(volume => model.usersOfVolume(volume.name).length === 0 && volume.driver === 'local'
		&& (all || 'com.docker.volume.anonymous' in volume.labels) && labelsMatch(volume.labels, filters['label']));
	for (const volume of chosen) {
		model.volumes.delete(volume.name);
		model.bus.publish('volume', 'destroy', volume.name, {driver: volume.driver});
	}
	const reclaimed = chosen.reduce((sum, volume) => sum + volume.size, 0);
	model.bus.publish('volume', 'prune', '', {reclaimed: String(reclaimed)});
	return {status: 200, body: {VolumesDeleted: chosen.length > 0 ? chosen.map(volume => volume.name) : null, SpaceReclaimed: reclaimed}};
}

function createNetwork({model, body}: RouteContext): Outcome {
	const wanted = (body ?? {}) as {Name?: string; Driver?: string; Internal?: boolean; Labels?: Record<string, string>; IPAM?: {Config?: Array<{Subnet?: string; Gateway?: string}>}};
	const name = wanted.Name ?? '';
	if (model.findNetwork(name)?.name === name) return {status: 409, body: {message: `network with name ${name} already exists`}};
	const config = wanted.IPAM?.Config?.[0];
	// User networks get 172.18.0.0/16, 172.19.0.0/16, … as the engine's default pool hands them out.
	const subnet = config?.Subnet ?? `172.${18 + [...model.networks.values()].filter(n => !builtinNetworks.has(n.name)).length}.0.0/16`;
	const gateway = config?.Gateway ?? subnet.replace(/\.0\/\d+$/, '.1');
	const network: NetworkRecord = {id: newId(), name, driver: wanted.Driver || 'bridge', scope: 'local', createdAt: Date.now(), subnet, gateway, internal: wanted.Internal ?? false, labels: {...wanted.Labels}, nextHost: 2};
	model.networks.set(network.id, network);
	model.bus.publish('network', 'create', network.id, {name, type: network.driver});
	return {status: 201, body: {Id: network.id, Warning: ''}};
}

function removeNetwork(network: NetworkRecord, {model}: RouteContext): Outcome {
	if (builtinNetworks.has(network.name)) return {status: 403, body: {message: `${network.name} is a pre-defined network and cannot be removed`}};
	if ([...model.containers.values()].some(c => model.isActive(c) && c.networks.has(network.id))) {
		return {status: 403, body: {message: `error while removing network: network ${network.name} id ${network.id} has active endpoints`}};
	}
	model.networks.delete(network.id);
	model.bus.publish('network', 'destroy', network.id, {name: network.name, type: network.driver});
	return {status: 204};
}

function connectOrDisconnect(isConnect: boolean) {
	return withNetwork((network, {model, body}) => {
		const reference = ((body ?? {}) as {Container?: string}).Container ?? '';
		const container = model.findContainer(reference);
		if (!container) return notFound(`No such container: ${reference}`);
		if (isConnect === container.networks.has(network.id)) {
			return {status: 403, body: {message: isConnect ? `endpoint with name ${container.name} already exists in network ${network.name}` : `container ${container.id} is not connected to network ${network.name}`}};
		}
		if (isConnect) {
			container.networks.set(network.id, {ip: '', prefix: 0, mac: ''});
			if (model.isActive(container)) assignAddress(model, container, network.id);
		} else container.networks.delete(network.id);
		model.bus.publish('network', isConnect ? 'connect' : 'disconnect', network.id, {container: container.id, name: network.name, type: network.driver});
		return {status: 200};
	});
}

function pruneNetworks({model}: RouteContext): Outcome {
	const used = new Set([...model.containers.values()].filter(c => model.isActive(c)).flatMap(c => [...c.networks.keys()]));
	const chosen = [...model.networks.values()].filter(network => !builtinNetworks.has(network.name) && !used.has(network.id));
	for (const network of chosen) removeNetwork(network, {model} as RouteContext);
	model.bus.publish('network', 'prune', '', {});
	return {status: 200, body: {NetworksDeleted: chosen.length > 0 ? chosen.map(network => network.name) : null}};
}

export const resourceRoutes: readonly Route[] = [
	['GET', /^\/_ping$/, () => ({status: 200, body: 'OK'})],
	['HEAD', /^\/_ping$/, () => ({status: 200, body: 'OK'})],
	['GET', /^\/version$/, ({identity}) => ({status: 200, body: engineVersion(identity)})],
	['GET', /^\/info$/, ({identity, model}) => ({status: 200, body: engineInfo(identity, model)})],
	['GET', /^\/events$/, ({model, query, res}) => {
		const refused = model.bus.stream(query, res);
		return refused ? {status: 400, body: {message: refused.error}} : undefined;
	}],
	['GET', /^\/system\/df$/, ({identity, model}) => ({status: 200, body: diskUsage(identity, model)})],
	['POST', /^\/build\/prune$/, ({model}) => {
		// Without `all`, what is neither in use nor shared with an image goes (docker builder prune).
		const chosen = model.buildCache.filter(entry => !entry.inUse && !entry.shared);
		model.buildCache.splice(0, model.buildCache.length, ...model.buildCache.filter(entry => !chosen.includes(entry)));
		return {status: 200, body: {CachesDeleted: chosen.length > 0 ? chosen.map(entry => entry.id) : null, SpaceReclaimed: chosen.reduce((sum, entry) => sum + entry.size, 0)}};
	}],
	['GET', /^\/volumes$/, ({model}) => ({status: 200, body: {Volumes: [...model.volumes.values()].map(volumeShape), Warnings: null}})],
	['POST', /^\/volumes\/create$/, createVolume],
	['POST', /^\/volumes\/prune$/, pruneVolumes],
	['GET', /^\/volumes\/([^/]+)$/, withVolume(volume => ({status: 200, body: volumeShape(volume)}))],
	['DELETE', /^\/volumes\/([^/]+)$/, withVolume((volume, {model}) => {
		const users = model.usersOfVolume(volume.name);
		if (users.length > 0) return {status: 409, body: {message: `remove ${volume.name}: volume is in use - [${users.map(user => user.id).join(', ')}]`}};
		model.volumes.delete(volume.name);
		model.bus.publish('volume', 'destroy', volume.name, {driver: volume.driver});
		return {status: 204};
	})],
	['GET', /^\/networks$/, ({model}) => ({status: 200, body: [...model.networks.values()].map(network => networkShape(model, network, false))})],
	['POST', /^\/networks\/create$/, createNetwork],
	['POST', /^\/networks\/prune$/, pruneNetworks],
	['GET', /^\/networks\/([^/]+)$/, withNetwork((network, {model}) => ({status: 200, body: networkShape(model, network, true)}))],
	['DELETE', /^\/networks\/([^/]+)$/, withNetwork(removeNetwork)],
	['POST', /^\/networks\/([^/]+)\/connect$/, connectOrDisconnect(true)],
	['POST', /^\/networks\/([^/]+)\/disconnect$/, connectOrDisconnect(false)],
];

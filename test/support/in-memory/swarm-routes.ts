// The Swarm endpoints berth calls, answered as a manager would (a worker or an
// engine outside a Swarm answers 503 with the engine's words).
import {notFound, type Answer, type Route, type RouteContext} from './container-routes.js';
import {parseFilters} from './event-bus.js';
import {newId} from './model.js';
import type {ServiceLogRecord, ServiceRecord, ServiceSpecRecord} from './swarm.js';
import {logTimestamp, parseQueryTime} from './time.js';
import {nodeShape, serviceShape, swarmObjectShape, taskShape} from './swarm-shapes.js';

const notManager = {status: 503, body: {message: 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'}};
const workerRefusal = {status: 503, body: {message: 'This node is not a swarm manager. Worker nodes can\'t be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.'}};
const rpc = (status: number, code: string, description: string) => ({status, body: {message: `rpc error: code = ${code} desc = ${description}`}});

function manager(handle: (context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return context => {
		const {role} = context.model.swarm;
		if (role === 'inactive') return notManager;
		if (role === 'worker') return workerRefusal;
		return handle(context);
	};
}

function withService(handle: (service: ServiceRecord, context: RouteContext) => Answer): (context: RouteContext) => Answer {
	return manager(context => {
		const service = context.model.swarm.findService(context.params[0] ?? '');
		return service ? handle(service, context) : notFound(`service ${context.params[0] ?? ''} not found`);
	});
}

interface RawSpec {
	Name?: string;
	Labels?: Record<string, string>;
	Mode?: {Replicated?: {Replicas?: number}; Global?: object};
	TaskTemplate?: {ForceUpdate?: number; ContainerSpec?: {Image?: string; Args?: string[]; Secrets?: Array<{SecretName?: string}>; Configs?: Array<{ConfigName?: string}>}};
	EndpointSpec?: {Ports?: Array<{TargetPort?: number; PublishedPort?: number}>};
}

function specFrom(raw: RawSpec): ServiceSpecRecord {
	const container = raw.TaskTemplate?.ContainerSpec ?? {};
	return {
		name: raw.Name ?? '',
		image: (container.Image ?? '').replace(/@sha256:[0-9a-f]+$/, ''),
		mode: raw.Mode?.Global ? 'global' : 'replicated',
		replicas: raw.Mode?.Replicated?.Replicas ?? 1,
		labels: {...raw.Labels},
		secrets: (container.Secrets ?? []).map(secret => secret.SecretName ?? ''),
		configs: (container.Configs ?? []).map(config => config.ConfigName ?? ''),
		ports: (raw.EndpointSpec?.Ports ?? []).map(port => ({published: port.PublishedPort ?? 0, target: port.TargetPort ?? 0})),
		forceUpdate: raw.TaskTemplate?.ForceUpdate ?? 0,
		args: container.Args ?? [],
	};
}

const updateService = withService((service, {model, query, body}) => {
	const {swarm} = model;
	if (Number(query.get('version')) !== service.version) return rpc(500, 'Unknown', 'update out of sequence');
	const now = Date.now();
	if (query.get('rollback') === 'previous') {
		if (!service.previousSpec) return rpc(500, 'Unknown', `service ${service.id} does not have a previous spec`);
		const current = service.spec;
		service.spec = service.previousSpec;
		service.previousSpec = current;
		service.failWith = undefined;
		service.updateStatus = {state: 'rollback_completed', message: 'rollback completed', startedAt: now, completedAt: now};
	} else {
		const next = specFrom((body ?? {}) as RawSpec);
		if (next.mode !== service.spec.mode) return rpc(400, 'Unimplemented', 'service mode change is not allowed');
		const isReplicasOnly = JSON.stringify({...next, replicas: 0}) === JSON.stringify({...service.spec, replicas: 0});
		service.previousSpec = service.spec;
		service.spec = next;
		// Scaling alone is no rolling update: the engine keeps the update status as it was.
		if (!isReplicasOnly) service.updateStatus = {state: 'updating', message: 'update in progress', startedAt: now, completedAt: 0};
	}
	service.version = swarm.nextVersion();
	service.updatedAt = now;
	swarm.reconcile(service, now);
	model.bus.publish('service', 'update', service.id, {name: service.spec.name});
	return {status: 200, body: {Warnings: null}};
});

const removeService = withService((service, {model}) => {
	const {swarm} = model;
	swarm.services.delete(service.id);
	// Its log follows end with it, as the engine's do.
	for (const watcher of [...service.logWatchers]) watcher.end();
	for (const task of [...swarm.tasks.values()]) if (task.serviceId === service.id) swarm.tasks.delete(task.id);
	model.bus.publish('service', 'remove', service.id, {name: service.spec.name});
	return {status: 200};
});

const listTasks = manager(({model, query}) => {
	const filters = parseFilters(query.get('filters'));
	if (filters instanceof Error) return {status: 400, body: {message: filters.message}};
	const services = (filters['service'] ?? []).map(reference => model.swarm.findService(reference)?.id ?? reference);
	const desired = filters['desired-state'] ?? [];
	const tasks = [...model.swarm.tasks.values()].filter(task => (services.length === 0 || services.includes(task.serviceId)) && (desired.length === 0 || desired.includes(task.desiredState)));
	return {status: 200, body: tasks.map(taskShape)};
});

const updateNode = manager(({model, params, query, body}) => {
	const node = model.swarm.findNode(params[0] ?? '');
	if (!node) return notFound(`node ${params[0] ?? ''} not found`);
	if (Number(query.get('version')) !== node.version) return rpc(500, 'Unknown', 'update out of sequence');
	const spec = (body ?? {}) as {Role?: string; Availability?: string};
	const managers = [...model.swarm.nodes.values()].filter(other => other.role === 'manager');
	if (spec.Role === 'worker' && node.role === 'manager' && managers.length === 1) return rpc(500, 'FailedPrecondition', 'can\'t remove member from the raft: this would result in a loss of quorum');
	node.role = spec.Role === 'manager' ? 'manager' : 'worker';
	node.availability = spec.Availability === 'drain' || spec.Availability === 'pause' ? spec.Availability : 'active';
	node.version = model.swarm.nextVersion();
	for (const service of model.swarm.services.values()) model.swarm.reconcile(service);
	model.bus.publish('node', 'update', node.id, {name: node.hostname});
	return {status: 200};
});

function objectRoutes(kind: 'secret' | 'config'): Route[] {
	const plural = `${kind}s`;
	return [
		['GET', new RegExp(`^/${plural}$`), manager(({model}) => ({status: 200, body: [...model.swarm.objects.values()].filter(object => object.kind === kind).map(swarmObjectShape)}))],
		['GET', new RegExp(`^/${plural}/([^/]+)$`), manager(({model, params}) => {
			const object = model.swarm.findObject(kind, params[0] ?? '');
			return object ? {status: 200, body: swarmObjectShape(object)} : notFound(`${kind} ${params[0] ?? ''} not found`);
		})],
		['POST', new RegExp(`^/${plural}/create$`), manager(({model, body}) => {
			const spec = (body ?? {}) as {Name?: string; Data?: string; Labels?: Record<string, string>};
			const name = spec.Name ?? '';
			if (model.swarm.findObject(kind, name)?.name === name) return rpc(409, 'AlreadyExists', `${kind} ${name} already exists`);
			const object = {id: newId().slice(0, 25), kind, name, createdAt: Date.now(), labels: {...spec.Labels}, data: Buffer.from(spec.Data ?? '', 'base64')};
			model.swarm.objects.set(object.id, object);
			model.bus.publish(kind, 'create', object.id, {name});
			return {status: 201, body: {ID: object.id}};
		})],
		['DELETE', new RegExp(`^/${plural}/([^/]+)$`), manager(({model, params}) => {
			const object = model.swarm.findObject(kind, params[0] ?? '');
			if (!object) return notFound(`${kind} ${params[0] ?? ''} not found`);
			const users = model.swarm.usersOf(object);
			if (users.length > 0) return rpc(400, 'InvalidArgument', `${kind} '${object.name}' is in use by the following service${users.length === 1 ? '' : 's'}: ${users.map(user => user.spec.name).join(', ')}`);
			model.swarm.objects.delete(object.id);
			model.bus.publish(kind, 'remove', object.id, {name: object.name});
			return {status: 204};
		})],
	];
}

/** GET /services/{id}/logs: multiplexed frames, each line after its timestamp and (details=1) the ids of its node, service and task. */
const serviceLogs = withService((service, {query, res}) => {
	const isTrue = (name: string) => query.get(name) === '1' || query.get(name) === 'true';
	const since = query.get('since') && query.get('since') !== '0' ? parseQueryTime(query.get('since') ?? '') : undefined;
	const tail = query.get('tail');
	const write = (line: ServiceLogRecord) => {
		if (since !== undefined && line.ns < since) return;
		const details = isTrue('details') ? `com.docker.swarm.node.id=${line.nodeId},com.docker.swarm.service.id=${service.id},com.docker.swarm.task.id=${line.taskId} ` : '';
		const payload = Buffer.from(`${isTrue('timestamps') ? `${logTimestamp(line.ns)} ` : ''}${details}${line.text}\n`);
		const header = Buffer.alloc(8);
		header[0] = 1;
		header.writeUInt32BE(payload.length, 4);
		res.write(Buffer.concat([header, payload]));
	};
	res.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
	const all = service.logs;
	for (const line of tail && /^\d+$/.test(tail) ? all.slice(Math.max(0, all.length - Number(tail))) : all) write(line);
	if (!isTrue('follow')) {
		res.end();
		return undefined;
	}
	const watcher = {send: write, end: () => res.end()};
	service.logWatchers.add(watcher);
	res.on('close', () => service.logWatchers.delete(watcher));
	return undefined;
});

export const swarmRoutes: readonly Route[] = [
	['GET', /^\/services\/([^/]+)\/logs$/, serviceLogs],
	['GET', /^\/services$/, manager(({model, query}) => ({status: 200, body: [...model.swarm.services.values()].map(service => serviceShape(model.swarm, service, query.get('status') === 'true' || query.get('status') === '1'))}))],
	['GET', /^\/services\/([^/]+)$/, withService((service, {model}) => ({status: 200, body: serviceShape(model.swarm, service, false)}))],
	['POST', /^\/services\/([^/]+)\/update$/, updateService],
	['DELETE', /^\/services\/([^/]+)$/, removeService],
	['GET', /^\/tasks$/, listTasks],
	['GET', /^\/nodes$/, manager(({model}) => ({status: 200, body: [...model.swarm.nodes.values()].map(nodeShape)}))],
	['GET', /^\/nodes\/([^/]+)$/, manager(({model, params}) => {
		const node = model.swarm.findNode(params[0] ?? '');
		return node ? {status: 200, body: nodeShape(node)} : notFound(`node ${params[0] ?? ''} not found`);
	})],
	['POST', /^\/nodes\/([^/]+)\/update$/, updateNode],
	...objectRoutes('secret'),
	...objectRoutes('config'),
];

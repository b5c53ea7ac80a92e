// Services, tasks, nodes, secrets and configs as a Swarm manager's JSON says
// them (GET /services?status=true, /tasks, /nodes, /secrets, /configs, /info's Swarm).
import type {EngineModel} from './model.js';
import type {NodeRecord, ServiceRecord, ServiceSpecRecord, SwarmModel, SwarmObjectRecord, TaskRecord} from './swarm.js';
import {rfc3339} from './time.js';

const digest = '@sha256:' + 'a5'.repeat(32);

export function serviceSpecShape(spec: ServiceSpecRecord) {
	return {
		Name: spec.name,
		Labels: {...spec.labels},
		TaskTemplate: {
			ContainerSpec: {
				Image: `${spec.image}${digest}`,
				...(spec.args.length > 0 ? {Args: [...spec.args]} : {}),
				Init: false,
				StopGracePeriod: 10_000_000_000,
				DNSConfig: {},
				Isolation: 'default',
				...(spec.secrets.length > 0 ? {Secrets: spec.secrets.map(name => ({File: {Name: name, UID: '0', GID: '0', Mode: 292}, SecretID: `id-${name}`, SecretName: name}))} : {}),
				...(spec.configs.length > 0 ? {Configs: spec.configs.map(name => ({File: {Name: `/${name}`, UID: '0', GID: '0', Mode: 292}, ConfigID: `id-${name}`, ConfigName: name}))} : {}),
			},
			Resources: {Limits: {}, Reservations: {}},
			RestartPolicy: {Condition: 'any', Delay: 5_000_000_000, MaxAttempts: 0},
			Placement: {Platforms: [{Architecture: 'amd64', OS: 'linux'}]},
			ForceUpdate: spec.forceUpdate,
			Runtime: 'container',
		},
		Mode: spec.mode === 'global' ? {Global: {}} : {Replicated: {Replicas: spec.replicas}},
		UpdateConfig: {Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first'},
		RollbackConfig: {Parallelism: 1, FailureAction: 'pause', Monitor: 5_000_000_000, MaxFailureRatio: 0, Order: 'stop-first'},
		EndpointSpec: {Mode: 'vip', ...(spec.ports.length > 0 ? {Ports: spec.ports.map(port => ({Protocol: 'tcp', TargetPort: port.target, PublishedPort: port.published, PublishMode: 'ingress'}))} : {})},
	};
}

export function serviceShape(swarm: SwarmModel, service: ServiceRecord, withStatus: boolean) {
	const ports = service.spec.ports.map(port => ({Protocol: 'tcp', TargetPort: port.target, PublishedPort: port.published, PublishMode: 'ingress'}));
	return {
		ID: service.id,
		Version: {Index: service.version},
		CreatedAt: rfc3339(service.createdAt),
		UpdatedAt: rfc3339(service.updatedAt),
		Spec: serviceSpecShape(service.spec),
		...(service.previousSpec ? {PreviousSpec: serviceSpecShape(service.previousSpec)} : {}),
		Endpoint: ports.length > 0 ? {Spec: {Mode: 'vip', Ports: ports}, Ports: ports, VirtualIPs: [{NetworkID: 'ingress', Addr: '10.0.0.7/24'}]} : {Spec: {}},
		...(service.updateStatus ? {UpdateStatus: {State: service.updateStatus.state, StartedAt: rfc3339(service.updateStatus.startedAt), ...(service.updateStatus.completedAt ? {CompletedAt: rfc3339(service.updateStatus.completedAt)} : {}), Message: service.updateStatus.message}} : {}),
		...(withStatus ? {ServiceStatus: {RunningTasks: swarm.running(service), DesiredTasks: swarm.desired(service), CompletedTasks: 0}} : {}),
	};
}

export function taskShape(task: TaskRecord) {
	return {
		ID: task.id,
		Version: {Index: 20},
		CreatedAt: rfc3339(task.createdAt),
		UpdatedAt: rfc3339(task.since),
		Labels: {},
		Spec: {ContainerSpec: {Image: `${task.image}${digest}`, Init: false, Isolation: 'default'}, ForceUpdate: task.forceUpdate},
		ServiceID: task.serviceId,
		...(task.slot > 0 ? {Slot: task.slot} : {}),
		NodeID: task.nodeId,
		Status: {
			Timestamp: rfc3339(task.since),
			State: task.state,
			Message: task.message,
			...(task.error ? {Err: task.error} : {}),
			...(task.containerId || task.exitCode !== undefined ? {ContainerStatus: {ContainerID: task.containerId, PID: task.state === 'running' ? 4242 : 0, ExitCode: task.exitCode ?? 0}} : {}),
			PortStatus: {},
		},
		DesiredState: task.desiredState,
	};
}

export function nodeShape(node: NodeRecord) {
	return {
		ID: node.id,
		Version: {Index: node.version},
		CreatedAt: rfc3339(node.createdAt),
		UpdatedAt: rfc3339(node.createdAt),
		Spec: {Labels: {}, Role: node.role, Availability: node.availability},
		Description: {
			Hostname: node.hostname,
			Platform: {Architecture: 'x86_64', OS: 'linux'},
			Resources: {NanoCPUs: 4_000_000_000, MemoryBytes: 8 * 1024 ** 3},
			Engine: {EngineVersion: node.engineVersion, Plugins: [{Type: 'Log', Name: 'json-file'}, {Type: 'Network', Name: 'overlay'}, {Type: 'Volume', Name: 'local'}]},
			TLSInfo: {TrustRoot: '', CertIssuerSubject: '', CertIssuerPublicKey: ''},
		},
		Status: {State: node.status, Addr: '127.0.0.1'},
		...(node.role === 'manager' ? {ManagerStatus: {...(node.isLeader ? {Leader: true} : {}), Reachability: node.status === 'ready' ? 'reachable' : 'unreachable', Addr: '127.0.0.1:2377'}} : {}),
	};
}

export function swarmObjectShape(object: SwarmObjectRecord) {
	return {
		ID: object.id,
		Version: {Index: 11},
		CreatedAt: rfc3339(object.createdAt),
		UpdatedAt: rfc3339(object.createdAt),
		Spec: {Name: object.name, Labels: {...object.labels}, ...(object.kind === 'config' ? {Data: object.data.toString('base64')} : {})},
	};
}

/** /info's Swarm field. */
export function swarmInfo(model: EngineModel) {
	const {swarm} = model;
	if (swarm.role === 'inactive') return {NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null};
	const nodes = [...swarm.nodes.values()];
	return {
		NodeID: swarm.selfId,
		NodeAddr: '127.0.0.1',
		LocalNodeState: 'active',
		ControlAvailable: swarm.role === 'manager',
		Error: '',
		RemoteManagers: [{NodeID: nodes.find(node => node.isLeader)?.id ?? swarm.selfId, Addr: '127.0.0.1:2377'}],
		...(swarm.role === 'manager' ? {Nodes: nodes.length, Managers: nodes.filter(node => node.role === 'manager').length} : {}),
	};
}

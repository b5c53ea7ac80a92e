// A container's life in the stand-in engine: each change of state answers as
// the engine does (204, 304 when already so, 409 when not allowed) and
// publishes the engine's own events for it, in the engine's order: a stop is
// kill (signal 15), die (exitCode), network disconnect, volume unmount, stop.
import type {ContainerRecord, EngineModel, HealthStatus} from './model.js';

export interface Outcome {
	readonly status: number;
	readonly body?: unknown;
}

const done: Outcome = {status: 204};
const unchanged: Outcome = {status: 304};
const conflict = (message: string): Outcome => ({status: 409, body: {message}});

function addressOn(subnet: string, host: number): string {
	const [base = '0.0.0.0'] = subnet.split('/');
	const value = base.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0) + host;
	return [24, 16, 8, 0].map(shift => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** An address on the network's subnet, the first time the container is on it while running. */
export function assignAddress(model: EngineModel, container: ContainerRecord, networkId: string): void {
	const network = model.networks.get(networkId);
	if (!network?.subnet || container.networks.get(networkId)?.ip) return;
	const host = network.nextHost++;
	container.networks.set(networkId, {ip: addressOn(network.subnet, host), prefix: Number(network.subnet.split('/')[1] ?? 16), mac: `02:42:ac:11:00:${host.toString(16).padStart(2, '0')}`});
}

/** Joins its networks and mounts its volumes, with their events. */
function attach(model: EngineModel, container: ContainerRecord): void {
	for (const networkId of container.networks.keys()) {
		const network = model.networks.get(networkId);
		if (!network) continue;
		assignAddress(model, container, networkId);
		model.bus.publish('network', 'connect', networkId, {container: container.id, name: network.name, type: network.driver});
	}
	for (const mount of container.mounts) {
		model.bus.publish('volume', 'mount', mount.volume, {container: container.id, destination: mount.destination, driver: 'local', propagation: '', 'read/write': 'true'});
	}
}

function detach(model: EngineModel, container: ContainerRecord): void {
	for (const networkId of container.networks.keys()) {
		const network = model.networks.get(networkId);
		if (network) model.bus.publish('network', 'disconnect', networkId, {container: container.id, name: network.name, type: network.driver});
	}
	for (const mount of container.mounts) model.bus.publish('volume', 'unmount', mount.volume, {container: container.id, driver: 'local'});
}

function run(model: EngineModel, container: ContainerRecord): void {
	attach(model, container);
	container.state = 'running';
	container.startedAt = Date.now();
	container.exitCode = 0;
	container.oomKilled = false;
	if (container.health) {
		container.health.status = 'starting';
		container.health.failingStreak = 0;
	}
	model.emitContainer(container, 'start');
}

/** The process ended: die with its code, off its networks and volumes; open log follows and stats streams end. */
function end(model: EngineModel, container: ContainerRecord, exitCode: number): void {
	container.state = 'exited';
	container.exitCode = exitCode;
	container.finishedAt = Date.now();
	model.emitContainer(container, 'die', {exitCode: String(exitCode)});
	detach(model, container);
	for (const stopped of [...container.watchers.stopped]) stopped();
}

export function startContainer(model: EngineModel, container: ContainerRecord): Outcome {
	if (container.state === 'running' || container.state === 'restarting') return unchanged;
	if (container.state === 'paused') return conflict('cannot start a paused container, try unpause instead');
	run(model, container);
	return done;
}

export function stopContainer(model: EngineModel, container: ContainerRecord): Outcome {
	if (!model.isActive(container)) return unchanged;
	model.emitContainer(container, 'kill', {signal: '15'});
	// A process that ignores SIGTERM is killed when the stop timeout runs out.
	if (container.stopExitCode === 137) model.emitContainer(container, 'kill', {signal: '9'});
	end(model, container, container.stopExitCode);
	model.emitContainer(container, 'stop');
	return done;
}

export function restartContainer(model: EngineModel, container: ContainerRecord): Outcome {
	if (model.isActive(container)) {
		model.emitContainer(container, 'kill', {signal: '15'});
		end(model, container, container.stopExitCode);
		model.emitContainer(container, 'stop');
	}
	run(model, container);
	model.emitContainer(container, 'restart');
	return done;
}

export function pauseContainer(model: EngineModel, container: ContainerRecord): Outcome {
	if (container.state === 'paused') return conflict(`Container ${container.id} is already paused`);
	if (container.state !== 'running') return conflict(`Container ${container.id} is not running`);
	container.state = 'paused';
	model.emitContainer(container, 'pause');
	return done;
}

export function unpauseContainer(model: EngineModel, container: ContainerRecord): Outcome {
	if (container.state !== 'paused') return conflict(`Container ${container.id} is not paused`);
	container.state = 'running';
	model.emitContainer(container, 'unpause');
	return done;
}

/** SIGKILL unless a signal is named; the exit code is 128 plus the signal's number. */
export function killContainer(model: EngineModel, container: ContainerRecord, signal = 'SIGKILL'): Outcome {
	if (!model.isActive(container)) return conflict(`Cannot kill container: ${container.id}: Container ${container.id} is not running`);
	const numbers: Readonly<Record<string, number>> = {SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15};
	const number = /^\d+$/.test(signal) ? Number(signal) : numbers[signal.startsWith('SIG') ? signal : `SIG${signal}`] ?? 9;
	model.emitContainer(container, 'kill', {signal: String(number)});
	end(model, container, 128 + number);
	return done;
}

export function removeContainer(model: EngineModel, container: ContainerRecord, options: {readonly force: boolean; readonly volumes: boolean}): Outcome {
	if (container.state === 'paused' && !options.force) return conflict(`You cannot remove a paused container ${container.id}. Unpause and then stop the container before attempting removal or force remove`);
	if (model.isActive(container) && !options.force) return conflict(`You cannot remove a running container ${container.id}. Stop the container before attempting removal or force remove`);
	if (model.isActive(container)) {
		model.emitContainer(container, 'kill', {signal: '9'});
		end(model, container, 137);
	}
	model.containers.delete(container.id);
	model.emitContainer(container, 'destroy');
	if (options.volumes) {
		for (const mount of container.mounts) {
			const volume = model.volumes.get(mount.volume);
			if (volume && 'com.docker.volume.anonymous' in volume.labels && model.usersOfVolume(volume.name).length === 0) {
				model.volumes.delete(volume.name);
				model.bus.publish('volume', 'destroy', volume.name, {driver: volume.driver});
			}
		}
	}
	return done;
}

/**
 * The process ended by itself (a crash, the kernel's OOM killer): an oom event
 * first if so, then die; a restart policy that applies starts it again, as
 * the engine would, counting the restart.
 */
export function exitOnItsOwn(model: EngineModel, container: ContainerRecord, exitCode: number, options: {readonly oom?: boolean} = {}): void {
	if (!model.isActive(container)) throw new Error(`${container.name} is not running`);
	if (options.oom) model.emitContainer(container, 'oom');
	end(model, container, exitCode);
	container.oomKilled = options.oom ?? false;
	const policy = container.restartPolicy.name;
	const restarts = policy === 'always' || policy === 'unless-stopped' || (policy === 'on-failure' && exitCode !== 0
		&& (container.restartPolicy.maximumRetryCount === 0 || container.restartCount < container.restartPolicy.maximumRetryCount));
	if (!restarts) return;
	container.restartCount++;
	run(model, container);
}

/** One health check result; the status turns as the engine turns it, with a health_status event when it does. */
export function recordHealth(model: EngineModel, container: ContainerRecord, status: HealthStatus, output = ''): void {
	const health = container.health;
	if (!health) throw new Error(`${container.name} has no health check`);
	const now = Date.now();
	const exitCode = status === 'unhealthy' ? 1 : 0;
	health.log = [...health.log, {start: now - 20, end: now, exitCode, output}].slice(-5);
	health.failingStreak = exitCode === 0 ? 0 : health.failingStreak + 1;
	if (health.status === status) return;
	health.status = status;
	model.emitContainer(container, `health_status: ${status}`);
}

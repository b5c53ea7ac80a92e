// Several engines behind one client: a container's calls (actions, logs, exec,
// inspect, stats) go to the engine that listed it, whether made through
// docker.getContainer(id) or dialled by path (/containers/ID/logs). The panes
// keep calling one client; only this lookup knows there is more than one engine.
// Everything else (lists, events, images) stays with `fallback`, the first engine.
import type Docker from 'dockerode';

type Dial = (options: {readonly path?: string}, callback: (error: unknown, result?: unknown) => void) => void;

const containerPath = /^\/containers\/([^/?]+)\//;

export function routeByContainer(fallback: Docker, engineOf: (id: string) => Docker | undefined): Docker {
	const owner = (id: string) => engineOf(id) ?? fallback;
	const modem = new Proxy(fallback.modem, {
		get(target, property, receiver) {
			if (property === 'dial') {
				const dial: Dial = (options, callback) => {
					const id = containerPath.exec(options.path ?? '')?.[1];
					const engine = id === undefined ? fallback : owner(decodeURIComponent(id));
					(engine.modem as unknown as {dial: Dial}).dial(options, callback);
				};
				return dial;
			}
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
	return new Proxy(fallback, {
		get(target, property, receiver) {
			if (property === 'getContainer') return (id: string) => owner(id).getContainer(id);
			if (property === 'modem') return modem;
			const value: unknown = Reflect.get(target, property, receiver);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
